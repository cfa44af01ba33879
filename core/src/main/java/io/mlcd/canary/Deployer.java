package io.mlcd.canary;

/** Makes a model version reachable at an address; a Kubernetes deployer can implement this too. */
public interface Deployer {
    Deployment deploy(String model, String version);
}
