package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.testkit.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The registry commands end to end against a real MLflow server, as a CI job would call them. */
public class RegistryCommandsTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static List<String> runs;
    private static Path predictions;

    @BeforeClass
    public static void logModels() throws Exception {
        runs = SERVER.logModels("cli-test", 2, null, Map.of()).runs();
        predictions = FOLDER.getRoot().toPath().resolve("predictions.csv");
        var rows = new StringBuilder("label,score\n");
        for (int i = 0; i < 200; i++) {
            rows.append(i % 2).append(',').append(i % 2 == 1 ? 0.6 + (i % 7) * 0.05 : 0.1 + (i % 9) * 0.05).append('\n');
        }
        Files.writeString(predictions, rows);
    }

    private static CliRun mlcd(final String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--tracking-uri", SERVER.uri().toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode json(final CliRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    public void shouldValidateRegisterApprovePromoteAndShowTheLineage() throws Exception {
        var run = runs.get(0);
        assertThat(mlcd("validate", "--predictions", predictions.toString(), "--score", "score",
                "--gate", "roc_auc >= 0.9", "--run-id", run).status()).isZero();

        var registered = mlcd("register", "--run-id", run, "--name", "cli churn", "--alias", "challenger",
                "--tag", "ticket=https://tracker.example/?id=42", "--data", predictions.toString());
        assertThat(registered.status()).as(registered.err()).isZero();
        var version = json(registered);
        assertThat(version.path("version").asText()).isEqualTo("1");
        assertThat(version.path("created").asBoolean()).isTrue();
        assertThat(version.path("tags").path("ticket").asText()).isEqualTo("https://tracker.example/?id=42");
        assertThat(version.path("tags").path("mlcd.validation.verdict").asText()).isEqualTo("PASSED");
        assertThat(json(mlcd("register", "--run-id", run, "--name", "cli churn")).path("created").asBoolean()).isFalse();

        var refused = mlcd("promote", "--name", "cli churn", "--version", "1");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).startsWith("mlcd: refused: version 1 of 'cli churn' not promoted to champion: "
                + "it has no approval");

        assertThat(mlcd("approve", "--name", "cli churn", "--version", "1", "--by", "alice", "--comment", "ok").status())
                .isZero();
        assertThat(mlcd("promote", "--name", "cli churn", "--version", "1", "--by", "ci").status()).isZero();

        var schema = Files.writeString(FOLDER.getRoot().toPath().resolve("schema.yaml"),
                "schema_version: 1\ncolumns:\n  label: {type: numeric}\n  score: {type: numeric, range: {min: 0, max: 1}}\n");
        assertThat(mlcd("validate-data", predictions.toString(), "--schema", schema.toString(), "--model", "cli churn",
                "--version", "1").status()).isZero();

        var status = mlcd("status", "--name", "cli churn");
        assertThat(status.status()).isZero();
        assertThat(status.out()).startsWith("cli churn version 1  READY  @challenger @champion")
                .contains("validation     PASSED: all 1 gates passed (report runs:/" + run + "/mlcd/validate.html)")
                .contains("data check     PASSED: 0 anomalies; 0 of 6 constraints fell short (report runs:/" + run
                        + "/mlcd/validate-data.html)")
                .contains("data           predictions.csv sha256 ").doesNotContain("data           verdict")
                .contains("approval       APPROVED by alice at ").contains("promotion      @champion at ")
                .contains("model aliases  @challenger -> 1, @champion -> 1");
        var lineage = json(mlcd("status", "--name", "cli churn", "--alias", "champion", "--json"));
        assertThat(lineage.path("run").path("run_id").asText()).isEqualTo(run);
        assertThat(lineage.path("run").path("metrics").path("roc_auc").asDouble()).isGreaterThan(0.9);
    }

    @Test
    public void shouldGateRecordedMetricsAgainstTheChampionsRun() throws Exception {
        var champion = runs.get(0);
        var challenger = runs.get(1);
        mlcd("register", "--run-id", champion, "--name", "baseline-model");
        mlcd("approve", "--name", "baseline-model", "--version", "1", "--by", "alice");
        assertThat(mlcd("promote", "--name", "baseline-model", "--version", "1", "--force").status()).isZero();

        var report = FOLDER.newFolder("from-run").toPath();
        var run = mlcd("validate", "--metrics-from-run", challenger, "--model", "baseline-model",
                "--baseline-alias", "champion", "--gate", "roc_auc >= baseline + 1", "--report-dir", report.toString());

        assertThat(run.status()).isEqualTo(1);
        var gate = new ObjectMapper().readTree(report.resolve("validate.json").toFile()).path("gates").get(0);
        assertThat(gate.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(gate.path("baseline").asDouble()).isEqualTo(
                json(mlcd("status", "--name", "baseline-model", "--json")).path("run").path("metrics").path("roc_auc")
                        .asDouble());
    }

    @Test
    public void shouldRejectContradictoryOptionsBeforeCallingMlflow() {
        assertThat(mlcd("status", "--name", "m", "--version", "1", "--alias", "champion").status()).isEqualTo(2);
        var noVersion = mlcd("validate", "--predictions", predictions.toString(), "--score", "score", "--model", "m");
        assertThat(noVersion.status()).isEqualTo(2);
        assertThat(noVersion.err()).contains("--model needs --version");
        var both = mlcd("validate", "--predictions", predictions.toString(), "--metrics-from-run", "abc");
        assertThat(both.err()).contains("give --predictions FILE, --metrics-from-run ID or a served model "
                + "(--model-url URL or --deploy-command TEMPLATE, with --data FILE), one of them");
        assertThat(mlcd("register", "--run-id", runs.get(0), "--name", "m", "--alias", "latest").err())
                .contains("'latest' and v<number> are reserved");
    }

    @Test
    public void shouldDocumentEveryRegistryCommand() {
        for (String command : List.of("register", "approve", "promote", "status")) {
            var help = CliRun.of(command, "--help");
            assertThat(help.status()).isZero();
            assertThat(help.out()).contains("Usage: mlcd " + command).contains("--tracking-uri").contains("--name");
        }
    }
}
