package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.testkit.MlflowModelServe;
import io.mlcd.testkit.MlflowServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd validate --model-url} against real {@code mlflow models serve} processes of the
 * scikit-learn models python/train_served_models.py trains (a tree and a logistic regression,
 * served with predict_proba): the metrics equal those of {@code mlcd validate} on the predictions
 * the models' own predict_proba computed in Python for the same rows; faults injected by a relay
 * in front of the real server are retried, or end in exit status 2 with nothing recorded.
 */
public class ValidateModelUrlIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ClassRule
    public static final MlflowServer MLFLOW = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static Path models;
    private static MlflowModelServe tree;
    private static MlflowModelServe logistic;

    @BeforeClass
    public static void serveModels() throws Exception {
        models = FOLDER.getRoot().toPath().resolve("models");
        MlflowModelServe.trainModels(models, "--seed", "16", "--test-rows", "2500");
        tree = MlflowModelServe.start(models.resolve("tree"));
        logistic = MlflowModelServe.start(models.resolve("logistic"));
    }

    @AfterClass
    public static void stopModels() {
        if (tree != null) {
            tree.close();
        }
        if (logistic != null) {
            logistic.close();
        }
    }

    private static String newRun() throws Exception {
        return MLFLOW.logModels("served-validation", 1, null, Map.of()).runs().get(0);
    }

    private static Map<String, String> tags(final String run) {
        return new Mlflow(MlflowConnection.of(MLFLOW.uri().toString(), Map.of())).runs().get(run).tags();
    }

    private static CliRun validate(final String reportDir, final String... more) throws IOException {
        var args = new ArrayList<>(List.of("validate", "--data", models.resolve("test.csv").toString(), "--label",
                "label", "--id", "id", "--group", "region", "--report-dir", FOLDER.getRoot().toPath().resolve(reportDir)
                        .toString(), "--tracking-uri", MLFLOW.uri().toString(), "--batch-size", "1000",
                "--concurrency", "1"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode report(final String reportDir) throws IOException {
        return MAPPER.readTree(FOLDER.getRoot().toPath().resolve(reportDir).resolve("validate.json").toFile());
    }

    /** The reference: mlcd validate on the predictions of the models' own predict_proba in Python. */
    private static JsonNode reference() throws IOException {
        var run = CliRun.of("validate", "--predictions", models.resolve("predictions-tree.csv").toString(), "--baseline",
                models.resolve("predictions-logistic.csv").toString(), "--label", "label", "--score", "score", "--id",
                "id", "--group", "region", "--report-dir", FOLDER.getRoot().toPath().resolve("reference").toString());
        assertThat(run.status()).as(run.err()).isZero();
        return report("reference");
    }

    @Test
    public void shouldGiveTheMetricsOfThePredictionsTheModelsComputeInPython() throws Exception {
        var run = newRun();
        var scored = validate("scored", "--model-url", tree.uri().toString(), "--baseline-url", logistic.uri().toString(),
                "--gate", "roc_auc >= 0.9", "--run-id", run);
        assertThat(scored.status()).as(scored.err()).isZero();

        var expected = reference();
        var actual = report("scored");
        assertThat(actual.path("metrics").path("row_count").asInt()).isEqualTo(2500);
        for (String part : List.of("metrics", "baseline_metrics", "comparison", "groups", "roc_curve")) {
            assertThat(actual.path(part)).as(part).isNotEmpty().isEqualTo(expected.path(part));
        }
        assertThat(tags(run)).containsEntry("mlcd.validation.verdict", "PASSED");
    }

    @Test
    public void shouldServeTheModelWithADeployCommandForTheRun() throws Exception {
        var bin = MlflowModelServe.python().toAbsolutePath().getParent();
        var command = "/usr/bin/env PATH=" + bin + ":/usr/bin:/bin " + bin.resolve("mlflow") + " models serve -m "
                + models.resolve("tree") + " --env-manager local -h 127.0.0.1 -p {port}";
        var scored = validate("deployed", "--deploy-command", command, "--baseline-url", logistic.uri().toString());
        assertThat(scored.status()).as(scored.err()).isZero();
        assertThat(report("deployed").path("metrics")).isEqualTo(reference().path("metrics"));
    }

    @Test
    public void shouldRetryServerErrorsAndStillGiveTheSameMetrics() throws Exception {
        try (var relay = new ScoringRelay(tree.uri()).failing(2, 2, 500).failing(3, 1, 503)) {
            var scored = validate("retried", "--model-url", relay.uri().toString(), "--baseline-url",
                    logistic.uri().toString(), "--retries", "2");
            assertThat(scored.status()).as(scored.err()).isZero();
            assertThat(List.of(relay.attempts(1), relay.attempts(2), relay.attempts(3))).containsExactly(1, 3, 2);
        }
        assertThat(report("retried").path("metrics")).isEqualTo(reference().path("metrics"));
    }

    @Test
    public void shouldRecordNothingWhenABatchFinallyFails() throws Exception {
        var run = newRun();
        try (var relay = new ScoringRelay(tree.uri()).failing(2, 99, 500)) {
            var failed = validate("failed", "--model-url", relay.uri().toString(), "--retries", "1", "--run-id", run);
            assertInputError(failed, "scoring rows 1001..2000 at " + relay.uri() + "/invocations failed after 2 "
                    + "attempts: HTTP 500: relay: injected failure", "failed");
            assertThat(relay.attempts(3)).as("no batch after the failed one").isZero();
        }
        try (var relay = new ScoringRelay(tree.uri()).late(1, 99, 2500)) {
            var late = validate("late", "--model-url", relay.uri().toString(), "--retries", "1", "--timeout", "1",
                    "--run-id", run);
            assertInputError(late, "scoring rows 1..1000 at " + relay.uri() + "/invocations failed after 2 attempts: "
                    + "no answer within 1 s", "late");
        }
        try (var relay = new ScoringRelay(tree.uri()).shortAnswer(3, 99)) {
            var wrong = validate("wrong", "--model-url", relay.uri().toString(), "--retries", "2", "--run-id", run);
            assertInputError(wrong, "scoring rows 2001..2500 at " + relay.uri() + "/invocations failed after 3 "
                    + "attempts: the model answered 499 predictions for 500 rows", "wrong");
        }
        assertThat(tags(run).keySet()).noneMatch(key -> key.startsWith("mlcd."));
    }

    private static void assertInputError(final CliRun run, final String message, final String reportDir) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mlcd: error: " + message + System.lineSeparator());
        assertThat(FOLDER.getRoot().toPath().resolve(reportDir)).doesNotExist();
    }
}
