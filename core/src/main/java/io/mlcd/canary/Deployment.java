package io.mlcd.canary;

import java.net.URI;

/**
 * A model version made reachable: its base URI, and the process serving it when a deployer
 * started one (-1 otherwise), so that a rollback can stop it.
 */
public record Deployment(URI uri, long pid) {
    /** Stops the serving process, if this deployment started one. */
    public void stop() {
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(process -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            });
        }
    }
}
