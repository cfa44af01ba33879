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
 * {@code canaryDeploy}: {@code mlcd canary} from a build, with HAProxy as router and its request
 * logs as metric source (docs/canary.md). The rollout runs in the background, its state in the
 * build's folder; a controller restart resumes it, aborting the build rolls it back, and a
 * success promotes the version when {@code name}/{@code version} are given.
 */
public final class CanaryDeployStep extends GatedStep {
    private final String haproxyRuntime;
    private final String haproxyLogs;
    private String weights = "5,25,50,100";
    private String pause = "5m";
    private long minRequests = 100;
    private double confidence = 0.95;
    private int failureLimit;
    private int inconclusiveLimit = 2;
    private String backend = "model";
    private String stableServer = "stable";
    private String canaryServer = "canary";
    private String probeBody;
    private String canaryUrl;
    private String stableUrl;
    private String name;
    private String version;
    private boolean manualGate;
    private String approveBefore;
    private String submitter;

    @DataBoundConstructor
    public CanaryDeployStep(final String haproxyRuntime, final String haproxyLogs) {
        this.haproxyRuntime = haproxyRuntime;
        this.haproxyLogs = haproxyLogs;
    }

    public String getHaproxyRuntime() {
        return haproxyRuntime;
    }

    public String getHaproxyLogs() {
        return haproxyLogs;
    }

    public String getWeights() {
        return weights;
    }

    /** Canary percentages, comma separated, rising to 100, as {@code mlcd canary --weights}. */
    @DataBoundSetter
    public void setWeights(final String weights) {
        this.weights = weights;
    }

    public String getPause() {
        return pause;
    }

    @DataBoundSetter
    public void setPause(final String pause) {
        this.pause = pause;
    }

    public long getMinRequests() {
        return minRequests;
    }

    @DataBoundSetter
    public void setMinRequests(final long minRequests) {
        this.minRequests = minRequests;
    }

    public double getConfidence() {
        return confidence;
    }

    @DataBoundSetter
    public void setConfidence(final double confidence) {
        this.confidence = confidence;
    }

    public int getFailureLimit() {
        return failureLimit;
    }

    @DataBoundSetter
    public void setFailureLimit(final int failureLimit) {
        this.failureLimit = failureLimit;
    }

    public int getInconclusiveLimit() {
        return inconclusiveLimit;
    }

    @DataBoundSetter
    public void setInconclusiveLimit(final int inconclusiveLimit) {
        this.inconclusiveLimit = inconclusiveLimit;
    }

    public String getBackend() {
        return backend;
    }

    @DataBoundSetter
    public void setBackend(final String backend) {
        this.backend = backend;
    }

    public String getStableServer() {
        return stableServer;
    }

    @DataBoundSetter
    public void setStableServer(final String stableServer) {
        this.stableServer = stableServer;
    }

    public String getCanaryServer() {
        return canaryServer;
    }

    @DataBoundSetter
    public void setCanaryServer(final String canaryServer) {
        this.canaryServer = canaryServer;
    }

    @CheckForNull
    public String getProbeBody() {
        return probeBody;
    }

    /** A scoring request body sent to both versions each step to compare their predictions. */
    @DataBoundSetter
    public void setProbeBody(final String probeBody) {
        this.probeBody = blankToNull(probeBody);
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
    public String getName() {
        return name;
    }

    /** The registered model whose version goes live; with {@code version}, a success promotes it. */
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

    public boolean isManualGate() {
        return manualGate;
    }

    /** After too many INCONCLUSIVE analyses, wait for a person's Proceed or Roll back instead of rolling back. */
    @DataBoundSetter
    public void setManualGate(final boolean manualGate) {
        this.manualGate = manualGate;
    }

    @CheckForNull
    public String getApproveBefore() {
        return approveBefore;
    }

    /** Weights, comma separated, that a person must approve before traffic moves to them. */
    @DataBoundSetter
    public void setApproveBefore(final String approveBefore) {
        this.approveBefore = blankToNull(approveBefore);
    }

    @CheckForNull
    public String getSubmitter() {
        return submitter;
    }

    /** Who may decide at the manual gates: user ids or groups, comma separated, as for approveModel. */
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
