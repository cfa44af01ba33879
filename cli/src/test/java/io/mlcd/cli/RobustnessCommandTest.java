package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RobustnessCommandTest {
    private static final int ROWS = 400;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private StepModelServer model;
    private Path data;

    @Before
    public void start() throws IOException {
        model = new StepModelServer(false);
        // x and z run through 0.125, 0.375, ... 99.875 in two orders; the label follows the step but every 10th row
        var text = new StringBuilder("id,x,z,region,y\n");
        for (int i = 0; i < ROWS; i++) {
            var x = (i * 37 % ROWS) * 0.25 + 0.125;
            var z = (i * 91 % ROWS) * 0.25 + 0.125;
            var y = (x > 50) != (i % 10 == 0) ? 1 : 0;
            text.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%d%n", i, x, z, List.of("north", "south", "east")
                    .get(i % 3), y));
        }
        data = file("test.csv", text.toString());
    }

    @After
    public void stop() {
        model.close();
    }

    @Test
    public void shouldFailOnTheFlipsOfTheSensitiveColumnAndPassOnTheOther() throws IOException {
        var run = robustness("--perturb", "shift:x:1", "--perturb", "noise:z:0.25", "--gate",
                "flip_rate[noise:z:0.25] <= 0.05", "--gate", "flip_rate[shift:x:1.0] <= 0.05");
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: 1 of 2 gates fell short; failed: flip_rate[shift:x:1] = 0.5, 95% "
                + "interval [0.451235, 0.548765] vs <= 0.05: FAILED; most sensitive column: x (report: ");
        assertThat(run.err()).contains("mlcd: scoring original (1 of 3)", "mlcd: scoring shift:x:1 (2 of 3)");
        var report = report();
        assertThat(report.path("gates").get(0).path("outcome").asText()).isEqualTo("PASSED");
        assertThat(report.path("columns").get(0).path("name").asText()).isEqualTo("x");
        assertThat(report.path("inputs").path("model").asText()).isEqualTo(model.url() + "/invocations");
        assertThat(reports().resolve("robustness.html")).exists();
        assertThat(Files.readString(reports().resolve("robustness.junit.xml"))).contains("tests=\"2\" failures=\"1\"");
    }

    @Test
    public void shouldPassAndWarnByTheGatesSeverity() {
        var passed = robustness("--perturb", "noise:z:0.1", "--gate", "max_flip_rate <= 0.02");
        assertThat(passed.status()).as(passed.out() + passed.err()).isZero();
        assertThat(passed.out()).startsWith("PASSED: all 1 gates passed");
        var warned = robustness("--perturb", "missing:x", "--warn", "flip_rate[missing:x] <= 0.4");
        assertThat(warned.status()).as(warned.out() + warned.err()).isEqualTo(3);
    }

    @Test
    public void shouldMeasureTheDropOfTheMetricsWithALabel() {
        var run = robustness("--label", "y", "--perturb", "shift:x:1", "--gate", "roc_auc_drop[shift:x:1] <= 0.02",
                "--gate", "accuracy_drop[shift:x:1] <= 0.02");
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        var report = report();
        assertThat(report.path("original_metrics").path("accuracy").asDouble()).isEqualTo(0.9);
        var shift = report.path("perturbations").get(0);
        assertThat(shift.path("metric_changes").path("accuracy_drop").path("value").asDouble()).isPositive();
        assertThat(report.path("gates")).extracting(gate -> gate.path("outcome").asText()).containsExactly("FAILED",
                "FAILED");
    }

    @Test
    public void shouldSaveThePerturbedRowsSoThatFlipsCanBeCountedFromThem() throws IOException {
        var saved = folder.getRoot().toPath().resolve("saved");
        var run = robustness("--drop", "y", "--perturb", "noise:x:0.25", "--perturb", "missing:*", "--seed", "9",
                "--save-perturbed", saved.toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(Files.readAllLines(saved.resolve("index.csv"))).containsExactly("perturbation,file",
                "original,original.csv", "noise:x:0.25,noise_x_0.25.csv", "missing:*,missing__.csv");
        var original = Files.readAllLines(saved.resolve("original.csv"));
        var noisy = Files.readAllLines(saved.resolve("noise_x_0.25.csv"));
        assertThat(original.get(0)).isEqualTo("x,z,region,mlcd_prediction");
        var flips = 0;
        for (int r = 1; r <= ROWS; r++) {
            var before = original.get(r).split(",");
            var after = noisy.get(r).split(",");
            flips += (Double.parseDouble(before[0]) > 50) != (Double.parseDouble(after[0]) > 50) ? 1 : 0;
            assertThat(after[3]).isEqualTo(Double.parseDouble(after[0]) > 50 ? "0.9" : "0.1");
        }
        assertThat(report().path("perturbations").get(0).path("flips").asInt()).isEqualTo(flips).isPositive();
        // the same seed gives the same rows, another seed others
        var again = folder.getRoot().toPath().resolve("again");
        var other = folder.getRoot().toPath().resolve("other");
        robustness("--drop", "y", "--perturb", "noise:x:0.25", "--seed", "9", "--save-perturbed", again.toString());
        robustness("--drop", "y", "--perturb", "noise:x:0.25", "--seed", "10", "--save-perturbed", other.toString());
        assertThat(Files.readAllLines(again.resolve("noise_x_0.25.csv"))).isEqualTo(noisy);
        assertThat(Files.readAllLines(other.resolve("noise_x_0.25.csv"))).isNotEqualTo(noisy);
    }

    @Test
    public void shouldRefuseBadInputInOneLineBeforeScoring() {
        var typo = robustness("--drop", "y", "--gate", "flip_rate[noise:x:0.5] <= 0.1");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).startsWith("mlcd: error: malformed gate 'flip_rate[noise:x:0.5] <= 0.1': no perturbation "
                + "'noise:x:0.5' in this run (add it with --perturb); the run's 14 perturbations are noise:x:0.05, "
                + "noise:x:0.1, ").hasLineCount(1);
        assertInputError(robustness("--perturb", "noise:region:0.1"), "--perturb 'noise:region:0.1': column 'region' "
                + "is not numeric; use swap:region");
        assertInputError(robustness("--perturb", "swap:income"), "--perturb 'swap:income': no column 'income' in the "
                + "data (columns: x, z, region, y)");
        assertInputError(robustness("--perturb", "jitter:x"), "--perturb 'jitter:x': unknown kind 'jitter'; known: "
                + "noise, shift, swap, missing, all");
        assertInputError(robustness("--label", "target"), "no column 'target' (columns: x, z, region, y)");
        assertInputError(robustness("--gate", "max_flip_rate <= baseline"), "gate 'max_flip_rate <= baseline': "
                + "robustness gates compare with a number, e.g. max_flip_rate <= 0.05; the unperturbed rows are the "
                + "baseline already");
        assertInputError(robustness("--decision-threshold", "1.5"), "--decision-threshold must lie in [0, 1], got 1.5");
        assertInputError(robustness("--task", "ranking"), "task must be binary, multiclass or regression, not "
                + "'ranking'");
        assertThat(model.invocations()).isZero();
    }

    @Test
    public void shouldRefuseUnusableFilesAndOptionsInOneLine() throws IOException {
        var missing = folder.getRoot().toPath().resolve("nothing.csv");
        var noFile = CliRun.of("robustness", "--model-url", model.url(), "--data", missing.toString());
        assertThat(noFile.status()).isEqualTo(2);
        assertThat(noFile.err()).startsWith("mlcd: error: ").contains("nothing.csv").hasLineCount(1);
        var empty = file("empty.csv", "x,z\n");
        var none = CliRun.of("robustness", "--model-url", model.url(), "--data", empty.toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("mlcd: error: " + empty + " has no rows to perturb" + System.lineSeparator());
        var onlyLabel = file("label.csv", "y\n1\n0\n");
        var run = CliRun.of("robustness", "--model-url", model.url(), "--data", onlyLabel.toString(), "--label", "y");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: " + onlyLabel + " has no feature columns besides the label and "
                + "the dropped ones" + System.lineSeparator());
        var plain = file("plain.txt", "not a folder");
        var save = robustness("--save-perturbed", plain.toString());
        assertThat(save.status()).isEqualTo(2);
        assertThat(save.err()).startsWith("mlcd: error: --save-perturbed").hasLineCount(1);
        var both = robustness("--deploy-command", "serve {port}");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("give --model-url or --deploy-command, not both");
        var hostile = robustness("--perturb", "swap:\u202Eevil");
        assertThat(hostile.status()).isEqualTo(2);
        assertThat(hostile.err()).hasLineCount(1);
        assertThat(model.invocations()).isZero();
    }

    @Test
    public void shouldFailWithExitStatus2AndNoReportWhenTheModelFails() throws IOException {
        try (var broken = new StepModelServer(true)) {
            var run = CliRun.of("robustness", "--model-url", broken.url(), "--data", data.toString(), "--drop", "id",
                    "--retries", "1", "--report-dir", reports().toString());
            assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("mlcd: error: ").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(reports()).doesNotExist();
        }
    }

    @Test
    public void shouldNeedTheModelAndTheData() {
        var noModel = CliRun.of("robustness", "--data", data.toString());
        assertThat(noModel.status()).isEqualTo(2);
        assertThat(noModel.err()).startsWith("mlcd: error: give the model: --model-url URL or --deploy-command TEMPLATE");
        var noData = CliRun.of("robustness", "--model-url", model.url());
        assertThat(noData.status()).isEqualTo(2);
        assertThat(noData.err()).contains("--data");
    }

    private CliRun robustness(final String... more) {
        var args = new ArrayList<>(List.of("robustness", "--model-url", model.url(), "--data", data.toString(), "--drop",
                "id", "--report-dir", reports().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void assertInputError(final CliRun run, final String message) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: " + message + System.lineSeparator());
        assertThat(reports()).doesNotExist();
    }

    private JsonNode report() {
        try {
            return new ObjectMapper().readTree(reports().resolve("robustness.json").toFile());
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path reports() {
        return folder.getRoot().toPath().resolve("reports");
    }

    private Path file(final String name, final String content) throws IOException {
        var path = folder.getRoot().toPath().resolve(name);
        Files.writeString(path, content);
        return path;
    }
}
