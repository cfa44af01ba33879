package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DriftCommandTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name, final String content) throws IOException {
        var path = folder.getRoot().toPath().resolve(name);
        Files.writeString(path, content);
        return path;
    }

    /** Rows of age (normal, shifted by {@code shift}), plan (a/b/c) and active (true/false). */
    private Path data(final String name, final int rows, final double shift, final long seed) throws IOException {
        var random = new Random(seed);
        var text = new StringBuilder("age,plan,active\n");
        for (int i = 0; i < rows; i++) {
            text.append(String.format(java.util.Locale.ROOT, "%.2f", 40 + shift + 10 * random.nextGaussian()))
                    .append(',').append("abc".charAt(random.nextInt(3))).append(',')
                    .append(random.nextBoolean()).append('\n');
        }
        return file(name, text.toString());
    }

    private Path reports() {
        return folder.getRoot().toPath().resolve("reports");
    }

    private CliRun drift(final String... more) {
        var args = new ArrayList<>(List.of("drift", "--report-dir", reports().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void assertInputError(final CliRun run, final String message) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: " + message + System.lineSeparator());
        assertThat(reports()).doesNotExist();
    }

    @Test
    public void shouldPassWithoutDriftAndFailWithDrift() throws IOException {
        var reference = data("ref.csv", 2000, 0, 1);
        var same = drift("--reference", reference.toString(), "--current", data("same.csv", 1500, 0, 2).toString(),
                "--gate", "drift_share <= 0.3");
        assertThat(same.status()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).startsWith("PASSED: all 1 gates passed; 0 of 3 columns drifted");

        var shifted = drift("--reference", reference.toString(), "--current", data("shifted.csv", 1500, 8, 3).toString(),
                "--gate", "drift_share <= 0.3", "--warn", "wasserstein[age] < 0.1");
        assertThat(shifted.status()).isEqualTo(1);
        assertThat(shifted.out()).startsWith("FAILED: 2 of 2 gates fell short; failed: drift_share = 0.333333 is not <= 0.3");
        var json = new ObjectMapper().readTree(reports().resolve("drift.json").toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(json.path("columns").get(0).path("name").asText()).isEqualTo("age");
        assertThat(json.path("columns").get(0).path("test").asText()).isEqualTo("wasserstein");
        assertThat(json.path("columns").get(0).path("drifted").asBoolean()).isTrue();
        assertThat(reports().resolve("drift.html")).exists();
        assertThat(reports().resolve("drift.junit.xml")).exists();
    }

    @Test
    public void shouldCompareWithAStoredProfileAndHonourOverrides() throws IOException {
        var profile = folder.getRoot().toPath().resolve("ref.json");
        var profiled = CliRun.of("profile", data("ref.csv", 2000, 0, 1).toString(), "-o", profile.toString());
        assertThat(profiled.status()).as(profiled.err()).isZero();
        assertThat(profiled.out()).isEqualTo("profiled 2,000 rows, 3 columns -> " + profile + System.lineSeparator());

        var run = drift("--reference", profile.toString(), "--current", data("cur.csv", 1500, 2, 4).toString(),
                "--column-test", "age=psi", "--column-threshold", "age=0.5", "--warn", "psi[age] < 0.5");
        assertThat(run.status()).as(run.err()).isZero();
        var columns = new ObjectMapper().readTree(reports().resolve("drift.json").toFile()).path("columns");
        var age = java.util.stream.StreamSupport.stream(columns.spliterator(), false)
                .filter(column -> column.path("name").asText().equals("age")).findFirst().orElseThrow();
        assertThat(age.path("test").asText()).isEqualTo("psi");
        assertThat(age.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(age.path("distribution").path("edges")).hasSize(9);
    }

    @Test
    public void shouldListPredictionAndTargetColumnsFirst() throws IOException {
        var data = data("d.csv", 300, 0, 5);
        var run = drift("--reference", data.toString(), "--current", data.toString(), "--prediction-column", "active",
                "--target-column", "plan");
        assertThat(run.status()).as(run.err()).isZero();
        var columns = new ObjectMapper().readTree(reports().resolve("drift.json").toFile()).path("columns");
        assertThat(columns.get(0).path("name").asText()).isEqualTo("active");
        assertThat(columns.get(0).path("role").asText()).isEqualTo("prediction");
        assertThat(columns.get(1).path("name").asText()).isEqualTo("plan");
        assertThat(columns.get(1).path("role").asText()).isEqualTo("target");
        assertThat(columns.get(2).path("role").isNull()).isTrue();
        var missing = drift("--reference", data.toString(), "--current", data.toString(), "--target-column", "y");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("names 'y', which the data does not have (columns: age, plan, active)");
    }

    @Test
    public void shouldNameColumnsMissingOnEitherSide() throws IOException {
        var reference = file("r.csv", "a,b,c\n1,x,2\n");
        var current = file("c.csv", "a,d\n1,y\n");
        assertInputError(drift("--reference", reference.toString(), "--current", current.toString()),
                "the columns differ: missing in the current data " + current + ": b, c; missing in the reference "
                        + reference + ": d");
    }

    @Test
    public void shouldRejectTypeMismatchEmptyDataAndEmptyColumns() throws IOException {
        var reference = file("r.csv", "a,b\n1,x\n2,y\n");
        assertInputError(drift("--reference", reference.toString(), "--current", file("c.csv", "a,b\nx,x\ny,y\n").toString()),
                "column 'a' is numeric in the reference but categorical in the current data (use --type a=... when profiling)");
        var empty = file("empty.csv", "a,b\n");
        assertInputError(drift("--reference", reference.toString(), "--current", empty.toString()),
                empty + " has a header but no data rows");
        var blank = file("blank.csv", "a,b\n1,\n2,\n");
        assertInputError(drift("--reference", reference.toString(), "--current", blank.toString()),
                "column 'b' has no values in the current data " + blank);
    }

    @Test
    public void shouldCountFewUnparseableNumbersAsMissingButRejectMany() throws IOException {
        var text = new StringBuilder("x\n");
        for (int i = 0; i < 300; i++) {
            text.append(i).append('\n');
        }
        var few = file("few.csv", text + "oops\n");
        var profile = folder.getRoot().toPath().resolve("few.json");
        assertThat(CliRun.of("profile", few.toString(), "-o", profile.toString()).status()).isZero();
        var stored = new ObjectMapper().readTree(profile.toFile()).path("columns").get(0);
        assertThat(stored.path("unparseable").asInt()).isEqualTo(1);
        assertThat(stored.path("missing").asInt()).isEqualTo(1);

        var many = file("many.csv", text + "oops\nbad\nworse\nno\n");
        var inferred = CliRun.of("profile", many.toString(), "-o", profile.toString());
        assertThat(inferred.status()).isZero();
        assertThat(new ObjectMapper().readTree(profile.toFile()).path("columns").get(0).path("type").asText())
                .isEqualTo("categorical");
        var run = CliRun.of("profile", many.toString(), "-o", profile.toString(), "--type", "x=numeric");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: " + many + ", column 'x': 4 of 304 values (1.3%) are not numbers, "
                + "more than the 1% counted as missing; the first is 'oops' on line 302 (use --type x=categorical?)"
                + System.lineSeparator());
    }

    @Test
    public void shouldRejectCorruptAndForeignProfiles() throws IOException {
        var data = data("d.csv", 50, 0, 1);
        var corrupt = file("corrupt.json", "{\"profile_version\": 1, \"columns\": [{\"name\": \"a\"}]}");
        assertInputError(drift("--reference", corrupt.toString(), "--current", data.toString()),
                "profile " + corrupt + " is corrupt: column 'a': missing 'type'");
        var future = file("future.json", "{\"profile_version\": 2}");
        assertInputError(drift("--reference", future.toString(), "--current", data.toString()),
                "profile " + future + " has version 2; this mlcd reads version 1");
        var other = file("other.json", "{\"verdict\": \"PASSED\"}");
        assertInputError(drift("--reference", other.toString(), "--current", data.toString()),
                other + " is not a profile: no profile_version (write one with mlcd profile)");
        var garbage = file("garbage.json", "{not json");
        assertInputError(drift("--reference", garbage.toString(), "--current", data.toString()),
                garbage + " is not a profile: not valid JSON (line 1: Unexpected character ('n' (code 110)): was "
                        + "expecting double-quote to start field name)");
    }

    @Test
    public void shouldRejectUnknownTestsAndMetrics() throws IOException {
        var data = data("d.csv", 50, 0, 1);
        assertInputError(drift("--reference", data.toString(), "--current", data.toString(), "--test", "anderson"),
                "unknown drift test 'anderson' (known: ks, chisquare, z, jensenshannon, kl_div, psi, wasserstein, hellinger)");
        assertInputError(drift("--reference", data.toString(), "--current", data.toString(), "--gate", "psi[nope] < 0.1"),
                "gate 'psi[nope] < 0.1' names column 'nope', which the data does not have (columns: age, plan, active)");
        assertInputError(drift("--reference", data.toString(), "--current", data.toString(), "--gate", "psi < 0.1"),
                "malformed gate 'psi < 0.1': psi needs a column in brackets, e.g. psi[income]");
        assertInputError(drift("--reference", data.toString(), "--current", data.toString(), "--column-test", "plan=ks"),
                "ks needs a numeric column, but 'plan' is categorical");
    }
}
