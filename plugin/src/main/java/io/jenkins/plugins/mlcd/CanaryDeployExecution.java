package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.FilePath;
import hudson.init.Terminator;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.mlcd.canary.CanaryOptions;
import io.mlcd.canary.Deployment;
import io.mlcd.canary.ProgressLines;
import io.mlcd.canary.RolloutLock;
import io.mlcd.canary.RolloutPlan;
import io.mlcd.canary.RolloutResult;
import io.mlcd.canary.RolloutRunner;
import io.mlcd.canary.RolloutState;
import io.mlcd.canary.RolloutStatus;
import io.mlcd.canary.RolloutStore;
import io.mlcd.registry.Mlflow;
import io.mlcd.step.CanaryArguments;
import io.mlcd.step.CanaryDeployment;
import io.mlcd.step.CanaryEnd;
import io.mlcd.step.ReportKind;
import io.mlcd.util.InputException;
import io.mlcd.util.SafeText;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;

/**
 * Jenkins' side of a canary rollout; core's {@link RolloutRunner} does the rollout on threads of its
 * own, with no executor held, and core's {@link CanaryEnd} ends it. What the runner reports goes into
 * the build log, the decision page, the flow node and the step's end. A wait for a decision looks like
 * {@code input}'s: the question on the build's {@link ApprovalAction} page and a {@link PauseAction} on
 * the step's node. Aborting the build stops the rollout through the runner (ABORTED, weight 0); a
 * controller restart recovers it from the state file in the build's folder, and a shutdown suspends it
 * first. Only plain values are persisted: the step's arguments, the id, the state file's name, the
 * question, the deployed canary's address and why the build was stopped.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "the step is instantiated again from "
        + "its arguments, the runner and what its events need are made again by onResume")
public final class CanaryDeployExecution extends StepExecution implements PendingDecision, RolloutRunner.Events {
    private static final long serialVersionUID = 2L;
    private static final Logger LOGGER = Logger.getLogger(CanaryDeployExecution.class.getName());
    private static final String STEP = "canaryDeploy";
    /** Rollouts with a runner in this controller, to suspend at shutdown. */
    private static final Set<CanaryDeployExecution> LIVE = ConcurrentHashMap.newKeySet();

    private final TreeMap<String, Object> arguments;
    private final String id;
    private final String stateFile;
    private volatile String question = "";
    @CheckForNull
    private volatile String deployed;
    @CheckForNull
    private volatile Throwable stopped;
    private transient volatile CanaryDeployStep step;
    private transient volatile RolloutRunner runner;
    // what the runner's events need, from the step's context when the runner begins
    private transient volatile Run<?, ?> run;
    private transient volatile TaskListener listener;
    private transient volatile FlowNode node;
    private transient volatile RolloutPlan plan;
    private transient volatile String router;

    CanaryDeployExecution(final StepContext context, final CanaryDeployStep step) {
        super(context);
        this.arguments = new TreeMap<>(DescribableModel.uninstantiate2_(step).toMap());
        this.step = step;
        this.id = "canary-" + Long.toHexString(System.nanoTime());
        this.stateFile = "mlcd-" + id + ".json";
    }

    @Override
    public boolean start() throws Exception {
        var options = options();
        var workspace = getContext().get(FilePath.class);
        var probes = GatedStep.blankToNull(step().probe) != null;
        if (options.deploys() && (workspace == null || workspace.isRemote() && probes)) {
            throw new AbortException(workspace == null ? "canaryDeploy: deployCommand starts the model server on a "
                    + "node: call canaryDeploy inside node" : "canaryDeploy: the probe is sent from the controller, "
                    + "which cannot reach a canary that deployCommand starts on an agent");
        }
        if (step().getRunId() != null || model() != null && version() != null) { // before anything moves
            Failures.named(STEP, () -> MlflowServers.connect(getContext().get(Run.class), step().getServer(), STEP));
        }
        begin(options).start(() -> prepare(options));
        return false;
    }

    @Override
    public void onResume() {
        try {
            var options = options();
            var resumed = begin(options);
            if (stopped != null) { // the build was aborted before the restart: restore, do not resume
                resumed.stop("build aborted");
            }
            resumed.recover(() -> prepare(options));
        }
        catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    /** Does not interrupt anything: the runner rolls back, then reports the end, which ends the step. */
    @Override
    public void stop(@NonNull final Throwable cause) {
        stopped = cause;
        getContext().saveState();
        var current = runner;
        if (current == null || !current.stop("build aborted")) {
            getContext().onFailure(cause);
        }
    }

    @Override
    public boolean blocksRestart() {
        var current = runner;
        return current != null && current.busy();
    }

    @Override
    public String getStatus() {
        var current = runner;
        return (current == null ? "not started" : current.status()) + (question.isEmpty() ? "" : ": " + question);
    }

    /** At shutdown, every rollout stops where it stands and frees its router; it resumes after the restart. */
    @Terminator
    public static void suspendAll() throws InterruptedException {
        for (CanaryDeployExecution execution : LIVE) {
            var current = execution.runner;
            if (current != null) {
                current.suspend("Jenkins is shutting down", Duration.ofSeconds(10));
            }
            LIVE.remove(execution);
        }
    }

    @Override
    public Question question() {
        var version = model() == null ? "" : " of model '" + model() + "', version " + version();
        return new Question(id, "The canary waits: " + question, "the canary" + version, model() == null ? null
                : MlflowServers.versionPage(step().getServer(), model(), version()), "Proceed", "Roll back",
                GatedStep.blankToNull(step().submitter));
    }

    /**
     * Accepted only while the rollout waits (after a restart: once its recovery found it waiting): the
     * runner takes the decision first, and only a decision it accepted is recorded. A stop that comes
     * meanwhile waits for that ({@link ApprovalAction#recording}); the rollout then ends as the stop says.
     */
    @Override
    public void decide(final Run<?, ?> run, final boolean proceed, final String by, final String comment)
            throws IOException, InterruptedException {
        var current = runner;
        var approvals = ApprovalAction.of(run);
        if (current == null || !approvals.recording(id)) {
            throw new AbortException("canaryDeploy: the rollout is not waiting for a decision: it is "
                    + (current == null ? "not running" : current.status()));
        }
        var asked = question();
        var gate = question;
        Failures.named(STEP, () -> { // refused unless the rollout waits: then nothing is recorded
            current.decide(proceed, comment.isEmpty() ? by : by + " (" + comment + ")");
            return null;
        });
        try {
            var decision = new ApprovalAction.Decision(asked.subject() + ": " + gate, proceed ? asked.yes()
                    : asked.no(), proceed, by, comment);
            question = ""; // the next gate, if any, is asked once this decision is recorded
            approvals.decided(id, decision, node);
            listener.getLogger().println("canaryDeploy: " + decision.getDisplayName() + (comment.isEmpty() ? ""
                    : ": " + SafeText.line(comment, SafeText.QUOTE_LIMIT)));
        }
        finally {
            approvals.recorded(id);
        }
    }

    /** The rollout waits: the question goes on the decision page and the step's node (once: it may be a restart). */
    @Override
    public void awaitingDecision(final RolloutState state) {
        var reason = state.reason();
        try {
            ApprovalAction.ask(run, node, listener, id, "canaryDeploy: " + reason, "canaryDeploy: waiting at "
                    + state.weight() + "%: " + reason + ".", question().submitter());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while asking for a decision");
        }
        question = reason;
        getContext().saveState();
    }

    @Override
    public void finished(final RolloutState state) {
        try {
            settle();
            publish(state);
        }
        catch (Exception e) {
            complete(e);
        }
        finally {
            LIVE.remove(this);
        }
    }

    @Override
    public void failed(final RuntimeException problem) {
        try {
            settle();
        }
        catch (IOException e) {
            problem.addSuppressed(e);
        }
        complete(problem);
        LIVE.remove(this);
    }

    private CanaryDeployStep step() {
        if (step == null) {
            step = new DescribableModel<>(CanaryDeployStep.class).instantiate(arguments, null);
        }
        return step;
    }

    @CheckForNull
    private String model() {
        return GatedStep.blankToNull(step().name);
    }

    @CheckForNull
    private String version() {
        return GatedStep.blankToNull(step().version);
    }

    /** The options as core checks them; a mistake fails the step in one line before anything moves. */
    private CanaryOptions options() throws IOException, InterruptedException {
        return Failures.named(STEP, () -> new CanaryArguments(arguments).options());
    }

    private RolloutRunner begin(final CanaryOptions options) throws IOException, InterruptedException {
        run = getContext().get(Run.class);
        listener = getContext().get(TaskListener.class);
        node = getContext().get(FlowNode.class);
        plan = options.plan();
        var target = options.router();
        router = target.toString();
        var parts = new RolloutRunner.Parts(plan, target, () -> options.openSource(canary()),
                () -> options.predictionProbe(canary()), new RolloutStore(new File(run.getRootDir(), stateFile).toPath()),
                Clock.systemUTC(), new ProgressLines(STEP, listener.getLogger()::println));
        var holder = "Jenkins build " + run.getExternalizableId();
        // as workflow-step-api's own workers: daemons that do not keep the Pipeline script's class loader
        runner = new RolloutRunner(parts, this, () -> RolloutLock.acquire(target, holder)::close,
                new NamingThreadFactory(new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()),
                        "mlcd canaryDeploy " + run.getExternalizableId()));
        LIVE.add(this);
        return runner;
    }

    @CheckForNull
    private URI canary() {
        var address = deployed;
        return address == null ? null : URI.create(address);
    }

    private Mlflow mlflow() throws AbortException {
        return MlflowServers.connect(run, step().getServer(), STEP);
    }

    /** Before any traffic moves, on the worker (MLflow calls and a deployment are not for the Pipeline thread). */
    private void prepare(final CanaryOptions options) {
        try {
            if (step().promote && model() != null && version() != null) {
                CanaryEnd.requireEvidence(mlflow(), model(), version(), "set promote: false");
            }
            if (options.deploys() && deployed == null) { // after a restart, the deployment made before still serves
                var workspace = getContext().get(FilePath.class);
                if (workspace == null) {
                    throw new AbortException("canaryDeploy: the node of deployCommand is not available");
                }
                var address = URI.create(workspace.act(new AgentJob<>(new CanaryDeployment(step().deployCommand,
                        step().healthPath, model(), version())))); // options.check() has checked the deployment
                deployed = options.deployCanary((name, modelVersion) -> new Deployment(address, -1)).toString();
                getContext().saveState();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted before the rollout began");
        }
    }

    /** No question is open any more: off the decision page, and the node's pause ends (a decision being recorded first). */
    private void settle() throws IOException {
        question = "";
        try {
            ApprovalAction.settled(run, id, node);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a decision was being recorded", e);
        }
    }

    /**
     * The report and records, the promotion after a success, and the step's result. A stop that comes
     * before the promotion takes the success back (all traffic to the stable version, ABORTED, no
     * promotion); one that comes after it ends the step as the stop says, and the log reports the promotion.
     */
    private void publish(final RolloutState ended) throws IOException, InterruptedException {
        var aborted = stopped; // read once for the promotion, again before the end
        var state = aborted != null && ended.status() == RolloutStatus.SUCCEEDED ? runner.revoke("build aborted")
                : ended;
        var end = new CanaryEnd(new RolloutResult(plan, state), model(), version(), router, deployed);
        var promoted = aborted == null && end.promotes(step().promote);
        if (promoted) { // core's exceptions end the step in one line (complete)
            listener.getLogger().println("canaryDeploy: " + end.promote(mlflow(), Clock.systemUTC(), "jenkins "
                    + run.getExternalizableId()));
        }
        if (end.ofVersion()) { // as mlcd canary --model --version: how the version went live
            end.tagStatus(mlflow());
        }
        var publisher = new VerdictPublisher(run, node, listener, step());
        var report = end.report(Instant.now()).toString();
        if (aborted != null) {
            listener.getLogger().println("canaryDeploy: " + end.stopped("build aborted"));
            try {
                publisher.publish(ReportKind.CANARY, report, model(), version());
            }
            catch (AbortException e) {
                // the FAILED verdict is in the report; the build ends as its abort says
            }
            getContext().onFailure(aborted);
            return;
        }
        var values = end.values(publisher.publish(ReportKind.CANARY, report, model(), version()), promoted);
        var late = stopped;
        if (late != null) { // the promotion was done before the stop came: it stands, the build ends as stopped
            listener.getLogger().println("canaryDeploy: build aborted after the promotion, which stands");
            getContext().onFailure(late);
            return;
        }
        getContext().onSuccess(values);
    }

    /** Ends the step; after a stop, as the build was stopped, whatever else went wrong (that is logged). */
    private void complete(final Throwable problem) {
        var line = oneLine(problem);
        var aborted = stopped;
        if (aborted != null) {
            listener.getLogger().println(line.getMessage());
        }
        getContext().onFailure(aborted != null ? aborted : line);
    }

    /**
     * Core's exceptions and I/O errors carry a message meant for a person; anything else is a defect,
     * whose stack trace goes to the controller's log, not the build's.
     */
    private AbortException oneLine(final Throwable problem) {
        if (problem instanceof AbortException abort) {
            return abort;
        }
        if (problem.getCause() instanceof AbortException abort) {
            return abort;
        }
        if (problem instanceof IOException || problem instanceof UncheckedIOException || Failures.fromCore(problem)) {
            return Failures.oneLine(STEP, problem);
        }
        LOGGER.log(Level.WARNING, "canaryDeploy " + id + " failed", problem);
        return new AbortException("canaryDeploy: unexpected " + SafeText.line(problem.toString().lines().findFirst()
                .orElse("")) + " (stack trace in the Jenkins system log)");
    }
}
