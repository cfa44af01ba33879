package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ValidateCommandTest {
    private static final String PREDICTIONS = """
            id,label,score,sex
            a,1,0.9,F
            b,0,0.2,M
            c,1,0.6,M
            d,0,0.7,F
            e,1,0.4,F
            f,0,0.1,M
            """;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name, final String content) throws IOException {
        var path = folder.getRoot().toPath().resolve(name);
        Files.writeString(path, content);
        return path;
    }

    private Path reports() {
        return folder.getRoot().toPath().resolve("reports");
    }

    private CliRun validate(final Path predictions, final String... more) {
        var args = new java.util.ArrayList<>(java.util.List.of("validate", "--predictions", predictions.toString(),
                "--report-dir", reports().toString()));
        args.addAll(java.util.List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    public void shouldExitZeroAndWriteReportsWhenGatesPass() throws IOException {
        var run = validate(file("p.csv", PREDICTIONS), "--score", "score", "--gate", "roc_auc >= 0.7");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("PASSED: all 1 gates passed (report: ").contains("validate.html");
        assertThat(run.err()).isEmpty();
        assertThat(reports().resolve("validate.json")).exists();
        assertThat(reports().resolve("validate.html")).exists();
        assertThat(reports().resolve("validate.junit.xml")).exists();
        var json = new ObjectMapper().readTree(reports().resolve("validate.json").toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(json.path("metrics").path("roc_auc").asDouble()).isEqualTo(7.0 / 9);
        assertThat(json.path("gates").get(0).path("outcome").asText()).isEqualTo("PASSED");
    }

    @Test
    public void shouldExitOneWhenAFailGateFails() throws IOException {
        var run = validate(file("p.csv", PREDICTIONS), "--score", "score", "--gate", "roc_auc >= 0.9");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: 1 of 1 gates fell short; failed: roc_auc = 0.777778 is not >= 0.9");
    }

    @Test
    public void shouldExitThreeWhenOnlyAWarnGateFails() throws IOException {
        var run = validate(file("p.csv", PREDICTIONS), "--score", "score", "--group", "sex",
                "--gate", "roc_auc >= 0.7", "--warn", "demographic_parity_difference[sex] <= 0.1");

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.out()).startsWith("WARNING: 1 of 2 gates fell short");
    }

    @Test
    public void shouldFailOnGateThatCannotBeEvaluated() throws IOException {
        var run = validate(file("p.csv", PREDICTIONS), "--score", "score", "--gate", "roc_auc >= baseline - 0.01");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("error: the gate compares with a baseline, but none was given");
    }

    @Test
    public void shouldReadGatesFromPolicyFile() throws IOException {
        var policy = file("policy.yaml", "gates:\n  - roc_auc >= 0.7\nwarn:\n  - log_loss <= 0.1\n");
        var run = validate(file("p.csv", PREDICTIONS), "--score", "score", "--policy", policy.toString());

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.out()).contains("log_loss = 0.510826 is not <= 0.1");
    }

    @Test
    public void shouldCompareWithBaselineJoinedById() throws IOException {
        var baseline = file("b.csv", """
                id,label,score,sex
                f,0,0.3,M
                e,1,0.2,F
                d,0,0.5,F
                c,1,0.5,M
                b,0,0.4,M
                a,1,0.8,F
                """);
        var run = validate(file("p.csv", PREDICTIONS), "--score", "score", "--baseline", baseline.toString(),
                "--id", "id", "--gate", "roc_auc >= baseline - 0.01", "--gate", "log_loss <= baseline * 1.05");

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        var json = new ObjectMapper().readTree(reports().resolve("validate.json").toFile());
        assertThat(json.path("baseline_metrics").path("roc_auc").asDouble()).isEqualTo(5.5 / 9);
        assertThat(json.path("comparison").path("roc_auc").path("delta").asDouble())
                .isCloseTo(7.0 / 9 - 5.5 / 9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json.path("gates").get(0).path("message").asText())
                .isEqualTo("roc_auc = 0.777778 >= 0.601111 (baseline 0.611111 - 0.01)");
    }

    @Test
    public void shouldPrintHelpWithEveryOption() {
        var run = CliRun.of("validate", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--predictions=FILE", "--label=COL", "--score=COL", "--prediction=COL",
                "--group=COL", "--baseline=FILE", "--id=COL", "--decision-threshold=X", "--positive-label=V",
                "--gate=EXPR", "--warn=EXPR", "--policy=FILE", "--report-dir=DIR", "Exit status");
    }
}
