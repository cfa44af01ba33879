package io.mlcd.canary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.Policy;
import io.mlcd.util.Durations;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a canary rollout is asked to do, as {@code mlcd canary} and the {@code canaryDeploy} step
 * take it from a person: each option as given (null or blank: not given), checked together and
 * turned into the plan, the router, the metric source, the prediction probe and the deployment.
 * A rollout file fills what the options leave out; the options win. Every problem is one
 * {@link InputException} naming the option as the caller spells it ({@link #cli()},
 * {@link #pipeline()}). Only {@link #openSource} and {@link #deployCanary} reach the network.
 */
public final class CanaryOptions {
    /** How long a deployed model may take to answer its health check. */
    public static final Duration DEPLOY_READY_WITHIN = Duration.ofMinutes(5);
    /** The health endpoint of a deployed model unless another is given. */
    public static final String DEFAULT_HEALTH_PATH = "/health";

    /** Below this the intervals are so narrow that noise decides. */
    private static final double MIN_CONFIDENCE = 0.5;
    /** Longer pauses, and more repeats than the limits below, only keep a rollout (and a build) waiting. */
    private static final Duration LONGEST_PAUSE = Duration.ofHours(24);
    private static final int MAX_LIMIT = 100;
    private static final long MAX_MIN_REQUESTS = 1_000_000_000L;

    private static final Map<String, String> CLI_NAMES = Map.of("backend", "--haproxy-backend",
            "allowNoAnalysis", "--no-analysis", "gateOptions", "--gate, --warn, --policy");
    private static final Map<String, String> PIPELINE_NAMES = Map.of("model", "name", "gateOptions", "gates, warnings");

    private final UnaryOperator<String> names;
    @CheckForNull
    private RolloutFile rolloutFile;
    private Policy gates = new Policy(List.of());
    @CheckForNull
    private List<Integer> weights;
    @CheckForNull
    private String pause;
    @CheckForNull
    private Long minRequests;
    @CheckForNull
    private Double confidence;
    @CheckForNull
    private Integer failureLimit;
    @CheckForNull
    private Integer inconclusiveLimit;
    private boolean manualGate;
    @CheckForNull
    private Set<Integer> approveBefore;
    private boolean blueGreen;
    private boolean allowNoAnalysis;
    @CheckForNull
    private String haproxyRuntime;
    @CheckForNull
    private String routerUrl;
    private String backend = "model";
    private String stableServer = "stable";
    private String canaryServer = "canary";
    @CheckForNull
    private String haproxyLogs;
    @CheckForNull
    private String prometheus;
    @CheckForNull
    private String probe;
    /** What the probe is called in messages: the option, and the file it was read from. */
    @CheckForNull
    private String probeFrom;
    @CheckForNull
    private String canaryUrl;
    @CheckForNull
    private String stableUrl;
    @CheckForNull
    private String deployCommand;
    private String healthPath = DEFAULT_HEALTH_PATH;
    @CheckForNull
    private String model;
    @CheckForNull
    private String version;

    private CanaryOptions(final UnaryOperator<String> names) {
        this.names = names;
    }

    /** Options named as {@code mlcd canary} spells them: {@code --min-requests}, {@code --haproxy-backend}. */
    public static CanaryOptions cli() {
        return new CanaryOptions(key -> CLI_NAMES.getOrDefault(key, "--" + key.replaceAll("([A-Z])", "-$1")
                .toLowerCase(Locale.ROOT)));
    }

    /** Options named as the {@code canaryDeploy} step spells them: {@code minRequests}, {@code name}. */
    public static CanaryOptions pipeline() {
        return new CanaryOptions(key -> PIPELINE_NAMES.getOrDefault(key, key));
    }

    /** Whole percentages separated by commas, such as {@code 5,25,50,100}; blank: not given (null). */
    @CheckForNull
    public static List<Integer> percentages(final String option, @CheckForNull final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var values = new ArrayList<Integer>();
        for (String part : text.split(",", -1)) {
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

    /** Runs a deploy command template on this machine, as {@code --deploy-command} does. */
    public static CommandDeployer commandDeployer(final String template, final String healthPath,
            final Path logDirectory) {
        return new CommandDeployer(template, healthPath, DEPLOY_READY_WITHIN, logDirectory);
    }

    public CanaryOptions rolloutFile(@CheckForNull final RolloutFile file) {
        this.rolloutFile = file;
        return this;
    }

    /** The gates given as options (the rollout file's come first). */
    public CanaryOptions gates(final Policy policy) {
        this.gates = policy;
        return this;
    }

    public CanaryOptions weights(@CheckForNull final List<Integer> percentages) {
        this.weights = percentages == null ? null : List.copyOf(percentages);
        return this;
    }

    public CanaryOptions pause(@CheckForNull final String duration) {
        this.pause = given(duration);
        return this;
    }

    public CanaryOptions minRequests(@CheckForNull final Long requests) {
        this.minRequests = requests;
        return this;
    }

    public CanaryOptions confidence(@CheckForNull final Double level) {
        this.confidence = level;
        return this;
    }

    public CanaryOptions failureLimit(@CheckForNull final Integer limit) {
        this.failureLimit = limit;
        return this;
    }

    public CanaryOptions inconclusiveLimit(@CheckForNull final Integer limit) {
        this.inconclusiveLimit = limit;
        return this;
    }

    public CanaryOptions manualGate(final boolean wanted) {
        this.manualGate = wanted;
        return this;
    }

    public CanaryOptions approveBefore(@CheckForNull final Collection<Integer> percentages) {
        this.approveBefore = percentages == null ? null : Set.copyOf(percentages);
        return this;
    }

    /** Weights 0,100 unless given, and the analysis at 0% on test traffic ({@link PreviewSource}). */
    public CanaryOptions blueGreen(final boolean wanted) {
        this.blueGreen = wanted;
        return this;
    }

    /** Accept a plan that reaches 100% without an analysed step. */
    public CanaryOptions allowNoAnalysis(final boolean wanted) {
        this.allowNoAnalysis = wanted;
        return this;
    }

    public CanaryOptions haproxyRuntime(@CheckForNull final String address) {
        this.haproxyRuntime = given(address);
        return this;
    }

    public CanaryOptions routerUrl(@CheckForNull final String url) {
        this.routerUrl = given(url);
        return this;
    }

    /** The HAProxy backend and its two servers; blank keeps the defaults model, stable and canary. */
    public CanaryOptions servers(@CheckForNull final String backendName, @CheckForNull final String stable,
            @CheckForNull final String canary) {
        this.backend = orElse(backendName, backend);
        this.stableServer = orElse(stable, stableServer);
        this.canaryServer = orElse(canary, canaryServer);
        return this;
    }

    public CanaryOptions haproxyLogs(@CheckForNull final String hostAndPort) {
        this.haproxyLogs = given(hostAndPort);
        return this;
    }

    public CanaryOptions prometheus(@CheckForNull final String url) {
        this.prometheus = given(url);
        return this;
    }

    /** A scoring request body sent to both versions: the prediction probe, and blue-green's test traffic. */
    public CanaryOptions probe(@CheckForNull final String body) {
        this.probe = given(body);
        this.probeFrom = null;
        return this;
    }

    /**
     * The probe body read from a file, as {@code --probe FILE} gives it; one that is missing or
     * unreadable is refused now, and messages about its body name the file.
     */
    public CanaryOptions probeFile(@CheckForNull final Path file) {
        this.probe = file == null ? null : UserFile.read(name("probe"), file);
        this.probeFrom = file == null ? null : name("probe") + " " + file;
        return this;
    }

    public CanaryOptions canaryUrl(@CheckForNull final String url) {
        this.canaryUrl = given(url);
        return this;
    }

    public CanaryOptions stableUrl(@CheckForNull final String url) {
        this.stableUrl = given(url);
        return this;
    }

    public CanaryOptions deployCommand(@CheckForNull final String template, @CheckForNull final String health) {
        this.deployCommand = given(template);
        this.healthPath = orElse(health, healthPath);
        return this;
    }

    /** The registered model version the canary runs (needed to deploy it). */
    public CanaryOptions model(@CheckForNull final String name, @CheckForNull final String modelVersion) {
        this.model = given(name);
        this.version = given(modelVersion);
        return this;
    }

    /** Checks every option and their combinations without connecting or listening anywhere. */
    public void check() {
        plan();
        routerAddress();
        if (haproxyRuntime != null) {
            runtime();
        }
        checkProbeJson();
        sourceKind();
        checkProbe(null);
        if (deployCommand != null) {
            checkDeploy();
        }
    }

    /** The plan: options, then the rollout file, then the defaults (blue-green: weights 0,100). */
    public RolloutPlan plan() {
        var file = rolloutFile;
        var policy = file == null ? gates : file.policy().plus(gates);
        var steps = pick(weights, file == null ? null : file.weights(), blueGreen ? List.of(0, 100)
                : List.of(5, 25, 50, 100));
        var wait = pause != null ? Durations.parse(name("pause"), pause)
                : pick(null, file == null ? null : file.pause(), Duration.ofMinutes(5));
        var plan = new RolloutPlan(steps, wait, policy.gates(),
                pick(minRequests, file == null ? null : file.minRequests(), 100L),
                pick(confidence, file == null ? null : file.confidence(), 0.95),
                pick(failureLimit, file == null ? null : file.failureLimit(), 0),
                pick(inconclusiveLimit, file == null ? null : file.inconclusiveLimit(), 2),
                manualGate || file != null && Boolean.TRUE.equals(file.manualGate()),
                pick(approveBefore, file == null ? null : file.approveBefore(), Set.of()));
        checkRanges(plan);
        if (!plan.analysed() && !allowNoAnalysis) {
            throw new InputException("the weights %s reach 100%% without an analysed step: give lower weights "
                    + "first, or %s to go live without analysis", plan.weights(), name("allowNoAnalysis"));
        }
        if (plan.analysed() && plan.gates().isEmpty()) {
            throw new InputException("give the analysis' gates (%s or a %s file): without them every analysis "
                    + "would pass", name("gateOptions"), name("rollout"));
        }
        return plan;
    }

    /**
     * The plan's values, from options or the rollout file, within the ranges where they mean what
     * they say: below a confidence of 0.5 the analysis decides on noise; a pause of more than a day
     * or limits beyond 100 only keep a rollout (and the build) waiting.
     */
    private void checkRanges(final RolloutPlan plan) {
        if (!(plan.confidence() >= MIN_CONFIDENCE && plan.confidence() < 1)) {
            throw new InputException("the confidence (%s or confidence: in %s) must be at least %s and below 1, got %s",
                    name("confidence"), name("rollout"), MIN_CONFIDENCE, Numbers.format(plan.confidence()));
        }
        if (plan.pause().compareTo(LONGEST_PAUSE) > 0) {
            throw new InputException("the pause (%s or pause: in %s) must be at most 24h, got %s", name("pause"),
                    name("rollout"), plan.pause());
        }
        if (plan.failureLimit() > MAX_LIMIT || plan.inconclusiveLimit() > MAX_LIMIT) {
            throw new InputException("the failure and inconclusive limits must be at most %d, got %d and %d",
                    MAX_LIMIT, plan.failureLimit(), plan.inconclusiveLimit());
        }
        if (plan.minRequests() > MAX_MIN_REQUESTS) {
            throw new InputException("the min requests (%s or min_requests: in %s) must be at most %d, got %d",
                    name("minRequests"), name("rollout"), MAX_MIN_REQUESTS, plan.minRequests());
        }
    }

    /** The router: HAProxy's runtime API, or an HTTP endpoint. */
    public Router router() {
        var url = routerAddress();
        if (url != null) {
            return new HttpRouter(url, Duration.ofSeconds(10));
        }
        return new HaproxyRouter(runtime(), backend, stableServer, canaryServer);
    }

    /** HAProxy's runtime API; an address that is neither host:port nor a socket path is refused. */
    private HaproxyRuntime runtime() {
        return new HaproxyRuntime(haproxyRuntime, Duration.ofSeconds(5));
    }

    /**
     * Opens the metric source: HAProxy's request logs (listening on UDP from now on), Prometheus, or
     * for blue-green the test traffic sent to both versions.
     *
     * @param deployed the canary's address when {@link #deployCanary} deployed it, else null
     */
    public MetricSource openSource(@CheckForNull final URI deployed) {
        return switch (sourceKind()) {
            case PREVIEW -> new PreviewSource(canary(deployed), http("stableUrl", stableUrl), probe,
                    (int) Math.min(plan().minRequests() * 2, 5000));
            case PROMETHEUS -> new PrometheusSource(http("prometheus", prometheus), PromQueries.haproxy(), backend,
                    stableServer, canaryServer, Duration.ofSeconds(10));
            case LOGS -> new HaproxyLogSource(logAddress(true), backend, stableServer, canaryServer, Clock.systemUTC());
        };
    }

    /** The prediction probe, or null without a probe body. */
    @CheckForNull
    public PredictionProbe predictionProbe(@CheckForNull final URI deployed) {
        checkProbe(deployed);
        return probe == null ? null : new HttpPredictionProbe(canary(deployed), http("stableUrl", stableUrl), probe);
    }

    /** Whether a deploy command starts the canary first. */
    public boolean deploys() {
        return deployCommand != null;
    }

    /** The deploy command on this machine, its logs in {@code logDirectory}. */
    public CommandDeployer deployer(final Path logDirectory) {
        checkDeploy();
        return commandDeployer(deployCommand, healthPath, logDirectory);
    }

    /** Deploys the canary and points HAProxy's canary server at it; returns its address. */
    public URI deployCanary(final Deployer deployer) {
        checkDeploy();
        var uri = deployer.deploy(model, version).uri();
        ((HaproxyRouter) router()).pointCanaryAt(uri);
        return uri;
    }

    private enum SourceKind { LOGS, PROMETHEUS, PREVIEW }

    private SourceKind sourceKind() {
        if (blueGreen) {
            if (haproxyLogs != null || prometheus != null || probe == null || canaryUrl == null && deployCommand == null
                    || stableUrl == null) {
                throw new InputException("%s analyses test traffic: give %s, %s (or %s) and %s, and no %s or %s",
                        name("blueGreen"), name("probe"), name("canaryUrl"), name("deployCommand"), name("stableUrl"),
                        name("haproxyLogs"), name("prometheus"));
            }
            PreviewSource.rows(probe);
            return SourceKind.PREVIEW;
        }
        if ((haproxyLogs == null) == (prometheus == null)) {
            throw new InputException("give one metric source: %s or %s", name("haproxyLogs"), name("prometheus"));
        }
        if (prometheus != null) {
            var url = http("prometheus", prometheus);
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new InputException("%s must be the server's address without a query or a fragment, such as "
                        + "http://127.0.0.1:9090", name("prometheus"));
            }
            return SourceKind.PROMETHEUS;
        }
        logAddress(false);
        return SourceKind.LOGS;
    }

    @CheckForNull
    private URI routerAddress() {
        if ((haproxyRuntime == null) == (routerUrl == null)) {
            throw new InputException("give one router: %s or %s", name("haproxyRuntime"), name("routerUrl"));
        }
        return routerUrl == null ? null : http("routerUrl", routerUrl);
    }

    private void checkProbe(@CheckForNull final URI deployed) {
        if (probe != null && (canaryUrl == null && deployed == null && deployCommand == null || stableUrl == null)) {
            throw new InputException("%s needs %s and %s (or %s for the canary)", name("probe"), name("canaryUrl"),
                    name("stableUrl"), name("deployCommand"));
        }
        if (canaryUrl != null) {
            http("canaryUrl", canaryUrl);
        }
        if (stableUrl != null) {
            http("stableUrl", stableUrl);
        }
    }

    /** The probe body is one JSON value: a request the model servers could not even parse decides nothing. */
    private void checkProbeJson() {
        if (probe == null) {
            return;
        }
        var from = probeFrom != null ? probeFrom : name("probe");
        try (var parser = new JsonFactory().createParser(probe)) {
            if (parser.nextToken() == null) {
                throw new InputException("%s: not JSON (it is empty)", from);
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new InputException("%s: not JSON: more than one value%s", from,
                        where(parser.currentTokenLocation()));
            }
        }
        catch (JsonProcessingException e) {
            throw new InputException("%s: not JSON%s", from, where(e.getLocation()));
        }
        catch (IOException e) {
            throw new InputException("%s: not JSON: %s", from, e.getMessage());
        }
    }

    private static String where(@CheckForNull final JsonLocation location) {
        return location == null ? "" : String.format(Locale.ROOT, " (line %d, column %d)", location.getLineNr(),
                location.getColumnNr());
    }

    private void checkDeploy() {
        if (deployCommand == null) {
            throw new IllegalStateException("no deploy command was given");
        }
        if (model == null || version == null) {
            throw new InputException("%s needs %s and %s", name("deployCommand"), name("model"), name("version"));
        }
        if (haproxyRuntime == null) {
            throw new InputException("%s works with %s: it points HAProxy's canary server at the new version",
                    name("deployCommand"), name("haproxyRuntime"));
        }
        if (!deployCommand.contains("{port}")) {
            throw new InputException("%s must contain {port}, where the model server listens: %s",
                    name("deployCommand"), deployCommand);
        }
    }

    private URI canary(@CheckForNull final URI deployed) {
        return deployed != null ? deployed : http("canaryUrl", canaryUrl);
    }

    /**
     * Where HAProxy's logs arrive (port 0: any free one); resolving a host name is left to the moment
     * the source listens.
     */
    private InetSocketAddress logAddress(final boolean resolve) {
        var colon = haproxyLogs.lastIndexOf(':');
        if (colon <= 0) {
            throw new InputException("%s expects HOST:PORT, such as 127.0.0.1:5514; got '%s'", name("haproxyLogs"),
                    haproxyLogs);
        }
        var option = name("haproxyLogs") + " port";
        var port = Numbers.parseWhole(option, haproxyLogs.substring(colon + 1));
        if (port < 0 || port > 65_535) {
            throw new InputException("%s must be between 0 and 65535, got %d", option, port);
        }
        var host = haproxyLogs.substring(0, colon);
        return resolve ? new InetSocketAddress(host, (int) port) : InetSocketAddress.createUnresolved(host, (int) port);
    }

    /** An http(s) address; one with a user name or password is refused, and not repeated in the message. */
    private URI http(final String key, @CheckForNull final String value) {
        URI uri;
        try {
            uri = value == null ? null : new URI(value);
        }
        catch (URISyntaxException e) {
            uri = null;
        }
        if (uri != null && uri.getRawUserInfo() != null) {
            throw new InputException("%s must not carry a user name or password", name(key));
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new InputException("%s expects an http:// or https:// address, such as http://10.0.0.7:8080; got '%s'",
                    name(key), value == null ? "" : value.replaceAll("//[^/]*@", "//"));
        }
        return uri;
    }

    private String name(final String key) {
        return names.apply(key);
    }

    private static <T> T pick(@CheckForNull final T option, @CheckForNull final T fromFile, final T fallback) {
        return option != null ? option : fromFile != null ? fromFile : fallback;
    }

    @CheckForNull
    private static String given(@CheckForNull final String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orElse(@CheckForNull final String value, final String fallback) {
        var text = given(value);
        return text == null ? fallback : text;
    }
}
