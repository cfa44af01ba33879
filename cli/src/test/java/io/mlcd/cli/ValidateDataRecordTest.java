package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.testkit.MlflowServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlcd validate-data} recording in a real MLflow run: the mlcd.data.* tags and the history series. */
public class ValidateDataRecordTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static String run;
    private static Path schema;

    @BeforeClass
    public static void logRun() throws Exception {
        run = SERVER.logModels("data-validation", 1, null, Map.of()).runs().get(0);
        schema = FOLDER.getRoot().toPath().resolve("schema.yaml");
        Files.writeString(schema, ValidateDataCommandTest.SCHEMA);
    }

    private static CliRun validateData(final String data, final String... more) throws Exception {
        var file = FOLDER.newFile().toPath();
        Files.writeString(file, data);
        var csv = Files.move(file, file.resolveSibling(file.getFileName() + ".csv"));
        var args = new ArrayList<>(List.of("validate-data", csv.toString(), "--schema", schema.toString(),
                "--tracking-uri", SERVER.uri().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<Double> history(final String key) throws Exception {
        var uri = URI.create(SERVER.uri() + "/api/2.0/mlflow/metrics/get-history?run_id=" + run + "&metric_key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8));
        var body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var values = new ArrayList<Double>();
        new ObjectMapper().readTree(body).path("metrics").forEach(point -> values.add(point.path("value").asDouble()));
        return values;
    }

    private static Map<String, String> tags() {
        return new Mlflow(MlflowConnection.of(SERVER.uri().toString(), Map.of())).runs().get(run).tags();
    }

    @Test
    public void shouldRecordTagsAndAppendToTheDatasetsHistorySeries() throws Exception {
        var clean = validateData(ValidateDataCommandTest.rows(0, 0), "--run-id", run, "--dataset", "production");
        assertThat(clean.status()).as(clean.err()).isZero();
        assertThat(clean.out()).endsWith("(recorded in MLflow run " + run + ")" + System.lineSeparator());
        assertThat(tags()).containsEntry("mlcd.data.verdict", "PASSED")
                .containsEntry("mlcd.data.report", "mlcd/validate-data.html");
        assertThat(tags().get("mlcd.data.summary")).startsWith("PASSED: 0 anomalies; 0 of 12 constraints fell short");
        assertThat(tags().get("mlcd.data.gates")).contains("\"expression\":\"domain[region]\"");

        var training = validateData(ValidateDataCommandTest.rows(0, 0) + "c100,30,east\n", "--run-id", run,
                "--dataset", "training");
        assertThat(training.status()).as(training.err()).isZero();

        var bad = validateData(ValidateDataCommandTest.rows(3, 0).replace("c9,29,west\n", "c9,,west\n"), "--run-id",
                run, "--dataset", "production");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(tags()).containsEntry("mlcd.data.verdict", "FAILED");
        assertThat(history("data.production.row_count")).containsExactly(100.0, 100.0);
        assertThat(history("data.production.completeness.age")).containsExactly(1.0, 0.99);
        assertThat(history("data.production.mean.age")).hasSize(2);
        assertThat(history("data.training.row_count")).containsExactly(101.0);
        assertThat(history("completeness.age")).isNotEmpty();

        // bad input records nothing: the verdict stays FAILED, no point is added
        var refused = validateData(ValidateDataCommandTest.rows(0, 0), "--run-id", run, "--dataset", "production",
                "--gate", "mean[income] <= 1");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(tags()).containsEntry("mlcd.data.verdict", "FAILED");
        assertThat(history("data.production.row_count")).hasSize(2);
    }
}
