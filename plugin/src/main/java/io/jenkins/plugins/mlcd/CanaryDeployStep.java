package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code canaryDeploy}: {@code mlcd canary} from a build (docs/jenkins/canaryDeploy.md), with the
 * same options and defaults; the options are checked by core's {@code CanaryOptions}. Texts have
 * setters that turn a blank form field into "not given" (the Snippet Generator then leaves them
 * out); numbers and switches are public fields, where Stapler binds an empty number box as null.
 * Not given means: the rollout file's value, else the default of {@code mlcd canary}.
 */
public final class CanaryDeployStep extends GatedStep {
    @DataBoundSetter
    @CheckForNull
    public Integer minRequests;
    @DataBoundSetter
    @CheckForNull
    public Double confidence;
    @DataBoundSetter
    @CheckForNull
    public Integer failureLimit;
    @DataBoundSetter
    @CheckForNull
    public Integer inconclusiveLimit;
    @DataBoundSetter
    public boolean manualGate;
    @DataBoundSetter
    public boolean blueGreen;
    @DataBoundSetter
    public boolean allowNoAnalysis;
    /** With {@code name} and {@code version}: move the alias champion on success, as without --no-promote. */
    @DataBoundSetter
    public boolean promote = true;
    private String haproxyRuntime;
    private String routerUrl;
    private String backend;
    private String stableServer;
    private String canaryServer;
    private String haproxyLogs;
    private String prometheus;
    private String weights;
    private String pause;
    private String approveBefore;
    private String rollout;
    private String probe;
    private String canaryUrl;
    private String stableUrl;
    private String deployCommand;
    private String healthPath;
    private String name;
    private String version;
    private String submitter;

    @DataBoundConstructor
    public CanaryDeployStep() {
        // every option is optional; which are needed together is checked when the step starts
    }

    @CheckForNull
    public String getHaproxyRuntime() {
        return haproxyRuntime;
    }

    @DataBoundSetter
    public void setHaproxyRuntime(final String haproxyRuntime) {
        this.haproxyRuntime = blankToNull(haproxyRuntime);
    }

    @CheckForNull
    public String getRouterUrl() {
        return routerUrl;
    }

    @DataBoundSetter
    public void setRouterUrl(final String routerUrl) {
        this.routerUrl = blankToNull(routerUrl);
    }

    @CheckForNull
    public String getBackend() {
        return backend;
    }

    @DataBoundSetter
    public void setBackend(final String backend) {
        this.backend = blankToNull(backend);
    }

    @CheckForNull
    public String getStableServer() {
        return stableServer;
    }

    @DataBoundSetter
    public void setStableServer(final String stableServer) {
        this.stableServer = blankToNull(stableServer);
    }

    @CheckForNull
    public String getCanaryServer() {
        return canaryServer;
    }

    @DataBoundSetter
    public void setCanaryServer(final String canaryServer) {
        this.canaryServer = blankToNull(canaryServer);
    }

    @CheckForNull
    public String getHaproxyLogs() {
        return haproxyLogs;
    }

    @DataBoundSetter
    public void setHaproxyLogs(final String haproxyLogs) {
        this.haproxyLogs = blankToNull(haproxyLogs);
    }

    @CheckForNull
    public String getPrometheus() {
        return prometheus;
    }

    @DataBoundSetter
    public void setPrometheus(final String prometheus) {
        this.prometheus = blankToNull(prometheus);
    }

    @CheckForNull
    public String getWeights() {
        return weights;
    }

    @DataBoundSetter
    public void setWeights(final String weights) {
        this.weights = blankToNull(weights);
    }

    @CheckForNull
    public String getPause() {
        return pause;
    }

    @DataBoundSetter
    public void setPause(final String pause) {
        this.pause = blankToNull(pause);
    }

    @CheckForNull
    public String getApproveBefore() {
        return approveBefore;
    }

    @DataBoundSetter
    public void setApproveBefore(final String approveBefore) {
        this.approveBefore = blankToNull(approveBefore);
    }

    @CheckForNull
    public String getRollout() {
        return rollout;
    }

    /** The text of a rollout file (YAML), e.g. {@code readFile('rollout.yaml')}. */
    @DataBoundSetter
    public void setRollout(final String rollout) {
        this.rollout = blankToNull(rollout);
    }

    @CheckForNull
    public String getProbe() {
        return probe;
    }

    /** A scoring request body (JSON), e.g. {@code readFile('probe.json')}. */
    @DataBoundSetter
    public void setProbe(final String probe) {
        this.probe = blankToNull(probe);
    }

    @CheckForNull
    public String getCanaryUrl() {
        return canaryUrl;
    }

    @DataBoundSetter
    public void setCanaryUrl(final String canaryUrl) {
        this.canaryUrl = blankToNull(canaryUrl);
    }

    @CheckForNull
    public String getStableUrl() {
        return stableUrl;
    }

    @DataBoundSetter
    public void setStableUrl(final String stableUrl) {
        this.stableUrl = blankToNull(stableUrl);
    }

    @CheckForNull
    public String getDeployCommand() {
        return deployCommand;
    }

    @DataBoundSetter
    public void setDeployCommand(final String deployCommand) {
        this.deployCommand = blankToNull(deployCommand);
    }

    @CheckForNull
    public String getHealthPath() {
        return healthPath;
    }

    @DataBoundSetter
    public void setHealthPath(final String healthPath) {
        this.healthPath = blankToNull(healthPath);
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(final String name) {
        this.name = blankToNull(name);
    }

    @CheckForNull
    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(final String version) {
        this.version = blankToNull(version);
    }

    @CheckForNull
    public String getSubmitter() {
        return submitter;
    }

    @DataBoundSetter
    public void setSubmitter(final String submitter) {
        this.submitter = blankToNull(submitter);
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new CanaryDeployExecution(context, this);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        @Override
        public String getFunctionName() {
            return "canaryDeploy";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Shift live traffic to a model version step by step, with automatic rollback (mlcd)";
        }
    }
}
