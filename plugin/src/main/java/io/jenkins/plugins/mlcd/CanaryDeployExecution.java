package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.canary.CanaryCatalog;
import io.mlcd.canary.HaproxyLogSource;
import io.mlcd.canary.HaproxyRouter;
import io.mlcd.canary.HaproxyRuntime;
import io.mlcd.canary.HttpPredictionProbe;
import io.mlcd.canary.Rollout;
import io.mlcd.canary.RolloutListener;
import io.mlcd.canary.RolloutPlan;
import io.mlcd.canary.RolloutResult;
import io.mlcd.canary.RolloutState;
import io.mlcd.canary.RolloutStatus;
import io.mlcd.canary.RolloutStore;
import io.mlcd.canary.StepRecord;
import io.mlcd.gate.GateParser;
import io.mlcd.registry.MlflowException;
import io.mlcd.registry.Promoter;
import io.mlcd.registry.RefusedException;
import io.mlcd.report.CanaryHtml;
import io.mlcd.report.CanaryJson;
import io.mlcd.util.Durations;
import io.mlcd.util.InputException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs a canary rollout on a background thread of its own (no executor is held) with the state
 * file in the build's folder. A manual gate (an approve-before weight, or too many inconclusive
 * analyses with {@code manualGate}) ends the thread and waits, like {@code approveModel}, for a
 * decision on the build's {@link ApprovalAction} page, which starts a new one. {@link #onResume()}
 * continues after a controller restart from the state file; {@link #stop} (an aborted build)
 * interrupts the thread or, while waiting, restores the stable version: either way the canary
 * is rolled back before the step ends. Only plain values are persisted.
 */
public final class CanaryDeployExecution extends StepExecution implements PendingDecision {
    private static final long serialVersionUID = 1L;
    private static final String ABORTED_WHILE_WAITING = "build aborted while waiting for a decision";

    private final String id;
    private final String stateFile;
    private final String haproxyRuntime;
    private final String haproxyLogs;
    private final String weights;
    private final String pause;
    private final long minRequests;
    private final double confidence;
    private final int failureLimit;
    private final int inconclusiveLimit;
    private final boolean manualGate;
    @CheckForNull
    private final String approveBefore;
    @CheckForNull
    private final String submitter;
    private final String backend;
    private final String stableServer;
    private final String canaryServer;
    private final ArrayList<String> gates;
    private final ArrayList<String> warnings;
    @CheckForNull
    private final String probeBody;
    @CheckForNull
    private final String canaryUrl;
    @CheckForNull
    private final String stableUrl;
    @CheckForNull
    private final String name;
    @CheckForNull
    private final String version;
    @CheckForNull
    private final String server;
    @CheckForNull
    private final String runId;
    private final boolean reportOnly;
    /** Why the rollout waits for a person; set while it does. */
    private volatile String question = "";
    private transient volatile Thread worker;
    private transient volatile Throwable stopCause;

    CanaryDeployExecution(final StepContext context, final CanaryDeployStep step) {
        super(context);
        this.id = "canary-" + Long.toHexString(System.nanoTime());
        this.stateFile = "mlcd-" + id + ".json";
        this.haproxyRuntime = step.getHaproxyRuntime();
        this.haproxyLogs = step.getHaproxyLogs();
        this.weights = step.getWeights();
        this.pause = step.getPause();
        this.minRequests = step.getMinRequests();
        this.confidence = step.getConfidence();
        this.failureLimit = step.getFailureLimit();
        this.inconclusiveLimit = step.getInconclusiveLimit();
        this.manualGate = step.isManualGate();
        this.approveBefore = step.getApproveBefore();
        this.submitter = step.getSubmitter();
        this.backend = step.getBackend();
        this.stableServer = step.getStableServer();
        this.canaryServer = step.getCanaryServer();
        this.gates = new ArrayList<>(step.getGates());
        this.warnings = new ArrayList<>(step.getWarnings());
        this.probeBody = step.getProbeBody();
        this.canaryUrl = step.getCanaryUrl();
        this.stableUrl = step.getStableUrl();
        this.name = step.getName();
        this.version = step.getVersion();
        this.server = step.getServer();
        this.runId = step.getRunId();
        this.reportOnly = step.isReportOnly();
    }

    @Override
    public boolean start() throws Exception {
        launch(Rollout::start, true);
        return false;
    }

    @Override
    public void onResume() {
        try {
            // nothing saved yet: the restart came before the first weight, maybe before the promotion check
            var saved = stateFile(getContext().get(Run.class)).exists();
            launch(Rollout::recover, !saved);
        }
        catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    @Override
    public void stop(@NonNull final Throwable cause) throws Exception {
        var run = getContext().get(Run.class);
        ApprovalAction.of(run).settled(id);
        synchronized (this) {
            stopCause = cause;
            if (worker != null) {
                worker.interrupt(); // the rollout rolls back, then the worker ends the step with the cause
            }
            else {
                launch(rollout -> rollout.restore(ABORTED_WHILE_WAITING), false);
            }
        }
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getMessage() {
        return "The canary waits: " + question;
    }

    @Override
    public String getSubject() {
        return "the canary" + (name == null ? "" : " of model '" + name + "', version " + version)
                + " (HAProxy backend " + backend + ")";
    }

    @CheckForNull
    @Override
    public String getSubjectUrl() {
        return name == null || version == null ? null : MlflowServers.versionPage(server, name, version);
    }

    @Override
    public String getYes() {
        return "Proceed";
    }

    @Override
    public String getNo() {
        return "Roll back";
    }

    @CheckForNull
    @Override
    public String submitter() {
        return submitter;
    }

    /** Goes on to the next weight or rolls back, on a new worker thread. */
    @Override
    public void decide(final Run<?, ?> run, final boolean proceed, final String by, final String comment)
            throws IOException, InterruptedException {
        var decision = new ApprovalAction.Decision(getSubject() + ": " + question, proceed ? getYes() : getNo(),
                proceed, by, comment);
        ApprovalAction.of(run).decided(id, decision, getContext().get(FlowNode.class));
        getContext().get(TaskListener.class).getLogger().println("canaryDeploy: " + decision.getDisplayName()
                + (comment.isEmpty() ? "" : ": " + comment));
        var signed = comment.isEmpty() ? by : by + " (" + comment + ")";
        synchronized (this) { // one thread on the state file: a stop that came first restores instead
            if (stopCause == null) {
                launch(rollout -> rollout.decide(proceed, signed), false);
            }
        }
    }

    /** Before any traffic moves (on the worker: these are MLflow calls, not for the Pipeline thread). */
    private void checkPromotable(final Run<?, ?> run) throws AbortException {
        if (name == null || version == null) {
            return;
        }
        var missing = new Promoter(MlflowServers.connect(run, server, "canaryDeploy"), Clock.systemUTC())
                .missingEvidence(name, version);
        if (!missing.isEmpty()) {
            throw new AbortException("canaryDeploy: not started: a success would promote version " + version
                    + ", which " + String.join("; ", missing));
        }
    }

    private RolloutPlan plan() throws AbortException {
        try {
            var policy = new GateParser(new CanaryCatalog()).policy(gates, warnings);
            if (!(confidence > 0 && confidence < 1)) {
                throw new InputException("confidence must lie between 0 and 1, such as 0.95; got %s", confidence);
            }
            logAddress();
            if (probeBody != null) {
                address("canaryUrl", canaryUrl);
                address("stableUrl", stableUrl);
            }
            if (policy.gates().isEmpty()) {
                throw new InputException("give the analysis' gates (gates, warnings): without them every analysis "
                        + "would pass");
            }
            return new RolloutPlan(percentages("weights", weights), Durations.parse("pause", pause), policy.gates(),
                    minRequests, confidence, failureLimit, inconclusiveLimit, manualGate,
                    Set.copyOf(percentages("approveBefore", approveBefore == null ? "" : approveBefore)));
        }
        catch (InputException e) {
            throw new AbortException("canaryDeploy: " + e.getMessage());
        }
    }

    /** Where mlcd listens for HAProxy's request logs. */
    private InetSocketAddress logAddress() {
        var colon = haproxyLogs.lastIndexOf(':');
        try {
            var port = Integer.parseInt(haproxyLogs.substring(colon + 1));
            if (colon > 0 && port > 0 && port <= 65535) {
                return new InetSocketAddress(haproxyLogs.substring(0, colon), port);
            }
        }
        catch (NumberFormatException e) {
            // refused below
        }
        throw new InputException("haproxyLogs expects HOST:PORT, such as 127.0.0.1:5514; got '%s'", haproxyLogs);
    }

    /** A model server's http(s) address, for the prediction probe. */
    private static URI address(final String option, @CheckForNull final String value) {
        try {
            var uri = value == null ? null : URI.create(value);
            if (uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        }
        catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InputException("probeBody needs %s, the model server's http:// or https:// address; got '%s'",
                option, value == null ? "" : value);
    }

    private static List<Integer> percentages(final String option, final String text) {
        var values = new ArrayList<Integer>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                values.add(Integer.valueOf(part.strip()));
            }
            catch (NumberFormatException e) {
                throw new InputException("%s expects whole percentages separated by commas, such as 5,25,50,100; "
                        + "got '%s'", option, text);
            }
        }
        return values;
    }

    /** Runs {@code action} on the rollout on a new worker thread, then waits, or ends the step. */
    private void launch(final Function<Rollout, RolloutState> action, final boolean checkPromotion)
            throws IOException, InterruptedException {
        var plan = plan();
        var run = getContext().get(Run.class);
        var listener = getContext().get(TaskListener.class);
        var node = getContext().get(FlowNode.class);
        var store = new RolloutStore(stateFile(run).toPath());
        var thread = new Thread(() -> {
            try {
                if (checkPromotion) {
                    checkPromotable(run);
                }
                var state = withRollout(plan, store, listener, action);
                if (state.status() == RolloutStatus.AWAITING_DECISION && await(run, listener, state)) {
                    return;
                }
                if (!state.status().isFinal()) { // stopped just as the rollout began to wait
                    state = withRollout(plan, store, listener, rollout -> rollout.restore(ABORTED_WHILE_WAITING));
                }
                finish(run, node, listener, plan, state);
            }
            catch (InputException | MlflowException | RefusedException | UncheckedIOException e) {
                fail(new AbortException("canaryDeploy: " + e.getMessage()));
            }
            catch (Exception e) {
                fail(e);
            }
            finally {
                synchronized (this) {
                    if (worker == Thread.currentThread()) {
                        worker = null;
                    }
                }
            }
        }, "mlcd canaryDeploy " + run.getExternalizableId());
        thread.setDaemon(true);
        synchronized (this) {
            worker = thread;
        }
        thread.start();
    }

    private File stateFile(final Run<?, ?> run) {
        return new File(run.getRootDir(), stateFile);
    }

    /**
     * Registers the wait for a person, unless the build was stopped meanwhile; either way this
     * worker ends, and it stops being the worker before {@link #stop} can look.
     *
     * @return whether the rollout now waits
     */
    private synchronized boolean await(final Run<?, ?> run, final TaskListener listener, final RolloutState state)
            throws IOException {
        if (stopCause != null) {
            return false;
        }
        question = state.reason();
        ApprovalAction.of(run).request(id);
        listener.getLogger().println("canaryDeploy: waiting at " + state.weight() + "%: " + question + ". Decide at "
                + run.getAbsoluteUrl() + ApprovalAction.URL + "/" + (submitter == null ? "" : " (submitters: "
                + submitter + ")"));
        worker = null;
        return true;
    }

    /** Ends the step; after a stop, with the stop's cause whatever went wrong on the way. */
    private void fail(final Throwable problem) {
        var aborted = stopCause;
        getContext().onFailure(aborted != null ? aborted : problem);
    }

    private RolloutState withRollout(final RolloutPlan plan, final RolloutStore store, final TaskListener listener,
            final Function<Rollout, RolloutState> action) {
        var router = new HaproxyRouter(new HaproxyRuntime(haproxyRuntime, Duration.ofSeconds(5)), backend, stableServer,
                canaryServer);
        try (var source = new HaproxyLogSource(logAddress(), backend, stableServer, canaryServer, Clock.systemUTC())) {
            var probe = probeBody == null ? null : new HttpPredictionProbe(address("canaryUrl", canaryUrl),
                    address("stableUrl", stableUrl), probeBody);
            return action.apply(new Rollout(plan, router, source, probe, store, Clock.systemUTC(),
                    new LogLines(listener)));
        }
    }

    private void finish(final Run<?, ?> run, final FlowNode node, final TaskListener listener, final RolloutPlan plan,
            final RolloutState state) throws Exception {
        var result = new RolloutResult(plan, state);
        var context = new LinkedHashMap<String, String>();
        if (name != null && version != null) {
            context.put("model", name);
            context.put("version", version);
        }
        context.put("router", "HAProxy " + haproxyRuntime + " backend " + backend);
        var json = CanaryJson.of(result, context, Instant.now()).toString();
        var publisher = new VerdictPublisher(run, node, listener, reportOnly, runId, server);
        var aborted = stopCause;
        var promoted = false;
        if (aborted == null && state.status() == RolloutStatus.SUCCEEDED && name != null && version != null) {
            var promotion = new Promoter(MlflowServers.connect(run, server, "canaryDeploy"), Clock.systemUTC())
                    .promote(name, version, "champion", "previous", false, "jenkins " + run.getExternalizableId());
            listener.getLogger().println("canaryDeploy: @champion -> version " + promotion.version().version()
                    + promotion.previousVersion().map(v -> ", @previous -> version " + v).orElse(""));
            promoted = true;
        }
        if (name != null && version != null) { // as mlcd canary --model --version: the version says how it went live
            MlflowServers.connect(run, server, "canaryDeploy").registry().setTags(name, version,
                    Map.of("mlcd.canary.status", state.status().name()));
        }
        if (aborted != null) {
            listener.getLogger().println("canaryDeploy: build aborted: the canary is " + state.status() + " at weight "
                    + state.weight() + "%");
            try {
                publisher.publish("canary", "canary", json, CanaryHtml::of, new CanaryCatalog(), name, version);
            }
            catch (AbortException e) {
                // the FAILED verdict is in the report; the build ends as its abort says
            }
            getContext().onFailure(aborted);
            return;
        }
        var value = publisher.publish("canary", "canary", json, CanaryHtml::of, new CanaryCatalog(), name, version);
        if (promoted) {
            value.put("promoted", true);
        }
        value.put("status", state.status().name());
        value.put("finalWeight", state.weight());
        getContext().onSuccess(value);
    }

    /** The rollout's progress in the build log. */
    private static final class LogLines implements RolloutListener {
        private final TaskListener listener;

        LogLines(final TaskListener listener) {
            this.listener = listener;
        }

        @Override
        public void weightSet(final int weight) {
            listener.getLogger().println("canaryDeploy: weight " + weight + "%");
        }

        @Override
        public void analysed(final StepRecord record, final RolloutState state) {
            listener.getLogger().println("canaryDeploy: " + record.weight() + "% " + record.outcome() + " (canary "
                    + Math.round(record.canary().getOrDefault("requests", 0.0)) + " requests, baseline "
                    + Math.round(record.baseline().getOrDefault("requests", 0.0)) + ")");
        }

        @Override
        public void ended(final RolloutState state) {
            listener.getLogger().println("canaryDeploy: " + state.status() + " at weight " + state.weight() + "%"
                    + (state.reason() == null ? "" : ": " + state.reason()));
        }
    }

}
