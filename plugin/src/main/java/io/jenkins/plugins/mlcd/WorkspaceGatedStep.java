package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.step.ReportKind;
import io.mlcd.step.WorkspaceGates;
import io.mlcd.step.WorkspaceJob;
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
            var json = Failures.named(step.getDescriptor().getFunctionName(), // options checked here, files on the agent
                    () -> getContext().get(FilePath.class).act(new AgentJob<>(step.job())));
            return new VerdictPublisher(getContext().get(Run.class), getContext().get(FlowNode.class),
                    getContext().get(TaskListener.class), step).publish(step.kind(), json, null, null);
        }
    }
}
