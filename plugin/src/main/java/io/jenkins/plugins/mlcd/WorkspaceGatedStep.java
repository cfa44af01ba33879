package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.step.ReportKind;
import io.mlcd.step.WorkspaceGates;
import io.mlcd.step.WorkspaceJob;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A gated step that works in a workspace: it may read its gates from a policy file and writes its
 * reports there. Its engine runs on the agent, where the files are; the controller publishes the
 * report that comes back.
 */
public abstract class WorkspaceGatedStep extends GatedStep {
    private String policy;
    private String reportDir = "mlcd-reports";

    @CheckForNull
    public String getPolicy() {
        return policy;
    }

    /** A YAML policy file in the workspace ({@code gates:} and {@code warn:} lists). */
    @DataBoundSetter
    public void setPolicy(final String policy) {
        this.policy = blankToNull(policy);
    }

    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(final String reportDir) {
        this.reportDir = reportDir;
    }

    /** The engine's work on the agent, which returns the report document as JSON text. */
    abstract WorkspaceJob<String> job();

    /**
     * The job with what only the controller can add before it goes to the agent ({@code validateData}'s
     * history from MLflow); most steps add nothing.
     */
    WorkspaceJob<String> job(final Run<?, ?> run, final FilePath workspace) throws IOException, InterruptedException {
        return job();
    }

    /** With {@link #version()}: the registered model the report is also recorded on; most steps have none. */
    @CheckForNull
    String model() {
        return null;
    }

    @CheckForNull
    String version() {
        return null;
    }

    abstract ReportKind kind();

    /** The gates as the agent reads them; an unset entry is refused here. */
    WorkspaceGates gating() {
        return new WorkspaceGates(getGates().require("gates"), getWarnings().require("warnings"), policy, reportDir);
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Reads the workspace files on the agent, which may take minutes for large ones: not resumable
     * across a controller restart, retried by the user.
     */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "only used when starting; "
                + "the step does not resume after a restart")
        private final transient WorkspaceGatedStep step;

        Execution(final StepContext context, final WorkspaceGatedStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            var run = getContext().get(Run.class);
            var workspace = getContext().get(FilePath.class);
            var json = Failures.named(step.getDescriptor().getFunctionName(), // options checked here, files on the agent
                    () -> workspace.act(new AgentJob<>(step.job(run, workspace))));
            return new VerdictPublisher(run, getContext().get(FlowNode.class), getContext().get(TaskListener.class),
                    step).publish(step.kind(), json, step.model(), step.version());
        }
    }
}
