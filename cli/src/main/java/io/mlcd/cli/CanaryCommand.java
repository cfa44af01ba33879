package io.mlcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.canary.CanaryCatalog;
import io.mlcd.canary.CanaryOptions;
import io.mlcd.canary.ProgressLines;
import io.mlcd.canary.Rollout;
import io.mlcd.canary.RolloutFile;
import io.mlcd.canary.RolloutLock;
import io.mlcd.canary.RolloutResult;
import io.mlcd.canary.RolloutState;
import io.mlcd.canary.RolloutStatus;
import io.mlcd.canary.RolloutStore;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.GateResult;
import io.mlcd.registry.Promoter;
import io.mlcd.registry.RefusedException;
import io.mlcd.report.CanaryHtml;
import io.mlcd.report.CanaryJson;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlcd canary}: shifts live traffic to a model version step by step, analysed, rolled back on failure. */
@Command(name = "canary", sortOptions = false,
        description = {"Shift live traffic to a model version step by step (e.g. 25%% -> 50%% -> 100%%), analyse canary "
                + "against baseline after each pause (error rate, latency quantiles, prediction drift; decided with "
                + "confidence intervals and Mann-Whitney so that noise neither fails nor passes a step), roll back "
                + "when a gate fails, and on success move the MLflow alias champion (the old one becomes previous).",
            "The state is saved after every step (--state); a killed rollout is continued with --resume or put back "
                    + "on the stable version with --restore."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd canary --model churn --version 7 \\",
            "    --weights 5,25,50,100 --pause 5m \\",
            "    --haproxy-runtime /run/haproxy/admin.sock \\",
            "    --haproxy-logs 127.0.0.1:5514 \\",
            "    --gate 'error_rate <= baseline + 1%%' \\",
            "    --gate 'latency_p95 <= baseline * 1.2' \\",
            "    --report-dir out",
            "",
            "Exit status: 0 PASSED (promoted), 1 FAILED (rolled back), 3 WARNING (awaiting a decision, or a WARN gate "
                    + "fell short), 2 usage or input error."})
public final class CanaryCommand implements Callable<Integer> {
    /** How long a stop signal waits for the rollback and the outputs before the process exits anyway. */
    private static final Duration SIGNAL_BOUND = Duration.ofSeconds(60);

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    // The plan's and the parts' options are null when not given: core's CanaryOptions fills them in
    // from the --rollout file, then its defaults, and checks them as it does for canaryDeploy.

    @Option(names = "--rollout", paramLabel = "FILE",
            description = "YAML with weights, pause, min_requests, confidence, failure_limit, inconclusive_limit, "
                    + "manual_gate, gates, warn (docs/canary.md); options given on the command line win.")
    private Path rolloutFile;

    @Option(names = "--weights", paramLabel = "W", split = ",",
            description = "Canary weights in percent, rising to 100 (default: 5,25,50,100).")
    private List<Integer> weights;

    @Option(names = "--pause", paramLabel = "DURATION",
            description = "Time at each weight before its analysis: 30s, 5m, 1h, 500ms; at most 24h (default: 5m).")
    private String pause;

    @Option(names = "--min-requests", paramLabel = "N",
            description = "Fewest requests each side must serve in a window to decide (default: 100).")
    private Long minRequests;

    @Option(names = "--confidence", paramLabel = "C",
            description = "Confidence of the analysis' intervals, from 0.5 to below 1 (default: 0.95).")
    private Double confidence;

    @Option(names = "--failure-limit", paramLabel = "N",
            description = "FAILED analyses tolerated (each repeats the step) before rolling back (default: 0).")
    private Integer failureLimit;

    @Option(names = "--inconclusive-limit", paramLabel = "N",
            description = "INCONCLUSIVE analyses tolerated (each extends the step by a window) (default: 2).")
    private Integer inconclusiveLimit;

    @Option(names = "--manual-gate", description = "Past the inconclusive limit, wait for a person (--decide) "
            + "instead of rolling back.")
    private boolean manualGate;

    @Option(names = "--approve-before", paramLabel = "W", split = ",",
            description = "Weights a person must approve (--decide proceed) before traffic moves to them, e.g. 100.")
    private List<Integer> approveBefore;

    @Option(names = "--blue-green", description = "Blue-green instead of canary steps: weights 0,100; the analysis "
            + "at 0%% sends the --probe rows straight to both versions (the idle one gets no live traffic yet), "
            + "--min-requests of them to each, then all traffic switches at once.")
    private boolean blueGreen;

    @Option(names = "--no-analysis", description = "Allow a plan that reaches 100%% without an analysed step "
            + "(e.g. --weights 100): the traffic switches without any check.")
    private boolean noAnalysis;

    @Option(names = "--haproxy-runtime", paramLabel = "ADDR",
            description = "HAProxy runtime API (stats socket level admin): host:port or a socket path.")
    private String haproxyRuntime;

