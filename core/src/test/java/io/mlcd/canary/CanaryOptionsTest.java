package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.Policy;
import io.mlcd.util.InputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every option of a canary rollout as a person gives it: the plan, the parts, and one line for each mistake. */
public class CanaryOptionsTest {
    private static final GateParser PARSER = new GateParser(new CanaryCatalog());
    private static final Policy ERROR_GATE = PARSER.policy(List.of("error_rate <= baseline + 1%"), List.of());

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static CanaryOptions haproxy() {
        return CanaryOptions.pipeline().gates(ERROR_GATE).haproxyRuntime("127.0.0.1:9999")
                .haproxyLogs("127.0.0.1:5514");
    }

    private static void assertRefused(final Supplier<Object> use, final String message) {
        assertThatThrownBy(use::get).isInstanceOf(InputException.class).hasMessage(message);
    }

    private static void assertRefused(final CanaryOptions options, final String message) {
        assertThatThrownBy(options::check).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    public void shouldBuildTheDefaultPlanOfMlcdCanary() {
        var plan = haproxy().plan();

        assertThat(plan.weights()).containsExactly(5, 25, 50, 100);
        assertThat(plan.pause()).isEqualTo(Duration.ofMinutes(5));
        assertThat(plan.minRequests()).isEqualTo(100);
        assertThat(plan.confidence()).isEqualTo(0.95);
        assertThat(plan.failureLimit()).isZero();
        assertThat(plan.inconclusiveLimit()).isEqualTo(2);
        assertThat(plan.manualGate()).isFalse();
        assertThat(plan.approveBefore()).isEmpty();
        assertThat(haproxy().router()).isInstanceOf(HaproxyRouter.class);
        assertThat(haproxy().predictionProbe(null)).isNull();
        assertThat(haproxy().deploys()).isFalse();
    }

    @Test
    public void shouldLetOptionsWinOverTheRolloutFileAndTheFileOverTheDefaults() {
        var file = RolloutFile.parse(Path.of("rollout.yaml"), String.join("\n", "weights: [10, 100]", "pause: 2m",
                "min_requests: 300", "confidence: 0.99", "failure_limit: 1", "manual_gate: true",
                "approve_before: [100]", "gates:", "  - latency_p95 <= 300ms", ""), PARSER);

        var plan = haproxy().rolloutFile(file).pause("30s").minRequests(50L).inconclusiveLimit(4).plan();

        assertThat(plan.weights()).containsExactly(10, 100);
        assertThat(plan.pause()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.minRequests()).isEqualTo(50);
        assertThat(plan.confidence()).isEqualTo(0.99);
        assertThat(plan.failureLimit()).isEqualTo(1);
        assertThat(plan.inconclusiveLimit()).isEqualTo(4);
        assertThat(plan.manualGate()).isTrue();
        assertThat(plan.approveBefore()).containsExactly(100);
        assertThat(plan.gates()).extracting(gate -> gate.expression())
                .containsExactly("latency_p95 <= 300ms", "error_rate <= baseline + 1%");
    }

    @Test
    public void shouldRefuseAPlanThatGoesLiveWithoutAnalysisUnlessAllowed() {
        assertRefused(haproxy().weights(List.of(100)), "the weights [100] reach 100% without an analysed step: "
                + "give lower weights first, or allowNoAnalysis to go live without analysis");
        assertRefused(CanaryOptions.cli().gates(ERROR_GATE).haproxyRuntime("a:1").haproxyLogs("b:2")
                .weights(List.of(100)), "the weights [100] reach 100% without an analysed step: give lower weights "
                + "first, or --no-analysis to go live without analysis");

        var plan = CanaryOptions.pipeline().weights(List.of(100)).allowNoAnalysis(true).plan();

        assertThat(plan.weights()).containsExactly(100);
        assertThat(plan.gates()).as("nothing is analysed, so no gate is needed").isEmpty();
    }

    @Test
    public void shouldRefuseAnAnalysisWithoutGates() {
        assertRefused(haproxy().gates(new Policy(List.of())), "give the analysis' gates (gates, warnings or a rollout "
                + "file): without them every analysis would pass");
        assertRefused(CanaryOptions.cli().haproxyRuntime("a:1").haproxyLogs("b:2"), "give the analysis' gates "
                + "(--gate, --warn, --policy or a --rollout file): without them every analysis would pass");
    }

    @Test
    public void shouldRefuseBadPlanValuesInOneLine() {
        assertRefused(haproxy().confidence(1.5), "the confidence (confidence or confidence: in rollout) must be at "
                + "least 0.5 and below 1, got 1.5");
        assertRefused(haproxy().confidence(Double.NaN), "the confidence (confidence or confidence: in rollout) must be "
                + "at least 0.5 and below 1, got NaN");
        assertRefused(haproxy().pause("soon"), "pause expects a duration such as 30s, 5m or 500ms, got 'soon'");
        assertRefused(haproxy().weights(List.of(50, 25, 100)), "the canary weights must rise from 0..100 to 100, "
                + "got [50, 25, 100]");
        assertRefused(haproxy().weights(List.of(5, 50)), "the canary weights must end at 100, got [5, 50]");
        assertRefused(haproxy().approveBefore(List.of(75)), "approval is asked before weights [75], but the plan's "
                + "weights are [5, 25, 50, 100]");
        assertRefused(haproxy().minRequests(0L), "failure and inconclusive limits must be >= 0 and min requests >= 1");
        assertRefused(() -> CanaryOptions.percentages("weights", "5, 25,,100"), "weights expects whole percentages "
                + "separated by commas, such as 5,25,50,100; got '5, 25,,100'");
        assertThat(CanaryOptions.percentages("weights", " 5, 25 ,100")).containsExactly(5, 25, 100);
        assertThat(CanaryOptions.percentages("weights", " ")).isNull();
    }

    @Test
    public void shouldKeepPlanValuesWithinTheRangesWhereTheyMeanWhatTheySay() {
        var lowInFile = RolloutFile.parse(Path.of("rollout.yaml"), "confidence: 0.2\n", PARSER);
        assertRefused(CanaryOptions.cli().gates(ERROR_GATE).haproxyRuntime("a:1").haproxyLogs("b:2")
                .rolloutFile(lowInFile), "the confidence (--confidence or confidence: in --rollout) must be at least "
                + "0.5 and below 1, got 0.2");
        assertRefused(haproxy().rolloutFile(lowInFile).confidence(0.49), "the confidence (confidence or confidence: "
                + "in rollout) must be at least 0.5 and below 1, got 0.49");
        assertRefused(haproxy().confidence(1.0), "the confidence (confidence or confidence: in rollout) must be at "
                + "least 0.5 and below 1, got 1");
        assertRefused(haproxy().pause("1441m"), "the pause (pause or pause: in rollout) must be at most 24h, got "
                + "PT24H1M");
        assertRefused(haproxy().failureLimit(101), "the failure and inconclusive limits must be at most 100, got 101 "
                + "and 2");
        assertRefused(haproxy().inconclusiveLimit(Integer.MAX_VALUE), "the failure and inconclusive limits must be at "
                + "most 100, got 0 and 2147483647");
        assertRefused(haproxy().minRequests(1_000_000_001L), "the min requests (minRequests or min_requests: in "
                + "rollout) must be at most 1000000000, got 1000000001");

        var edges = haproxy().confidence(0.5).pause("24h").failureLimit(100).inconclusiveLimit(100)
                .minRequests(1_000_000_000L).plan();

        assertThat(edges.confidence()).isEqualTo(0.5);
        assertThat(edges.pause()).isEqualTo(Duration.ofHours(24));
        assertThat(edges.failureLimit()).isEqualTo(100);
        assertThat(edges.minRequests()).isEqualTo(1_000_000_000L);
    }

    @Test
    public void shouldAskForExactlyOneRouterAndOneMetricSource() {
        assertRefused(haproxy().routerUrl("http://router:8080/weights"), "give one router: haproxyRuntime or routerUrl");
        assertRefused(haproxy().haproxyRuntime(" "), "give one router: haproxyRuntime or routerUrl");
        assertRefused(haproxy().prometheus("http://prometheus:9090"), "give one metric source: haproxyLogs or "
                + "prometheus");
        assertRefused(haproxy().haproxyLogs(null), "give one metric source: haproxyLogs or prometheus");
        assertRefused(CanaryOptions.cli().gates(ERROR_GATE).haproxyLogs("b:2"), "give one router: --haproxy-runtime "
                + "or --router-url");

        var http = haproxy().haproxyRuntime(null).routerUrl("http://router:8080/weights");
        http.check();
        assertThat(http.router()).hasToString("HTTP router http://router:8080/weights");
        var prometheus = haproxy().haproxyLogs(null).prometheus("http://prometheus:9090/prefix");
        prometheus.check();
        try (var source = prometheus.openSource(null)) {
            assertThat(source).hasToString("Prometheus at http://prometheus:9090/prefix (backend model, servers stable "
                    + "and canary)");
        }
        assertThat(haproxy().servers("api", "blue", "green").router())
                .hasToString("HAProxy 127.0.0.1:9999 backend api (stable blue, canary green)");
    }

    @Test
    public void shouldRefuseAddressesThatAreNotWhatTheyShouldBe() {
        assertRefused(haproxy().haproxyLogs("5514"), "haproxyLogs expects HOST:PORT, such as 127.0.0.1:5514; got '5514'");
        assertRefused(haproxy().haproxyLogs(":5514"), "haproxyLogs expects HOST:PORT, such as 127.0.0.1:5514; "
                + "got ':5514'");
        assertRefused(haproxy().haproxyLogs("host:99999"), "haproxyLogs port must be between 0 and 65535, got 99999");
        assertRefused(haproxy().haproxyLogs("host:-1"), "haproxyLogs port must be between 0 and 65535, got -1");
        assertRefused(haproxy().haproxyLogs("host:x"), "haproxyLogs port: 'x' is not a whole number");
        assertRefused(CanaryOptions.cli().gates(ERROR_GATE).haproxyRuntime("a:1").haproxyLogs("host:0x10"),
                "--haproxy-logs port: '0x10' is not a whole number");
        haproxy().haproxyLogs("127.0.0.1:0").check(); // any free port, as tests use it
        assertRefused(haproxy().haproxyRuntime("haproxy.internal"), "the HAProxy runtime API address must be host:port "
                + "or a socket path, got 'haproxy.internal'");
        haproxy().haproxyRuntime("/run/haproxy/admin.sock").check();
        assertRefused(haproxy().haproxyRuntime(null).routerUrl("router:8080"), "routerUrl expects an http:// or "
                + "https:// address, such as http://10.0.0.7:8080; got 'router:8080'");
        assertRefused(haproxy().haproxyLogs(null).prometheus("http://prometheus:9090/?x=1"), "prometheus must be the "
                + "server's address without a query or a fragment, such as http://127.0.0.1:9090");
        assertRefused(haproxy().haproxyLogs(null).prometheus("http://admin:secret@prometheus:9090"),
                "prometheus must not carry a user name or password");
        assertRefused(haproxy().haproxyLogs(null).prometheus("ftp://prometheus"), "prometheus expects an http:// or "
                + "https:// address, such as http://10.0.0.7:8080; got 'ftp://prometheus'");
        assertRefused(haproxy().haproxyLogs(null).prometheus("http://admin:se cret@prometheus"), "prometheus expects "
                + "an http:// or https:// address, such as http://10.0.0.7:8080; got 'http://prometheus'");
        assertRefused(haproxy().probe("{}").canaryUrl("http://canary:8080").stableUrl("stable:8080"), "stableUrl "
                + "expects an http:// or https:// address, such as http://10.0.0.7:8080; got 'stable:8080'");
    }

    @Test
    public void shouldSendTheProbeToBothVersions() {
        assertRefused(haproxy().probe("{\"inputs\": [[1]]}").canaryUrl("http://canary:8080"), "probe needs canaryUrl "
                + "and stableUrl (or deployCommand for the canary)");

        var probing = haproxy().probe("{\"inputs\": [[1]]}").canaryUrl("http://canary:8080")
                .stableUrl("http://stable:8080");
        probing.check();

        assertThat(probing.predictionProbe(null)).isInstanceOf(HttpPredictionProbe.class);
    }

    @Test
    public void shouldRefuseAProbeThatIsNotOneJsonValueNamingItsFile() throws Exception {
        var urls = haproxy().canaryUrl("http://canary:8080").stableUrl("http://stable:8080");
        assertRefused(urls.probe("{\"inputs\": [[1, 2, 3],\n [4, 5"), "probe: not JSON (line 2, column 7)");
        assertRefused(urls.probe("{\"inputs\": [[1]]} {}"), "probe: not JSON: more than one value (line 1, "
                + "column 19)");

        var file = folder.getRoot().toPath().resolve("probe.json");
        var cli = CanaryOptions.cli().gates(ERROR_GATE).haproxyRuntime("a:1").haproxyLogs("b:2")
                .canaryUrl("http://canary:8080").stableUrl("http://stable:8080");
        assertRefused(() -> cli.probeFile(file), "--probe " + file + ": no such file");
        Files.writeString(file, "{\"inputs\": [[1, 2, 3],\n [4, 5");
        assertRefused(cli.probeFile(file), "--probe " + file + ": not JSON (line 2, column 7)");
        Files.writeString(file, " \n");
        assertRefused(cli.probeFile(file), "--probe " + file + ": not JSON (it is empty)");
        Files.writeString(file, "{\"inputs\": [[1, 2, 3]]}\n");
        cli.probeFile(file).check();

        assertThat(cli.predictionProbe(null)).isInstanceOf(HttpPredictionProbe.class);
        assertThat(cli.probeFile(null).predictionProbe(null)).isNull();
    }

    @Test
    public void shouldRunBlueGreenOnTestTrafficAtWeightsZeroAndHundred() {
        var blueGreen = CanaryOptions.pipeline().gates(ERROR_GATE).haproxyRuntime("127.0.0.1:9999").blueGreen(true)
                .probe("{\"inputs\": [[1], [2]]}").canaryUrl("http://green:8080").stableUrl("http://blue:8080")
                .minRequests(20L);
        blueGreen.check();

        assertThat(blueGreen.plan().weights()).containsExactly(0, 100);
        assertThat(blueGreen.weights(List.of(0, 50, 100)).plan().weights()).containsExactly(0, 50, 100);
        try (var source = blueGreen.openSource(null)) {
            assertThat(source).isInstanceOf(PreviewSource.class);
        }
        assertRefused(blueGreen.haproxyLogs("127.0.0.1:5514"), "blueGreen analyses test traffic: give probe, canaryUrl "
                + "(or deployCommand) and stableUrl, and no haproxyLogs or prometheus");
        assertRefused(blueGreen.haproxyLogs(null).probe("[1, 2]"), "the probe body has no rows: expected "
                + "{\"dataframe_split\": {\"columns\": …, \"data\": [[…], …]}} or {\"inputs\": [[…], …]}");
        assertRefused(CanaryOptions.cli().gates(ERROR_GATE).haproxyRuntime("a:1").blueGreen(true), "--blue-green "
                + "analyses test traffic: give --probe, --canary-url (or --deploy-command) and --stable-url, and no "
                + "--haproxy-logs or --prometheus");
    }

    @Test
    public void shouldDeployOnlyANamedVersionBehindHaproxy() {
        var template = "mlflow models serve -m models:/{name}/{version} -p {port}";
        assertRefused(haproxy().deployCommand(template, null), "deployCommand needs name and version");
        assertRefused(CanaryOptions.cli().gates(ERROR_GATE).haproxyRuntime("a:1").haproxyLogs("b:2")
                .deployCommand(template, null), "--deploy-command needs --model and --version");
        assertRefused(haproxy().haproxyRuntime(null).routerUrl("http://router:1").model("churn", "7")
                .deployCommand(template, null), "deployCommand works with haproxyRuntime: it points HAProxy's canary "
                + "server at the new version");
        assertRefused(haproxy().model("churn", "7").deployCommand("serve churn", null), "deployCommand must contain "
                + "{port}, where the model server listens: serve churn");

        var deploying = haproxy().model("churn", "7").deployCommand(template, "/ping").probe("{\"inputs\": [[1]]}")
                .stableUrl("http://stable:8080");
        deploying.check();

        assertThat(deploying.deploys()).isTrue();
        assertThat(deploying.predictionProbe(URI.create("http://127.0.0.1:4242"))).as("the deployment is the canary")
                .isInstanceOf(HttpPredictionProbe.class);
    }
}
