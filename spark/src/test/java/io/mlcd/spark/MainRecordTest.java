package io.mlcd.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.util.Progress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The spark-submit commands recording in a real MLflow run, as the CLI does; nothing recorded on an input error. */
public class MainRecordTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static String parquet;
    private static String emptyParquet;
    private static Path reference;

    @BeforeClass
    public static void writeTheData() {
        var root = FOLDER.getRoot().toPath();
        var rows = TestRows.generate(2_000, 41);
        parquet = root.resolve("current.parquet").toString();
        LocalSpark.rows(rows, TestRows.SCHEMA, 2).selectExpr("x * 3 AS x", "k", "city", "active").write().parquet(parquet);
        emptyParquet = root.resolve("empty.parquet").toString();
        LocalSpark.rows(List.of(), TestRows.SCHEMA, 1).write().parquet(emptyParquet);
        var csv = TestRows.csv(LocalSpark.rows(rows, TestRows.SCHEMA, 2).select("x", "k", "city", "active"),
                root.resolve("csv"));
        reference = root.resolve("reference.json");
        ProfileJson.write(new Profiler(Progress.NONE, Map.of()).profile(csv), reference);
    }

    private static String newRun() throws Exception {
        var experiment = post("experiments/create", JsonNodeFactory.instance.objectNode()
                .put("name", "spark-" + System.nanoTime())).path("experiment_id").asText();
        return post("runs/create", JsonNodeFactory.instance.objectNode().put("experiment_id", experiment))
                .path("run").path("info").path("run_id").asText();
    }

    private static JsonNode post(final String endpoint, final JsonNode body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(SERVER.uri() + "/api/2.0/mlflow/" + endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return new ObjectMapper().readTree(HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static Map<String, String> tags(final String run) {
        return new Mlflow(MlflowConnection.of(SERVER.uri().toString(), Map.of())).runs().get(run).tags();
    }

    @Test
    public void shouldRecordTheDriftVerdictAndReportInTheRun() throws Exception {
        var run = newRun();

        var drift = MainRun.of("drift", "--reference", reference.toString(), "--current", parquet, "--gate",
                "drift_share <= 0.2", "--run-id", run, "--tracking-uri", SERVER.uri().toString());

        assertThat(drift.status()).as(drift.err()).isEqualTo(1);
        assertThat(drift.out()).endsWith("(recorded in MLflow run " + run + ")" + System.lineSeparator());
        assertThat(tags(run)).containsEntry("mlcd.drift.verdict", "FAILED")
                .containsEntry("mlcd.drift.report", "mlcd/drift.html");
    }

    @Test
    public void shouldRecordNothingWhenTheInputIsBad() throws Exception {
        var run = newRun();

        var drift = MainRun.of("drift", "--reference", reference.toString(), "--current", emptyParquet, "--run-id", run,
                "--tracking-uri", SERVER.uri().toString());

        assertThat(drift.status()).isEqualTo(2);
        assertThat(drift.err()).isEqualTo("mlcd-spark: error: " + emptyParquet + " has no rows" + System.lineSeparator());
        assertThat(tags(run).keySet()).noneMatch(key -> key.startsWith("mlcd."));
    }
}