    @Option(names = "--haproxy-backend", paramLabel = "NAME",
            description = "Backend with the stable and canary servers (default: model).")
    private String backend;

    @Option(names = "--stable-server", paramLabel = "NAME",
            description = "The stable version's server in the backend (default: stable).")
    private String stableServer;

    @Option(names = "--canary-server", paramLabel = "NAME",
            description = "The canary's server in the backend (default: canary).")
    private String canaryServer;

    @Option(names = "--router-url", paramLabel = "URL",
            description = "Instead of HAProxy: an endpoint that takes PUT {\"canary\": W, \"stable\": 100-W} and answers GET.")
    private String routerUrl;

    @Option(names = "--haproxy-logs", paramLabel = "HOST:PORT",
            description = "UDP address to receive HAProxy's request logs on (log-format \"%%b %%s %%ST %%Tr %%Ta\").")
    private String haproxyLogs;

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Instead of --haproxy-logs: a Prometheus server scraping HAProxy's exporter (request and "
                    + "error counts only; latency gates are then INCONCLUSIVE).")
    private String prometheus;

    @Option(names = "--probe", paramLabel = "FILE",
            description = "JSON request body sent to both versions' /invocations each step to compare predictions.")
    private Path probe;

    @Option(names = "--canary-url", paramLabel = "URL", description = "The canary's own address, for --probe.")
    private String canaryUrl;

    @Option(names = "--stable-url", paramLabel = "URL", description = "The stable version's own address, for --probe.")
    private String stableUrl;

    @Option(names = "--deploy-command", paramLabel = "TEMPLATE",
            description = "Deploy the canary first and point the HAProxy canary server at it: a command with "
                    + "{name}, {version} and {port} in it, e.g. mlflow models serve (see docs/canary.md).")
    private String deployCommand;

    @Option(names = "--health-path", paramLabel = "PATH",
            description = "Health endpoint of a deployed model (default: " + CanaryOptions.DEFAULT_HEALTH_PATH + ").")
    private String healthPath;

    @Option(names = "--state", paramLabel = "FILE", defaultValue = "canary-state.json",
            description = "Rollout state file, written after every step (default: ${DEFAULT-VALUE}).")
    private Path state;

    @Option(names = "--resume", description = "Continue the unfinished rollout in --state.")
    private boolean resume;

    @Option(names = "--restore", description = "Put the stable version back on all traffic and end the rollout in --state.")
    private boolean restore;

    @Option(names = "--decide", paramLabel = "proceed|rollback",
            description = "Decide a rollout awaiting a decision (--manual-gate).")
    private String decision;

    @Option(names = "--on-signal", paramLabel = "rollback|keep", defaultValue = "rollback",
            description = "On SIGINT or SIGTERM (Ctrl-C, a cancelled job): rollback puts all traffic back on the stable "
                    + "version and records the rollout ABORTED; keep leaves the traffic where it is for --resume or "
                    + "--restore (default: ${DEFAULT-VALUE}).")
    private String onSignal;

    @Option(names = "--by", paramLabel = "USER", description = "Who decides or promotes (default: the OS user).")
    private String by;

    @Option(names = "--no-promote", negatable = false,
            description = "Do not move the champion alias on success (default: promote when --model/--version are given).")
    private boolean noPromote;

    @Mixin
    private GateOptions gateOptions;

    @Mixin
    private OutputOptions outputs;

    @Mixin
    private DebugOption debug;

    @Mixin
    private HelpOption help;

    @Override
    @SuppressWarnings("try") // the lock and the signal hook are held for the block, not used in it
    public Integer call() throws IOException {
        outputs.check(spec.commandLine(), false);
        Names.named("--by", by);
        Names.named("--haproxy-backend", backend);
        Names.named("--stable-server", stableServer);
        Names.named("--canary-server", canaryServer);
        var proceed = decision == null ? null : parseDecision();
        var keepOnSignal = parseOnSignal();
        AtomicFiles.checkWritableFile("--state", state);
        var options = options();
        options.check();
        var plan = options.plan();
        var who = by != null ? by : System.getProperty("user.name");
        var promote = !noPromote && outputs.version().isPresent();
        if (promote && !resume && !restore && proceed == null) {
            var missing = new Promoter(outputs.mlflow(), Clock.systemUTC()).missingEvidence(outputs.model().orElseThrow(),
                    outputs.version().orElseThrow());
            if (!missing.isEmpty()) {
                throw new RefusedException("canary not started: a success would promote version "
                        + outputs.version().orElseThrow() + ", which " + String.join("; ", missing)
                        + " (or run with --no-promote)");
            }
        }
        var router = options.router();
        // before any weight or address changes: a second rollout on these weights would undo this one
        try (var lock = RolloutLock.acquire(router, "mlcd canary pid " + ProcessHandle.current().pid() + " (user "
                + System.getProperty("user.name") + "), state " + state.toAbsolutePath())) {
            var context = new LinkedHashMap<String, String>();
            outputs.model().ifPresent(name -> context.put("model", name));
            outputs.version().ifPresent(version -> context.put("version", version));
            context.put("router", router.toString());
            URI deployed = null;
            if (options.deploys()) {
                deployed = options.deployCanary(options.deployer(state.toAbsolutePath().getParent()));
                context.put("canary", deployed.toString());
            }
            try (var source = options.openSource(deployed)) {
                context.put("metric source", source.toString());
                var out = spec.commandLine().getOut();
                var rollout = new Rollout(plan, router, source, options.predictionProbe(deployed),
                        new RolloutStore(state), Clock.systemUTC(), new ProgressLines("canary", line -> {
                            out.println(line);
                            out.flush();
                        }));
                try (var signals = StopOnSignal.install(rollout, keepOnSignal, state, spec.commandLine().getErr(),
                        SIGNAL_BOUND)) {
                    return finish(new RolloutResult(plan, run(rollout, who, proceed)), context, promote, who);
                }
            }
        }
    }

    /** The options as core's CanaryOptions takes them from mlcd canary and canaryDeploy alike. */
    private CanaryOptions options() {
        var catalog = new CanaryCatalog();
        return CanaryOptions.cli()
                .rolloutFile(rolloutFile == null ? null : RolloutFile.read(rolloutFile, new GateParser(catalog)))
                .gates(gateOptions.policy(catalog))
                .weights(weights).pause(pause).minRequests(minRequests).confidence(confidence)
                .failureLimit(failureLimit).inconclusiveLimit(inconclusiveLimit).manualGate(manualGate)
                .approveBefore(approveBefore).blueGreen(blueGreen)
                .allowNoAnalysis(noAnalysis || restore) // a restore takes no step of the plan
                .haproxyRuntime(haproxyRuntime).routerUrl(routerUrl).servers(backend, stableServer, canaryServer)
                .haproxyLogs(haproxyLogs).prometheus(prometheus)
                .probeFile(probe).canaryUrl(canaryUrl).stableUrl(stableUrl)
                .deployCommand(deployCommand, healthPath)
                .model(outputs.model().orElse(null), outputs.version().orElse(null));
    }

    private RolloutState run(final Rollout rollout, final String who, @CheckForNull final Boolean proceed) {
        if (resume) {
            return rollout.resume();
        }
        if (restore) {
            return rollout.restore("restored by " + who);
        }
        if (proceed != null) {
            return rollout.decide(proceed, who);
        }
        return rollout.start();
    }

    private int finish(final RolloutResult result, final Map<String, String> context, final boolean promote,
            final String who) {
        var out = spec.commandLine().getOut();
        var summary = result.summary();
        if (promote && result.state().status() == RolloutStatus.SUCCEEDED) {
            var promotion = new Promoter(outputs.mlflow(), Clock.systemUTC()).promote(outputs.model().orElseThrow(),
                    outputs.version().orElseThrow(), "champion", "previous", false, who);
            summary += "; @champion -> version " + promotion.version().version()
                    + promotion.previousVersion().map(v -> ", @previous -> version " + v).orElse("");
        }
        var history = result.state().history();
        var last = history.isEmpty() ? Map.<String, Double>of() : history.get(history.size() - 1).canary();
        summary += outputs.publish("canary", "canary", CanaryJson.of(result, context, Instant.now()), CanaryHtml::of,
                result.verdict(), result.summary(), gateResults(result), last);
        if (outputs.version().isPresent()) {
            outputs.mlflow().registry().setTags(outputs.model().orElseThrow(), outputs.version().orElseThrow(),
                    Map.of("mlcd.canary.status", result.state().status().name()));
        }
        out.println(summary);
        out.flush();
        return result.verdict().exitStatus();
    }

    /** The deciding analysis' gates as gate results, for the MLflow record. */
    private List<GateResult> gateResults(final RolloutResult result) {
        var history = result.state().history();
        if (history.isEmpty()) {
            return List.of();
        }
        var parser = new GateParser(new CanaryCatalog());
        var results = new ArrayList<GateResult>();
        for (var gate : history.get(history.size() - 1).gates()) {
            results.add(parser.restore(gate.expression(), gate.severity(), gate.outcome(), gate.message()));
        }
        return results;
    }

    /** Whether a stop signal leaves the traffic where it is (--on-signal keep) rather than rolling back. */
    private boolean parseOnSignal() {
        return switch (onSignal) {
            case "rollback" -> false;
            case "keep" -> true;
            default -> throw new InputException("--on-signal must be rollback or keep, not '%s'", onSignal);
        };
    }

    private boolean parseDecision() {
        return switch (decision) {
            case "proceed" -> true;
            case "rollback" -> false;
            default -> throw new InputException("--decide must be proceed or rollback, not '%s'", decision);
        };
    }
}
