package io.mlcd.cli;

import io.mlcd.canary.CanaryCatalog;
import io.mlcd.canary.CommandDeployer;
import io.mlcd.canary.HaproxyLogSource;
import io.mlcd.canary.HaproxyRouter;
import io.mlcd.canary.HaproxyRuntime;
import io.mlcd.canary.HttpPredictionProbe;
import io.mlcd.canary.HttpRouter;
import io.mlcd.canary.MetricSource;
import io.mlcd.canary.PreviewSource;
import io.mlcd.canary.PromQueries;
import io.mlcd.canary.PrometheusSource;
import io.mlcd.canary.Rollout;
import io.mlcd.canary.RolloutFile;
import io.mlcd.canary.RolloutLock;
import io.mlcd.canary.RolloutPlan;
import io.mlcd.canary.RolloutResult;
import io.mlcd.canary.RolloutState;
import io.mlcd.canary.RolloutStatus;
import io.mlcd.canary.RolloutStore;
import io.mlcd.canary.Router;
import io.mlcd.canary.UserFile;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.GateResult;
import io.mlcd.registry.Promoter;
import io.mlcd.registry.RefusedException;
import io.mlcd.report.CanaryHtml;
import io.mlcd.report.CanaryJson;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.Durations;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
    static final double MIN_CONFIDENCE = 0.5;
    static final Duration LONGEST_PAUSE = Duration.ofHours(24);
    static final int MAX_LIMIT = 100;
    static final long MAX_MIN_REQUESTS = 1_000_000_000L;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rollout", paramLabel = "FILE",
            description = "YAML with weights, pause, min_requests, confidence, failure_limit, inconclusive_limit, "
                    + "manual_gate, gates, warn (docs/canary.md); options given on the command line win.")
    private Path rolloutFile;

    @Option(names = "--weights", paramLabel = "W", split = ",", defaultValue = "5,25,50,100",
            description = "Canary weights in percent, rising to 100 (default: ${DEFAULT-VALUE}).")
    private List<Integer> weights = new ArrayList<>();

    @Option(names = "--pause", paramLabel = "DURATION", defaultValue = "5m",
            description = "Time at each weight before its analysis: 30s, 5m, 1h, 500ms (default: ${DEFAULT-VALUE}).")
    private String pause;

    @Option(names = "--min-requests", paramLabel = "N", defaultValue = "100",
            description = "Fewest requests each side must serve in a window to decide (default: ${DEFAULT-VALUE}).")
    private long minRequests;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95",
            description = "Confidence of the analysis' intervals (default: ${DEFAULT-VALUE}).")
    private double confidence;

    @Option(names = "--failure-limit", paramLabel = "N", defaultValue = "0",
            description = "FAILED analyses tolerated (each repeats the step) before rolling back (default: ${DEFAULT-VALUE}).")
    private int failureLimit;

    @Option(names = "--inconclusive-limit", paramLabel = "N", defaultValue = "2",
            description = "INCONCLUSIVE analyses tolerated (each extends the step by a window) (default: ${DEFAULT-VALUE}).")
    private int inconclusiveLimit;

    @Option(names = "--manual-gate", description = "Past the inconclusive limit, wait for a person (--decide) "
            + "instead of rolling back.")
    private boolean manualGate;

    @Option(names = "--approve-before", paramLabel = "W", split = ",",
            description = "Weights a person must approve (--decide proceed) before traffic moves to them, e.g. 100.")
    private List<Integer> approveBefore = new ArrayList<>();

    @Option(names = "--blue-green", description = "Blue-green instead of canary steps: weights 0,100; the analysis "
            + "at 0%% sends the --probe rows straight to both versions (the idle one gets no live traffic yet), "
            + "--min-requests of them to each, then all traffic switches at once.")
    private boolean blueGreen;

    @Option(names = "--no-analysis", description = "Allow a plan that reaches 100% without an analysed step "
            + "(e.g. --weights 100): the traffic switches without any check.")
    private boolean noAnalysis;

    @Option(names = "--haproxy-runtime", paramLabel = "ADDR",
            description = "HAProxy runtime API (stats socket level admin): host:port or a socket path.")
    private String haproxyRuntime;

    @Option(names = "--haproxy-backend", paramLabel = "NAME", defaultValue = "model",
            description = "Backend with the stable and canary servers (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--stable-server", paramLabel = "NAME", defaultValue = "stable",
            description = "The stable version's server in the backend (default: ${DEFAULT-VALUE}).")
    private String stableServer;

    @Option(names = "--canary-server", paramLabel = "NAME", defaultValue = "canary",
            description = "The canary's server in the backend (default: ${DEFAULT-VALUE}).")
    private String canaryServer;

    @Option(names = "--router-url", paramLabel = "URL",
            description = "Instead of HAProxy: an endpoint that takes PUT {\"canary\": W, \"stable\": 100-W} and answers GET.")
    private URI routerUrl;

    @Option(names = "--haproxy-logs", paramLabel = "HOST:PORT",
            description = "UDP address to receive HAProxy's request logs on (log-format \"%%b %%s %%ST %%Tr %%Ta\").")
    private String haproxyLogs;

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Instead of --haproxy-logs: a Prometheus server scraping HAProxy's exporter (request and "
                    + "error counts only; latency gates are then INCONCLUSIVE).")
    private URI prometheus;

    @Option(names = "--probe", paramLabel = "FILE",
            description = "JSON request body sent to both versions' /invocations each step to compare predictions.")
    private Path probe;

    @Option(names = "--canary-url", paramLabel = "URL", description = "The canary's own address, for --probe.")
    private URI canaryUrl;

    @Option(names = "--stable-url", paramLabel = "URL", description = "The stable version's own address, for --probe.")
    private URI stableUrl;

    @Option(names = "--deploy-command", paramLabel = "TEMPLATE",
            description = "Deploy the canary first and point the HAProxy canary server at it: a command with "
                    + "{name}, {version} and {port} in it, e.g. mlflow models serve (see docs/canary.md).")
    private String deployCommand;

    @Option(names = "--health-path", paramLabel = "PATH", defaultValue = "/health",
            description = "Health endpoint of a deployed model (default: ${DEFAULT-VALUE}).")
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

    /** How long a stop signal waits for the rollback and the outputs before the process exits anyway. */
    private static final Duration SIGNAL_BOUND = Duration.ofSeconds(60);

    @Override
    @SuppressWarnings("try") // the lock and the signal hook are held for the block, not used in it
    public Integer call() throws IOException {
        outputs.check(spec.commandLine(), false);
        checkOptions();
        var keepOnSignal = parseOnSignal();
        var plan = plan();
        checkPlan(plan);
        if (!restore && !noAnalysis && !plan.analysed()) {
            throw new InputException("the weights %s reach 100%% without an analysed step, so nothing would be checked "
                    + "before all traffic moves: put a weight below 100 first (e.g. --weights 25,100), or give "
                    + "--no-analysis to switch without an analysis", plan.weights());
        }
        var probeBody = probe == null ? null : probeBody(); // read before anything slow or visible happens
        var who = by != null ? by : System.getProperty("user.name");
        var promote = !noPromote && outputs.version().isPresent();
        if (promote && !resume && !restore && decision == null) {
            var missing = new Promoter(outputs.mlflow(), Clock.systemUTC()).missingEvidence(outputs.model().orElseThrow(),
                    outputs.version().orElseThrow());
            if (!missing.isEmpty()) {
                throw new RefusedException("canary not started: a success would promote version "
                        + outputs.version().orElseThrow() + ", which " + String.join("; ", missing)
                        + " (or run with --no-promote)");
            }
        }
        var router = router();
        // before any weight or address changes: a second rollout on these weights would undo this one
        try (var lock = RolloutLock.acquire(router, "mlcd canary pid " + ProcessHandle.current().pid() + " (user "
                + System.getProperty("user.name") + "), state " + state.toAbsolutePath())) {
            var context = new LinkedHashMap<String, String>();
            outputs.model().ifPresent(name -> context.put("model", name));
            outputs.version().ifPresent(version -> context.put("version", version));
            context.put("router", router.toString());
            if (deployCommand != null) {
                canaryUrl = deploy(router);
                context.put("canary", canaryUrl.toString());
            }
            try (var source = source(plan, probeBody)) {
                context.put("metric source", source.toString());
                var rollout = new Rollout(plan, router, source, probe(probeBody), new RolloutStore(state), Clock.systemUTC(),
                        new ProgressLines(spec.commandLine().getOut()));
                try (var signals = StopOnSignal.install(rollout, keepOnSignal, state, spec.commandLine().getErr(),
                        SIGNAL_BOUND)) {
                    return finish(new RolloutResult(plan, run(rollout, who)), context, promote, who);
                }
            }
        }
    }

    private RolloutState run(final Rollout rollout, final String who) {
        if (resume) {
            return rollout.resume();
        }
        if (restore) {
            return rollout.restore("restored by " + who);
        }
        if (decision != null) {
            return rollout.decide(parseDecision(), who);
        }
        return rollout.start();
    }

    /** The plan from the options, with a --rollout file filling what the command line leaves out. */
    private RolloutPlan plan() {
        var policy = gateOptions.policy(new CanaryCatalog());
        if (blueGreen && !spec.commandLine().getParseResult().hasMatchedOption("--weights")) {
            weights = List.of(0, 100);
        }
        if (rolloutFile != null) {
            var file = RolloutFile.read(rolloutFile, new GateParser(new CanaryCatalog()));
            policy = file.policy().plus(policy);
            var given = spec.commandLine().getParseResult();
            weights = given.hasMatchedOption("--weights") || file.weights() == null ? weights : file.weights();
            var filePause = file.pause();
            var pauseTime = given.hasMatchedOption("--pause") || filePause == null ? Durations.parse("--pause", pause)
                    : filePause;
            return new RolloutPlan(weights, pauseTime, gates(policy),
                    pick(given.hasMatchedOption("--min-requests"), minRequests, file.minRequests()),
                    pick(given.hasMatchedOption("--confidence"), confidence, file.confidence()),
                    pick(given.hasMatchedOption("--failure-limit"), failureLimit, file.failureLimit()),
                    pick(given.hasMatchedOption("--inconclusive-limit"), inconclusiveLimit, file.inconclusiveLimit()),
                    manualGate || Boolean.TRUE.equals(file.manualGate()),
                    given.hasMatchedOption("--approve-before") ? Set.copyOf(approveBefore) : file.approveBefore());
        }
        return new RolloutPlan(weights, Durations.parse("--pause", pause), gates(policy), minRequests, confidence,
                failureLimit, inconclusiveLimit, manualGate, Set.copyOf(approveBefore));
    }

    private List<io.mlcd.gate.Gate> gates(final io.mlcd.gate.Policy policy) {
        if (policy.gates().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the analysis' gates: --gate, --warn, --policy or "
                    + "a --rollout file");
        }
        return policy.gates();
    }

    /** Option values that are wrong whatever the plan, checked before anything is read or moved. */
    private void checkOptions() {
        OptionValues.named("--by", by);
        if (decision != null) {
            parseDecision();
        }
        if (haproxyLogs != null) {
            logAddress();
        }
        web("--router-url", routerUrl);
        web("--prometheus", prometheus);
        web("--canary-url", canaryUrl);
        web("--stable-url", stableUrl);
        if (probe != null) {
            UserFile.checkReadable("--probe", probe);
        }
        AtomicFiles.checkWritableFile("--state", state);
    }

    /**
     * The plan's values, from options or the rollout file, within ranges where they mean what
     * they say: an analysis at a confidence below 0.5 decides on noise, a pause of more than a day
     * or limits beyond 100 only keep a rollout (and the build) waiting.
     */
    private static void checkPlan(final RolloutPlan plan) {
        if (!(plan.confidence() >= MIN_CONFIDENCE && plan.confidence() < 1)) {
            throw new InputException("the confidence (--confidence or confidence: in --rollout) must be at least %s "
                    + "and below 1, got %s", MIN_CONFIDENCE, Numbers.format(plan.confidence()));
        }
        if (plan.pause().compareTo(LONGEST_PAUSE) > 0) {
            throw new InputException("the pause (--pause or pause: in --rollout) must be at most 24h, got %s",
                    plan.pause());
        }
        if (plan.failureLimit() > MAX_LIMIT || plan.inconclusiveLimit() > MAX_LIMIT) {
            throw new InputException("the failure and inconclusive limits must be at most %d, got %d and %d",
                    MAX_LIMIT, plan.failureLimit(), plan.inconclusiveLimit());
        }
        if (plan.minRequests() > MAX_MIN_REQUESTS) {
            throw new InputException("min requests must be at most %d, got %d", MAX_MIN_REQUESTS, plan.minRequests());
        }
    }

    private static void web(final String option, final URI uri) {
        if (uri != null && (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null)) {
            throw new InputException("%s must be an http:// or https:// address with a host, got '%s'", option, uri);
        }
    }

    /** --haproxy-logs HOST:PORT, the UDP address to receive logs on. */
    private InetSocketAddress logAddress() {
        var colon = haproxyLogs.lastIndexOf(':');
        if (colon <= 0) {
            throw new InputException("--haproxy-logs expects HOST:PORT, got '%s'", haproxyLogs);
        }
        var port = Numbers.parseWhole("--haproxy-logs port", haproxyLogs.substring(colon + 1));
        OptionValues.within("--haproxy-logs port", port, 0, 65_535);
        return new InetSocketAddress(haproxyLogs.substring(0, colon), (int) port);
    }

    private static <T> T pick(final boolean onCommandLine, final T option, final T fromFile) {
        return onCommandLine || fromFile == null ? option : fromFile;
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

    private Router router() {
        if ((haproxyRuntime == null) == (routerUrl == null)) {
            throw new ParameterException(spec.commandLine(), "give one router: --haproxy-runtime ADDR or --router-url URL");
        }
        if (routerUrl != null) {
            return new HttpRouter(routerUrl, Duration.ofSeconds(10));
        }
        return new HaproxyRouter(new HaproxyRuntime(haproxyRuntime, Duration.ofSeconds(5)), backend, stableServer,
                canaryServer);
    }

    private MetricSource source(final RolloutPlan plan, final String probeBody) throws IOException {
        if (blueGreen) {
            if (haproxyLogs != null || prometheus != null || probe == null || canaryUrl == null || stableUrl == null) {
                throw new ParameterException(spec.commandLine(), "--blue-green analyses test traffic: give --probe, "
                        + "--canary-url (or --deploy-command) and --stable-url, and no --haproxy-logs or --prometheus");
            }
            return new PreviewSource(canaryUrl, stableUrl, probeBody,
                    (int) Math.min(plan.minRequests() * 2, 5000));
        }
        if ((haproxyLogs == null) == (prometheus == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give one metric source: --haproxy-logs HOST:PORT or --prometheus URL");
        }
        if (prometheus != null) {
            return new PrometheusSource(prometheus, PromQueries.haproxy(), backend, stableServer, canaryServer,
                    Duration.ofSeconds(10));
        }
        return new HaproxyLogSource(logAddress(), backend, stableServer, canaryServer, Clock.systemUTC());
    }

    private HttpPredictionProbe probe(final String probeBody) {
        if (probeBody == null) {
            return null;
        }
        if (canaryUrl == null || stableUrl == null) {
            throw new ParameterException(spec.commandLine(), "--probe needs --canary-url and --stable-url "
                    + "(or --deploy-command for the canary)");
        }
        return new HttpPredictionProbe(canaryUrl, stableUrl, probeBody);
    }

    /** The --probe file's text, refused when it is missing, unreadable or not JSON. */
    private String probeBody() {
        var body = UserFile.read("--probe", probe);
        try (var parser = new com.fasterxml.jackson.core.JsonFactory().createParser(body)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        }
        catch (IOException e) {
            var where = e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null
                    ? String.format(java.util.Locale.ROOT, " (line %d, column %d)", json.getLocation().getLineNr(),
                            json.getLocation().getColumnNr()) : "";
            throw new InputException("--probe %s: not JSON%s", probe, where);
        }
        return body;
    }

    private URI deploy(final Router router) {
        if (outputs.version().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--deploy-command needs --model and --version");
        }
        if (!(router instanceof HaproxyRouter haproxy)) {
            throw new ParameterException(spec.commandLine(), "--deploy-command works with --haproxy-runtime");
        }
        var deployment = new CommandDeployer(deployCommand, healthPath, Duration.ofMinutes(5),
                state.toAbsolutePath().getParent()).deploy(outputs.model().orElseThrow(), outputs.version().orElseThrow());
        haproxy.pointCanaryAt(deployment.uri());
        return deployment.uri();
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
