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
import io.mlcd.registry.Promoter;
import io.mlcd.report.CanaryHtml;
import io.mlcd.report.CanaryJson;
import io.mlcd.util.Durations;
import io.mlcd.util.InputException;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs a canary rollout on a background thread of its own (no executor is held) with the state
 * file in the build's folder. {@link #onResume()} continues it after a controller restart from
 * that file; {@link #stop} (an aborted build) interrupts it, which rolls the canary back. Only
 * plain values are persisted.
 */
public final class CanaryDeployExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private final String stateFile;
    private final String haproxyRuntime;
    private final String haproxyLogs;
    private final ArrayList<Integer> weights;
    private final String pause;
    private final long minRequests;
    private final double confidence;
    private final int failureLimit;
    private final int inconclusiveLimit;
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
    private transient volatile Thread worker;

    CanaryDeployExecution(final StepContext context, final CanaryDeployStep step) {
        super(context);
        this.stateFile = "mlcd-canary-" + Long.toHexString(System.nanoTime()) + ".json";
        this.haproxyRuntime = step.getHaproxyRuntime();
        this.haproxyLogs = step.getHaproxyLogs();
        this.weights = new ArrayList<>(step.getWeights());
        this.pause = step.getPause();
        this.minRequests = step.getMinRequests();
        this.confidence = step.getConfidence();
        this.failureLimit = step.getFailureLimit();
        this.inconclusiveLimit = step.getInconclusiveLimit();
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
        launch(plan(), false);
        return false;
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

    @Override
    public void onResume() {
        try {
            launch(plan(), true);
        }
        catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    @Override
    public void stop(@NonNull final Throwable cause) throws Exception {
        var running = worker;
        if (running != null) {
            running.interrupt(); // the rollout rolls back, then the worker fails the step with the cause
        }
        else {
            super.stop(cause);
        }
    }

    private RolloutPlan plan() {
        var policy = new GateParser(new CanaryCatalog()).policy(gates, warnings);
        return new RolloutPlan(weights, Durations.parse("pause", pause), policy.gates(), minRequests, confidence,
                failureLimit, inconclusiveLimit, false);
    }

    private void launch(final RolloutPlan plan, final boolean resuming) throws Exception {
        var run = getContext().get(Run.class);
        var listener = getContext().get(TaskListener.class);
        var node = getContext().get(FlowNode.class);
        var store = new RolloutStore(new File(run.getRootDir(), stateFile).toPath());
        var thread = new Thread(() -> {
            try {
                if (!resuming) {
                    checkPromotable(run);
                }
                var state = rollout(plan, store, listener, resuming);
                finish(run, node, listener, plan, state);
            }
            catch (Exception e) {
                getContext().onFailure(e);
            }
            finally {
                worker = null;
            }
        }, "mlcd canaryDeploy " + run.getExternalizableId());
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private RolloutState rollout(final RolloutPlan plan, final RolloutStore store, final TaskListener listener,
            final boolean resuming) {
        var colon = haproxyLogs.lastIndexOf(':');
        if (colon < 0) {
            throw new InputException("haproxyLogs expects HOST:PORT, got '%s'", haproxyLogs);
        }
        var router = new HaproxyRouter(new HaproxyRuntime(haproxyRuntime, Duration.ofSeconds(5)), backend, stableServer,
                canaryServer);
        try (var source = new HaproxyLogSource(new InetSocketAddress(haproxyLogs.substring(0, colon),
                Integer.parseInt(haproxyLogs.substring(colon + 1))), backend, stableServer, canaryServer,
                Clock.systemUTC())) {
            var probe = probeBody == null || canaryUrl == null || stableUrl == null ? null
                    : new HttpPredictionProbe(URI.create(canaryUrl), URI.create(stableUrl), probeBody);
            var rollout = new Rollout(plan, router, source, probe, store, Clock.systemUTC(), new LogLines(listener));
            return resuming && store.load().filter(state -> !state.status().isFinal()).isPresent() ? rollout.resume()
                    : rollout.start();
        }
    }

    private void finish(final Run<?, ?> run, final FlowNode node, final TaskListener listener, final RolloutPlan plan,
            final RolloutState state) throws Exception {
        var result = new RolloutResult(plan, state);
        if (state.status() == RolloutStatus.ROLLED_BACK && "interrupted".equals(state.reason())) {
            listener.getLogger().println("canaryDeploy: build aborted: the canary was rolled back");
        }
        var context = new LinkedHashMap<String, String>();
        if (name != null && version != null) {
            context.put("model", name);
            context.put("version", version);
        }
        context.put("router", "HAProxy " + haproxyRuntime + " backend " + backend);
        var json = CanaryJson.of(result, context, Instant.now()).toString();
        var value = new VerdictPublisher(run, node, listener, reportOnly, runId, server).publish("canary", "canary",
                json, CanaryHtml::of, new CanaryCatalog());
        if (state.status() == RolloutStatus.SUCCEEDED && name != null && version != null) {
            var promotion = new Promoter(MlflowServers.connect(run, server, "canaryDeploy"), Clock.systemUTC())
                    .promote(name, version, "champion", "previous", false, "jenkins " + run.getExternalizableId());
            listener.getLogger().println("canaryDeploy: @champion -> version " + promotion.version().version()
                    + promotion.previousVersion().map(v -> ", @previous -> version " + v).orElse(""));
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
