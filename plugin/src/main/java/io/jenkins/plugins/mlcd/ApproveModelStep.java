package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code approveModel}: pauses the build until a person approves or rejects a model version on
 * the build's approval page, which shows the build's mlcd reports as evidence. Only
 * {@code submitter} users or groups may decide (without it, anyone with Build on the job;
 * administrators always). The decision is recorded on the build and on the MLflow version
 * ({@code mlcd.approval.*}). The wait holds no executor or thread and survives a controller
 * restart ({@link ApproveModelExecution}).
 */
public final class ApproveModelStep extends Step {
    private final String name;
    private final String version;
    private String submitter;
    private String message;
    private int timeoutMinutes;
    private String server;

    @DataBoundConstructor
    public ApproveModelStep(final String name, final String version) {
        this.name = name;
        this.version = version;
    }

    public String getName() {
        return name;
    }

    public String getVersion() {
        return version;
    }

    @CheckForNull
    public String getSubmitter() {
        return submitter;
    }

    /** Comma-separated user ids or group names allowed to decide. */
    @DataBoundSetter
    public void setSubmitter(final String submitter) {
        this.submitter = GatedStep.blankToNull(submitter);
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(final String message) {
        this.message = GatedStep.blankToNull(message);
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** Minutes to wait for a decision before failing the step; 0 waits as long as it takes. */
    @DataBoundSetter
    public void setTimeoutMinutes(final int timeoutMinutes) {
        this.timeoutMinutes = Math.max(0, timeoutMinutes);
    }

    @CheckForNull
    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(final String server) {
        this.server = GatedStep.blankToNull(server);
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new ApproveModelExecution(context, this);
    }

    @Extension
    public static final class DescriptorImpl extends MlcdStepDescriptor {
        public DescriptorImpl() {
            super("approveModel", "Wait for a person to approve a model version (mlcd)", Run.class, TaskListener.class,
                    FlowNode.class);
        }
    }
}
