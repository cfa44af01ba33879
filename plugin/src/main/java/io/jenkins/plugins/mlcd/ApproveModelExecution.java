package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.registry.Approver;
import io.mlcd.step.ApprovalQuestion;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The waiting side of {@code approveModel}, after the input step's pattern: {@code start()}
 * registers the request with the build's {@link ApprovalAction}, marks the step's flow node as
 * paused and returns at once; the decision arrives through that action's POST endpoint; a
 * timeout, if any, is a timer re-armed from the persisted deadline in {@link #onResume()}. A
 * person and the timeout claim the request; the first to claim it settles it. All state is plain
 * serializable fields; the texts are core's {@link ApprovalQuestion}.
 */
public final class ApproveModelExecution extends StepExecution implements PendingDecision {
    private static final long serialVersionUID = 1L;
    /** While a person's decision is being recorded, the timeout looks again this much later. */
    private static final long RECHECK_MILLIS = 10_000;

    private final String id;
    private final String name;
    private final String version;
    @CheckForNull
    private final String submitter;
    private final String message;
    @CheckForNull
    private final String server;
    /** Epoch milliseconds after which the step fails; 0: no limit. */
    private final long deadline;
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "re-armed by onResume")
    private transient volatile ScheduledFuture<?> timeout;

    ApproveModelExecution(final StepContext context, final ApproveModelStep step) {
        super(context);
        this.id = "approval-" + Long.toHexString(System.nanoTime());
        this.name = step.getName();
        this.version = step.getVersion();
        this.submitter = step.getSubmitter();
        this.message = ApprovalQuestion.of(name, version, step.getMessage()).question();
        this.server = step.getServer();
        this.deadline = step.getTimeoutMinutes() == 0 ? 0
                : System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(step.getTimeoutMinutes());
    }

    @Override
    public boolean start() throws Exception {
        if (recordsInMlflow()) { // the server and its credential are looked up before anyone waits
            Failures.named("approveModel", () -> MlflowServers.connect(getContext().get(Run.class), server,
                    "approveModel"));
        }
        ApprovalAction.ask(getContext().get(Run.class), getContext().get(FlowNode.class),
                getContext().get(TaskListener.class), id, "Approval", "approveModel: " + message, submitter);
        armTimeout(deadline - System.currentTimeMillis());
        return false;
    }

    @Override
    public void onResume() {
        armTimeout(deadline - System.currentTimeMillis());
    }

    @Override
    public void stop(@NonNull final Throwable cause) throws Exception {
        cancelTimeout();
        var run = getContext().get(Run.class);
        var withdrawn = true; // a decision being recorded is waited for; if it was recorded, it ended the step
        try {
            withdrawn = run == null || ApprovalAction.settled(run, id, getContext().get(FlowNode.class));
        }
        finally {
            if (withdrawn) { // also when the bookkeeping failed: the step must end
                super.stop(cause);
            }
        }
    }

    @Override
    public String getStatus() {
        return "waiting for a decision on " + texts().subject() + (deadline == 0 ? "" : " until "
                + Instant.ofEpochMilli(deadline));
    }

    private boolean recordsInMlflow() {
        return server != null || MlcdConfiguration.get().server(null).isPresent();
    }

    private ApprovalQuestion texts() {
        return new ApprovalQuestion(name, version, message);
    }

    private void armTimeout(final long delay) {
        if (deadline != 0) {
            timeout = Timer.get().schedule(this::timeOut, Math.max(0, delay), TimeUnit.MILLISECONDS);
        }
    }

    /** Fails the step unless a person claimed the decision first; while theirs is being recorded, looks again. */
    private void timeOut() {
        try {
            var approvals = ApprovalAction.of(getContext().get(Run.class));
            if (approvals.timeOut(id)) {
                ApprovalAction.endPause(getContext().get(FlowNode.class));
                getContext().onFailure(new AbortException("approveModel: " + texts().timedOut()));
            }
            else if (approvals.isOpen(id)) {
                armTimeout(RECHECK_MILLIS);
            }
        }
        catch (IOException e) {
            getContext().onFailure(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            getContext().onFailure(e);
        }
    }

    private void cancelTimeout() {
        var pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    @Override
    public Question question() {
        return new Question(id, message, texts().subject(), MlflowServers.versionPage(server, name, version), "Approve",
                "Reject", submitter);
    }

    /**
     * Records on MLflow and on the build, then ends the step (approval returns a map; rejection
     * fails it with one line). Nothing is written once the step was stopped; a stop that comes while
     * MLflow is written waits for it ({@link ApprovalAction#recording}), and the decision stands.
     */
    @Override
    public void decide(final Run<?, ?> run, final boolean approved, final String by, final String comment)
            throws IOException, InterruptedException {
        var approvals = ApprovalAction.of(run);
        if (!approvals.recording(id)) {
            throw new AbortException("approveModel: the step ended before the decision could be recorded");
        }
        var recordInMlflow = recordsInMlflow();
        if (recordInMlflow) {
            Failures.named("approveModel: recording the decision in MLflow failed", () -> new Approver(
                    MlflowServers.connect(run, server, "approveModel"), Clock.systemUTC())
                    .decide(name, version, approved, by, comment));
        }
        var asked = question();
        approvals.decided(id, new ApprovalAction.Decision(asked.subject(), approved ? asked.yes() : asked.no(),
                approved, by, comment), getContext().get(FlowNode.class));
        cancelTimeout();
        try {
            getContext().get(TaskListener.class).getLogger().println("approveModel: "
                    + texts().decided(approved, by, comment, recordInMlflow));
        }
        finally {
            if (approved) {
                getContext().onSuccess(texts().approved(by, comment));
            }
            else {
                getContext().onFailure(new AbortException("approveModel: " + texts().rejected(by, comment)));
            }
            approvals.recorded(id);
        }
    }
}
