package io.jenkins.plugins.mlcd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.step.ReportDraft;
import io.mlcd.step.ReportKind;
import io.mlcd.step.ReportLink;
import io.mlcd.step.WorkspaceGates;
import io.mlcd.step.WorkspaceJob;
import java.io.IOException;
import java.util.List;
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
    private String reportDir;

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
        return reportDir == null ? WorkspaceGates.DEFAULT_REPORT_DIR : reportDir;
    }

    /** The report folder in the workspace; blank: the default, {@code mlcd-reports}. */
    @DataBoundSetter
    public void setReportDir(final String reportDir) {
        this.reportDir = blankToNull(reportDir);
    }

    /** The engine's work on the agent, which stages the report files and returns them with the report document. */
    abstract WorkspaceJob<ReportDraft> job();

    /**
     * The job with what only the controller can add before it goes to the agent ({@code validateData}'s
     * history from MLflow); most steps add nothing.
     */
    WorkspaceJob<ReportDraft> job(final Run<?, ?> run, final FilePath workspace) throws IOException,
            InterruptedException {
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
        return new WorkspaceGates(getGates().require("gates"), getWarnings().require("warnings"), policy,
                getReportDir());
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Reads the workspace files on the agent, which may take minutes for large ones: not resumable
     * across a controller restart, retried by the user. In order, as {@code mlcd} does it: the
     * record's target is checked (server, credential, names, run or version) before the work; the
     * agent stages the report files; the record is made; only then are the files published in the
     * report folder (a second, small job on the agent), or discarded when the record failed or the
     * step was stopped. {@link #stop} interrupts this thread and lets the Pipeline move on at once,
     * so the thread checks for the interrupt after the work and before each of these stages.
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
            var name = step.getDescriptor().getFunctionName();
            var kind = step.kind();
            var publisher = new VerdictPublisher(run, getContext().get(FlowNode.class),
                    getContext().get(TaskListener.class), step);
            Failures.named(name, step::job); // the options first: no MLflow call for a mistaken one
            var recorder = publisher.recorder(kind, step.model(), step.version());
            if (recorder != null) {
                publisher.check(recorder, kind, step.model(), step.version());
            }
            var draft = Failures.named(name, // options checked here, files on the agent
                    () -> workspace.act(new AgentJob<>(step.job(run, workspace))));
            List<ReportLink> links = List.of();
            ObjectNode report;
            try {
                report = VerdictPublisher.read(draft.report());
                VerdictPublisher.stopIfInterrupted();
                if (recorder != null) {
                    links = publisher.record(recorder, kind, report, step.model(), step.version());
                }
                VerdictPublisher.stopIfInterrupted();
                Failures.named(name, () -> workspace.act(new AgentJob<>(draft.publish())));
            }
            catch (IOException | InterruptedException | RuntimeException e) {
                discard(workspace, draft, e);
                throw e;
            }
            return publisher.show(kind, report, links);
        }

        /**
         * Removes the staged report files, so that no report claims a verdict without its record; on
         * an interrupt too (with the interrupt cleared for the call, then restored).
         */
        private static void discard(final FilePath workspace, final ReportDraft draft, final Exception cause) {
            var interrupted = Thread.interrupted();
            try {
                workspace.act(new AgentJob<>(draft.discard()));
            }
            catch (IOException | InterruptedException | RuntimeException e) {
                cause.addSuppressed(e);
            }
            finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
