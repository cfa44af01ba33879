package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlcd.gate.Gate;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.Operator;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Severity;
import io.mlcd.gate.Threshold;
import io.mlcd.gate.Verdict;
import io.mlcd.testkit.MlflowServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Records against a real MLflow tracking server (SQLite store, served artifacts). */
public class RunRecorderTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private MlflowConnection connection() {
        return new MlflowConnection(SERVER.uri(), null, null, null, false);
    }

    private String newRun() {
        var http = new MlflowHttp(connection());
        var name = "exp-" + System.nanoTime();
        var experiment = http.post("experiments/create", JsonNodeFactory.instance.objectNode().put("name", name))
                .path("experiment_id").asText();
        return http.post("runs/create", JsonNodeFactory.instance.objectNode().put("experiment_id", experiment))
                .path("run").path("info").path("run_id").asText();
    }

    private static GateResult gate(final String expression, final Outcome outcome) {
        var gate = new Gate(expression, MetricKey.of("roc_auc"), Operator.GREATER_OR_EQUAL, new Threshold.Fixed(0.8),
                Severity.FAIL);
        return new GateResult(gate, outcome, 0.85, 0.8, null, "roc_auc = 0.85 >= 0.8");
    }

    private StepRecord record(final Verdict verdict) throws IOException {
        var json = folder.getRoot().toPath().resolve("validate.json");
        var html = folder.getRoot().toPath().resolve("validate.html");
        Files.writeString(json, "{\"verdict\": \"" + verdict + "\"}");
        Files.writeString(html, "<!DOCTYPE html><title>report</title>");
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put("roc_auc", 0.85);
        metrics.put("log_loss", 0.41);
        metrics.put("demographic_parity_difference[sex]", 0.05);
        metrics.put("recall[sex=F]", 0.7);
        metrics.put("pr_auc", Double.NaN);
        return new StepRecord("validation", verdict, verdict + ": all 1 gates passed", metrics,
                List.of(gate("roc_auc >= 0.8", Outcome.PASSED)), List.of(json, html));
    }

    private JsonNode run(final String runId) {
        return new MlflowHttp(connection()).get("runs/get", Map.of("run_id", runId)).path("run");
    }

    private static Map<String, String> pairs(final JsonNode array, final String value) {
        var map = new HashMap<String, String>();
        array.forEach(entry -> map.put(entry.path("key").asText(), entry.path(value).asText()));
        return map;
    }

    @Test
    public void shouldWriteMetricsTagsAndReportsToTheRun() throws Exception {
        var runId = newRun();
        var written = new RunRecorder(new Mlflow(connection()), Clock.systemUTC()).record(runId, record(Verdict.PASSED));

        assertThat(written).containsExactly("mlcd/validate.json", "mlcd/validate.html");
        var data = run(runId).path("data");
        var tags = pairs(data.path("tags"), "value");
        assertThat(tags).containsEntry("mlcd.validation.verdict", "PASSED")
                .containsEntry("mlcd.validation.summary", "PASSED: all 1 gates passed")
                .containsEntry("mlcd.validation.report", "mlcd/validate.html")
                .containsKey("mlcd.validation.recorded_at");
        assertThat(tags.get("mlcd.validation.gates")).contains("\"expression\":\"roc_auc >= 0.8\"")
                .contains("\"outcome\":\"PASSED\"");
        var metrics = pairs(data.path("metrics"), "value");
        assertThat(metrics).containsOnlyKeys("roc_auc", "log_loss", "demographic_parity_difference.sex");
        assertThat(Double.parseDouble(metrics.get("roc_auc"))).isEqualTo(0.85);

        var listing = new MlflowHttp(connection()).get("artifacts/list", Map.of("run_id", runId, "path", "mlcd"));
        assertThat(listing.path("files").findValuesAsText("path")).containsExactlyInAnyOrder("mlcd/validate.json",
                "mlcd/validate.html");
        var root = run(runId).path("info").path("artifact_uri").asText().substring("mlflow-artifacts:/".length());
        var download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(SERVER.uri() + "/api/2.0/mlflow-artifacts/artifacts/" + root + "/mlcd/validate.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.body()).isEqualTo("{\"verdict\": \"PASSED\"}");
    }

    @Test
    public void shouldReplaceAnEarlierVerdictOfTheSameStep() throws Exception {
        var runId = newRun();
        var recorder = new RunRecorder(new Mlflow(connection()), Clock.systemUTC());
        recorder.record(runId, record(Verdict.PASSED));
        recorder.record(runId, record(Verdict.FAILED));

        assertThat(pairs(run(runId).path("data").path("tags"), "value")).containsEntry("mlcd.validation.verdict", "FAILED");
    }

    @Test
    public void shouldNameTheEndpointAndErrorCodeWhenTheRunDoesNotExist() {
        assertThatThrownBy(() -> new RunRecorder(new Mlflow(connection()), Clock.systemUTC()).record("0123456789abcdef", record(Verdict.PASSED)))
                .isInstanceOf(MlflowException.class)
                .hasMessageStartingWith("GET runs/get failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: ");
    }

    @Test
    public void shouldGiveUpOnAnUnreachableServerAfterRetries() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var unreachable = new MlflowConnection(URI.create("http://127.0.0.1:" + port), "s3cr3t-token", null, null, false);
        assertThatThrownBy(() -> new RunRecorder(new Mlflow(unreachable), Clock.systemUTC()).record("r", record(Verdict.PASSED)))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("cannot reach MLflow at http://127.0.0.1:" + port + " after 4 attempts")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    public void shouldMapReportKeysToMlflowMetricNames() {
        assertThat(RunRecorder.metricKey("roc_auc")).isEqualTo("roc_auc");
        assertThat(RunRecorder.metricKey("demographic_parity_difference[sex]")).isEqualTo("demographic_parity_difference.sex");
        assertThat(RunRecorder.metricKey("psi[income (€)]")).isEqualTo("psi.income ___");
    }
}
