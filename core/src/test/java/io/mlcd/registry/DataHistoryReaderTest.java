package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlcd.gate.Verdict;
import io.mlcd.testkit.FaultProxy;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.util.InputException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;

/** Reads history series back from a real MLflow tracking server (SQLite store), as validate-data --history does. */
public class DataHistoryReaderTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static MlflowConnection connection(final URI uri) {
        return new MlflowConnection(uri, null, null, null, false);
    }

    private static Mlflow mlflow() {
        return new Mlflow(connection(SERVER.uri()));
    }

    private static String newRun() {
        var http = mlflow().http();
        var experiment = http.post("experiments/create", JSON.objectNode().put("name", "history-" + System.nanoTime()))
                .path("experiment_id").asText();
        return http.post("runs/create", JSON.objectNode().put("experiment_id", experiment))
                .path("run").path("info").path("run_id").asText();
    }

    /** Logs points of one MLflow metric: timestamp, step, value triples. */
    private static void log(final String runId, final String key, final double... points) {
        var body = JSON.objectNode().put("run_id", runId);
        var metrics = body.putArray("metrics");
        for (int i = 0; i < points.length; i += 3) {
            metrics.addObject().put("key", key).put("timestamp", (long) points[i]).put("step", (long) points[i + 1])
                    .put("value", points[i + 2]);
        }
        mlflow().http().post("runs/log-batch", body);
    }

    @Test
    public void shouldReadTheLastPointsOfEachSeriesOrderedByTimestampThenStep() {
        var runId = newRun();
        // logged out of order; two points share a timestamp and differ by step
        log(runId, "data.production.row_count", 3000, 0, 30, 1000, 0, 10, 4000, 1, 41, 2000, 0, 20, 4000, 0, 40);
        log(runId, "data.production.completeness.age", 1000, 0, 0.99, 2000, 0, 1.0);
        log(runId, "data.production.mean.age", 5000, 0, 41.5);
        log(runId, "data.training.row_count", 9000, 0, 99); // another dataset's series in the same run

        var history = new DataHistoryReader(mlflow()).read(runId, "production", List.of("age"), 3);

        assertThat(history).containsExactly(Map.entry("data.production.row_count", List.of(30.0, 40.0, 41.0)),
                Map.entry("data.production.completeness.age", List.of(0.99, 1.0)),
                Map.entry("data.production.mean.age", List.of(41.5)));
        assertThat(new DataHistoryReader(mlflow()).read(runId, "production", List.of(), 10))
                .containsExactly(Map.entry("data.production.row_count", List.of(10.0, 20.0, 30.0, 40.0, 41.0)));
    }

    @Test
    public void shouldGiveEmptySeriesWithOneRequestWhenNothingWasRecorded() {
        var runId = newRun();
        log(runId, "roc_auc", 1000, 0, 0.9);
        var mlflow = mlflow();

        var history = new DataHistoryReader(mlflow).read(runId, "batch", List.of("age", "region"), 5);

        assertThat(history).containsOnlyKeys("data.batch.row_count", "data.batch.completeness.age",
                "data.batch.mean.age", "data.batch.completeness.region", "data.batch.mean.region")
                .allSatisfy((key, points) -> assertThat(points).isEmpty());
        assertThat(mlflow.calls()).isEqualTo(1);
    }

    @Test
    public void shouldReadWhatTheRecorderWroteUnderMlflowsKeyMapping() {
        var runId = newRun();
        var column = "income (€) [net]";
        for (int day = 1; day <= 3; day++) {
            var points = new LinkedHashMap<String, Double>();
            points.put("data.batch.row_count", 1000.0 * day);
            points.put("data.batch.completeness." + column, 0.9 + day / 100.0);
            points.put("data.batch.mean." + column, 100.0 + day);
            var clock = Clock.fixed(Instant.parse("2026-12-0" + day + "T06:00:00Z"), ZoneOffset.UTC);
            new RunRecorder(mlflow(), clock).record(runId, new StepRecord("data", Verdict.PASSED, "PASSED", points,
                    List.of(), List.of()));
        }

        var history = new DataHistoryReader(mlflow()).read(runId, "batch", List.of(column), 2);

        assertThat(RunRecorder.metricKey("data.batch.mean." + column)).isEqualTo("data.batch.mean.income ___ .net");
        assertThat(history).containsExactly(Map.entry("data.batch.row_count", List.of(2000.0, 3000.0)),
                Map.entry("data.batch.completeness." + column, List.of(0.92, 0.93)),
                Map.entry("data.batch.mean." + column, List.of(102.0, 103.0)));
    }

    @Test
    public void shouldGiveNoHistoryForAColumnMlflowCannotRecordAndRefuseColumnsItCannotTellApart() {
        var runId = newRun();
        // the mapped key still normalises to another path, which MLflow refuses to record
        assertThatThrownBy(() -> log(runId, RunRecorder.metricKey("data.batch.mean.a//b"), 1000, 0, 1))
                .isInstanceOf(MlflowException.class).hasMessageContaining("INVALID_PARAMETER_VALUE");
        assertThat(new DataHistoryReader(mlflow()).read(runId, "batch", List.of("a//b"), 3))
                .containsEntry("data.batch.mean.a//b", List.of()).hasSize(3);

        assertThatThrownBy(() -> new DataHistoryReader(mlflow()).read(runId, "batch", List.of("price €", "price $"), 3))
                .isInstanceOf(InputException.class)
                .hasMessage("'data.batch.completeness.price €' and 'data.batch.completeness.price $' are both recorded "
                        + "in MLflow as metric 'data.batch.completeness.price _', so their histories cannot be told "
                        + "apart: rename one of the columns");
        assertThatThrownBy(() -> new DataHistoryReader(mlflow()).read(runId, "batch", List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void shouldLeaveOutPointsThatAreNotFiniteNumbers() {
        var runId = newRun();
        // MLflow answers NaN as text and keeps an infinity as the largest double
        log(runId, "data.batch.mean.x", 1000, 0, 1.0, 2000, 0, Double.NaN, 3000, 0, Double.POSITIVE_INFINITY,
                4000, 0, 3.0, 5000, 0, Double.NEGATIVE_INFINITY);

        assertThat(new DataHistoryReader(mlflow()).read(runId, "batch", List.of("x"), 3))
                .containsEntry("data.batch.mean.x", List.of(1.0, 3.0));
    }

    @Test
    public void shouldPageThroughAHistoryLongerThanAPage() {
        var runId = newRun();
        var points = new double[3 * 25];
        for (int i = 0; i < 25; i++) {
            points[3 * i] = 1000 + (i * 7919L) % 25 * 10; // every timestamp once, logged shuffled
            points[3 * i + 2] = (points[3 * i] - 1000) / 10;
        }
        log(runId, "data.batch.row_count", points);
        var mlflow = mlflow();

        var history = new DataHistoryReader(mlflow, 4).read(runId, "batch", List.of(), 6);

        assertThat(history.get("data.batch.row_count")).containsExactly(19.0, 20.0, 21.0, 22.0, 23.0, 24.0);
        // MLflow 3 answers 4 points a page (7 pages); MLflow 2 ignores max_results and answers all at once
        assertThat(mlflow.calls()).isIn(1 + 7, 1 + 1);
    }

    @Test
    public void shouldReadTheHistoryOfAModelVersionsRun() {
        var runId = newRun();
        log(runId, "data.production.row_count", 1000, 0, 500, 2000, 0, 700);
        var http = mlflow().http();
        var model = "history-model-" + System.nanoTime();
        http.postOnce("registered-models/create", JSON.objectNode().put("name", model));
        var version = http.postOnce("model-versions/create", JSON.objectNode().put("name", model)
                .put("source", "runs:/" + runId + "/model").put("run_id", runId))
                .path("model_version").path("version").asText();
        http.postOnce("model-versions/create", JSON.objectNode().put("name", model).put("source", "s3://bucket/model"));

        var history = new DataHistoryReader(mlflow()).readVersion(model, version, "production", List.of(), 5);

        assertThat(history).containsExactly(Map.entry("data.production.row_count", List.of(500.0, 700.0)));
        assertThatThrownBy(() -> new DataHistoryReader(mlflow()).readVersion(model, "2", "production", List.of(), 5))
                .isInstanceOf(MlflowException.class)
                .hasMessage("version 2 of '" + model + "' has no run to read a history from");
        assertThatThrownBy(() -> new DataHistoryReader(mlflow()).readVersion(model, "9", "production", List.of(), 5))
                .isInstanceOf(InputException.class)
                .hasMessage("model '" + model + "' has no version 9 in the MLflow registry");
    }

    @Test
    public void shouldNameTheEndpointWhenTheRunIsMissingOrTheServerFails() throws Exception {
        assertThatThrownBy(() -> new DataHistoryReader(mlflow()).read("0123456789abcdef", "batch", List.of(), 3))
                .isInstanceOf(MlflowException.class)
                .hasMessageStartingWith("GET runs/get failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: ");

        var runId = newRun();
        log(runId, "data.batch.row_count", 1000, 0, 5);
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/2.0/mlflow/metrics/get-history", head -> FaultProxy.http(500, "application/json",
                    MAPPER.createObjectNode().put("error_code", "INTERNAL_ERROR").put("message", "database is locked")
                            .toString()));
            var mlflow = new Mlflow(connection(proxy.uri()));

            assertThatThrownBy(() -> new DataHistoryReader(mlflow).read(runId, "batch", List.of(), 3))
                    .isInstanceOf(MlflowException.class)
                    .hasMessage("GET metrics/get-history failed: HTTP 500 INTERNAL_ERROR: database is locked");
            assertThat(mlflow.calls()).isEqualTo(1 + MlflowHttp.ATTEMPTS);
        }
    }

    @Test
    public void shouldRefuseAServerThatPagesWithoutEnd() throws Exception {
        var runId = newRun();
        log(runId, "data.batch.row_count", 1000, 0, 5);
        try (var proxy = new FaultProxy(SERVER.uri())) {
            var page = MAPPER.createObjectNode().put("next_page_token", "again");
            page.putArray("metrics").addObject().put("key", "data.batch.row_count").put("value", 5)
                    .put("timestamp", 1000).put("step", 0);
            proxy.answer("/api/2.0/mlflow/metrics/get-history", head -> FaultProxy.http(200, "application/json",
                    page.toString()));

            assertThatThrownBy(() -> new DataHistoryReader(new Mlflow(connection(proxy.uri()))).read(runId, "batch",
                    List.of(), 3))
                    .isInstanceOf(MlflowException.class)
                    .hasMessage("GET metrics/get-history of 'data.batch.row_count' in run " + runId
                            + " pages without end: the server gave a page token that leads nowhere new");
        }
    }
}
