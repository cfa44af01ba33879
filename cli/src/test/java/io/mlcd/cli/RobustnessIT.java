package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.testkit.MlflowModelServe;
import io.mlcd.testkit.MlflowServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd robustness} against real {@code mlflow models serve} processes of two scikit-learn
 * models trained for the test (python/train_served_models.py): a decision tree that depends sharply
 * on {@code income} and a logistic regression. The sensitive feature ranks first; every flip rate and
 * mean absolute change equals what python/make_robustness_reference.py computes with the model's own
 * predict_proba, in-process, on the rows mlcd saved with --save-perturbed. Then faults, through a relay
 * in front of the real server: HTTP 500 for some batches (retried, the same report), for one batch on
 * every attempt, an answer after the timeout, an answer one prediction short: exit 2, one line,
 * nothing recorded, no report.
 */
public class RobustnessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ClassRule
    public static final TemporaryFolder MODELS = new TemporaryFolder();

    @ClassRule
    public static final MlflowServer MLFLOW = new MlflowServer();

    private static MlflowModelServe tree;
    private static MlflowModelServe logistic;
    private static String run;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @BeforeClass
    public static void serveTwoModels() throws Exception {
        MlflowModelServe.trainModels(trained(), "--test-rows", "1000");
        tree = MlflowModelServe.start(trained().resolve("tree"));
        logistic = MlflowModelServe.start(trained().resolve("logistic"));
        run = MLFLOW.logModels("robustness-it", 1, null, Map.of()).runs().get(0);
    }

    @AfterClass
    public static void stopThem() {
        tree.close();
        logistic.close();
    }

    private static Path trained() {
        return MODELS.getRoot().toPath().resolve("m");
    }

    /** {@code mlcd robustness} on the trained test rows, with the options given after the common ones. */
    private static CliRun robustness(final String url, final String... more) {
        var args = new ArrayList<>(List.of("robustness", "--model-url", url, "--data",
                trained().resolve("test.csv").toString(), "--label", "label", "--drop", "id", "--seed", "7"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The reference: the saved rows scored in-process with the model's own predict_proba. */
    private static JsonNode reference(final String model, final Path saved) throws IOException, InterruptedException {
        var command = List.of(MlflowModelServe.python().toString(),
                System.getProperty("mlcd.robustness.reference", "../python/make_robustness_reference.py"),
                trained().resolve(model).toString(), saved.toString(), "--drop", "label", "--drop", "id");
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return JSON.readTree(out);
    }

    private static JsonNode report(final Path folder) throws IOException {
        return JSON.readTree(folder.resolve("robustness.json").toFile());
    }

    private void assertEqualsTheModelsOwnPredict(final String model, final MlflowModelServe served) throws Exception {
        var reports = folder.newFolder("reports").toPath();
        var saved = folder.newFolder("perturbed").toPath();

        var result = robustness(served.uri().toString(), "--report-dir", reports.toString(), "--save-perturbed",
                saved.toString());

        assertThat(result.status()).as(result.err()).isZero();
        var report = report(reports);
        var reference = reference(model, saved);
        var ids = new ArrayList<String>();
        report.path("perturbations").forEach(perturbation -> ids.add(perturbation.path("id").asText()));
        ids.add("original");
        assertThat(reference.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids).hasSizeGreaterThan(10);
        for (JsonNode perturbation : report.path("perturbations")) {
            var id = perturbation.path("id").asText();
            var expected = reference.path(id);
            assertThat(perturbation.path("flips").asLong()).as(id)
                    .isEqualTo(Math.round(expected.path("flip_rate").asDouble() * expected.path("rows").asInt()));
            assertThat(perturbation.path("flip_rate").path("value").asDouble()).as(id)
                    .isCloseTo(expected.path("flip_rate").asDouble(), within(1e-12));
            assertThat(perturbation.path("mean_abs_change").path("value").asDouble()).as(id)
                    .isCloseTo(expected.path("mean_abs_change").asDouble(), within(1e-9));
            assertThat(expected.path("max_served_difference").asDouble()).as("served vs in-process, " + id)
                    .isLessThan(1e-9);
        }
    }

    @Test
    public void shouldRankIncomeFirstForTheTreeAndMatchItsOwnPredictOnTheSavedRows() throws Exception {
        assertEqualsTheModelsOwnPredict("tree", tree);

        var report = report(folder.getRoot().toPath().resolve("reports"));
        assertThat(report.path("columns").get(0).path("name").asText()).isEqualTo("income");
        assertThat(report.path("columns").get(0).path("max_flip_rate").asDouble())
                .isGreaterThan(report.path("columns").get(1).path("max_flip_rate").asDouble());
    }

    @Test
    public void shouldMatchTheLogisticModelsOwnPredictOnTheSavedRows() throws Exception {
        assertEqualsTheModelsOwnPredict("logistic", logistic);
    }

    @Test
    public void shouldPerturbTheSameRowsForTheSameSeed() throws Exception {
        var first = folder.newFolder("first").toPath();
        var second = folder.newFolder("second").toPath();
        var perturb = new String[] {"--perturb", "noise:*:0.1", "--perturb", "all:0.05", "--perturb", "missing:*"};

        var one = robustness(tree.uri().toString(), concat(perturb, "--save-perturbed", first.toString()));
        var two = robustness(tree.uri().toString(), concat(perturb, "--save-perturbed", second.toString()));

        assertThat(one.status()).as(one.err()).isZero();
        assertThat(two.status()).as(two.err()).isZero();
        try (Stream<Path> files = Files.list(first)) {
            for (Path file : files.toList()) {
                assertThat(second.resolve(file.getFileName())).hasSameBinaryContentAs(file);
            }
        }
    }

    private static String[] concat(final String[] head, final String... tail) {
        var all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    public void shouldRecordTheVerdictMetricsGatesAndReportInTheRun() {
        var result = robustness(tree.uri().toString(), "--perturb", "noise:income:0.25", "--perturb", "missing:*",
                "--gate", "flip_rate[noise:income:0.25] <= 0.01", "--warn", "max_mean_abs_change <= 0.9",
                "--run-id", run, "--tracking-uri", MLFLOW.uri().toString());

        assertThat(result.status()).as(result.err()).isEqualTo(1);
        var recorded = mlflow().runs().get(run);
        assertThat(recorded.tag("mlcd.robustness.verdict")).contains("FAILED");
        assertThat(recorded.tag("mlcd.robustness.report")).contains("mlcd/robustness.html");
        assertThat(recorded.tag("mlcd.robustness.gates")).hasValueSatisfying(gates -> assertThat(gates)
                .contains("flip_rate[noise:income:0.25] <= 0.01"));
        assertThat(recorded.tag("mlcd.robustness.summary")).hasValueSatisfying(summary -> assertThat(result.out())
                .contains(summary));
        assertThat(recorded.metrics()).containsKeys("max_flip_rate", "flip_rate.noise:income:0.25",
                "flip_rate.missing:_");
    }

    private static Mlflow mlflow() {
        return new Mlflow(new MlflowConnection(MLFLOW.uri(), null, null, null, false));
    }

    @Test
    public void shouldRetryBatchesAnsweredWith500AndGiveTheSameReport() throws Exception {
        var clean = folder.newFolder("clean").toPath();
        var retried = folder.newFolder("retried").toPath();
        var perturb = new String[] {"--perturb", "noise:income:0.1", "--perturb", "missing:region",
            "--batch-size", "100"};
        var expected = robustness(tree.uri().toString(), concat(perturb, "--report-dir", clean.toString()));

        try (var faults = new ScoringFaults(tree.uri(), ScoringFaults.Fault.FIRST_ATTEMPT_OF_EVERY_THIRD_BATCH_500)) {
            var result = robustness(faults.uri().toString(), concat(perturb, "--report-dir", retried.toString()));

            assertThat(result.status()).as(result.err()).isEqualTo(expected.status());
            assertThat(faults.spoiled()).isEqualTo(10); // 30 batches: 10 failed once
            assertThat(faults.requests()).isEqualTo(40);
        }
        assertThat(report(retried).path("perturbations")).isEqualTo(report(clean).path("perturbations"));
    }

    /** A fault that no retry cures: exit 2, one line on stderr, no report, no record in the run. */
    private void assertStopsWithNothingRecorded(final ScoringFaults.Fault fault, final String... expected)
            throws Exception {
        var fresh = MLFLOW.logModels("robustness-faults", 1, null, Map.of()).runs().get(0);
        var reports = folder.getRoot().toPath().resolve("reports-" + fault.name());
        try (var faults = new ScoringFaults(tree.uri(), fault)) {
            var result = robustness(faults.uri().toString(), "--perturb", "missing:income", "--batch-size", "100",
                    "--retries", "2", "--timeout", "1", "--report-dir", reports.toString(), "--run-id", fresh,
                    "--tracking-uri", MLFLOW.uri().toString());

            assertThat(result.status()).as(result.out() + result.err()).isEqualTo(2);
            var lines = result.err().strip().lines().filter(line -> !line.startsWith("mlcd: scoring ")).toList();
            assertThat(lines).as("stderr besides the progress lines").hasSize(1);
            assertThat(lines.get(0)).startsWith("mlcd: error: ").contains(expected);
            assertThat(faults.spoiled()).as("attempts of the spoiled batch").isEqualTo(3);
        }
        assertThat(reports).doesNotExist();
        var recorded = mlflow().runs().get(fresh);
        assertThat(recorded.tags().keySet()).noneMatch(key -> key.startsWith("mlcd.robustness."));
        assertThat(recorded.metrics()).doesNotContainKey("max_flip_rate");
    }

    @Test
    public void shouldFailWithExitTwoAndRecordNothingWhenABatchKeepsFailing() throws Exception {
        assertStopsWithNothingRecorded(ScoringFaults.Fault.SECOND_BATCH_ALWAYS_500, "scoring rows ",
                "failed after 3 attempts: HTTP 500");
    }

    @Test
    public void shouldFailWithExitTwoAndRecordNothingWhenTheModelTimesOut() throws Exception {
        assertStopsWithNothingRecorded(ScoringFaults.Fault.SECOND_BATCH_SLOW, "scoring rows ",
                "failed after 3 attempts: no answer within 1");
    }

    @Test
    public void shouldFailWithExitTwoAndRecordNothingOnTheWrongNumberOfPredictions() throws Exception {
        assertStopsWithNothingRecorded(ScoringFaults.Fault.SECOND_BATCH_ONE_SHORT, "scoring rows ",
                "failed after 3 attempts: the model answered 99 predictions for 100 rows");
    }
}
