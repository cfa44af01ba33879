package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlcd validate-data} on files: verdicts and exit statuses, report files, and refused input. */
public class ValidateDataCommandTest {
    static final String SCHEMA = """
            schema_version: 1
            rows: {min: 10, max: 1000}
            primary_key: [id]
            columns:
              id: {type: categorical, unique: true}
              age: {type: numeric, completeness: 1, range: {min: 18, max: 95}}
              region: {type: categorical, domain: [East, east, west], pattern: {regex: '^[a-z]+$', severity: warn}}
            """;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name, final String content) throws IOException {
        var path = folder.getRoot().toPath().resolve(name);
        Files.writeString(path, content);
        return path;
    }

    /** 100 rows; {@code badAge} rows get age 17 and {@code upper} rows region "EAST". */
    static String rows(final int badAge, final int upper) {
        var text = new StringBuilder("id,age,region\n");
        for (int i = 0; i < 100; i++) {
            text.append("c").append(i).append(',').append(i < badAge ? 17 : 20 + i % 50).append(',')
                    .append(i >= 100 - upper ? "EAST" : i % 2 == 0 ? "east" : "west").append('\n');
        }
        return text.toString();
    }

    private Path reports() {
        return folder.getRoot().toPath().resolve("reports");
    }

    private CliRun validateData(final String... more) throws IOException {
        var args = new ArrayList<>(List.of("validate-data", "--schema", file("schema.yaml", SCHEMA).toString(),
                "--report-dir", reports().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void assertInputError(final CliRun run, final String message) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: " + message + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(reports()).doesNotExist();
    }

    /** A usage error: the problem, then where help is, as picocli says it for every command. */
    private void assertUsageError(final CliRun run, final String message) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: " + message + System.lineSeparator()
                + "Try 'mlcd validate-data --help'." + System.lineSeparator());
        assertThat(reports()).doesNotExist();
    }

    @Test
    public void shouldExitWithTheVerdictAndWriteTheThreeReports() throws IOException {
        var clean = validateData(file("clean.csv", rows(0, 0)).toString());
        assertThat(clean.status()).as(clean.err()).isZero();
        assertThat(clean.out()).startsWith("PASSED: 0 anomalies; 0 of 12 constraints fell short");

        // a pattern constraint of severity warn: WARNING
        var warned = validateData(file("warn.csv", rows(0, 0).replace("c5,25,west", "c5,25,East")).toString());
        assertThat(warned.status()).as(warned.out()).isEqualTo(3);

        var failed = validateData(file("bad.csv", rows(3, 2)).toString(), "--gate", "anomalies[out_of_domain] <= 2",
                "--warn", "out_of_range_share[age] <= 0.01");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.out()).startsWith("FAILED: 3 anomalies; 3 of 12 constraints fell short, 1 of 2 gates;");
        var json = new ObjectMapper().readTree(reports().resolve("validate-data.json").toFile());
        assertThat(json.path("schema").asText()).isEqualTo("mlcd.validate-data/1");
        assertThat(json.path("anomalies").get(0).path("constraint").asText()).isEqualTo("range[age] in [18, 95]");
        assertThat(json.path("anomalies").get(0).path("count").asLong()).isEqualTo(3);
        assertThat(json.path("anomalies").get(0).path("share").asDouble()).isEqualTo(0.03);
        assertThat(json.path("anomalies").get(0).path("examples").toString()).isEqualTo("[\"17\",\"17\",\"17\"]");
        assertThat(json.path("gates").size()).isEqualTo(2);
        assertThat(json.path("constraints").size()).isEqualTo(12);
        var junit = Files.readString(reports().resolve("validate-data.junit.xml"));
        assertThat(junit).contains("tests=\"14\" failures=\"4\"")
                .contains("classname=\"mlcd.validate-data.constraints\" name=\"domain[region]\"")
                .contains("classname=\"mlcd.validate-data.gates\" name=\"out_of_range_share[age] &lt;= 0.01\"");
        assertThat(reports().resolve("validate-data.html")).exists();
    }

    @Test
    public void shouldRefuseBadInputWithOneLineAndNoReport() throws IOException {
        var data = file("b.csv", rows(0, 0)).toString();
        assertInputError(validateData(data, "--gate", "completeness[income] >= 0.9"), "gate 'completeness[income] >= "
                + "0.9' names column 'income', which the schema does not name (columns: id, age, region)");
        var strange = validateData(data, "--gate", "anomalies[strange] <= 0");
        assertThat(strange.status()).isEqualTo(2);
        assertThat(strange.err()).startsWith("mlcd: error: malformed gate 'anomalies[strange] <= 0': unknown anomaly "
                + "type 'strange' (known: missing_column, new_column, type_mismatch, low_completeness, ");
        var typo = validateData(data, "--gate", "completenes[age] >= 0.9");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).startsWith("mlcd: error: malformed gate 'completenes[age] >= 0.9': unknown data "
                + "validation metric 'completenes' (known: anomalies, row_count, row_count_change, anomalies[TYPE], and "
                + "per column completeness, ");
        assertUsageError(validateData(data, "--history", "3"), "--history needs the records to compare with: give "
                + "--run-id or --model and --version");
        assertUsageError(validateData(data, "--dataset", "a.b"), "--dataset: 'a.b' is not a name of 1 to 64 letters, "
                + "digits, '_' or '-'");
        var profile = folder.getRoot().toPath().resolve("b.json");
        assertThat(CliRun.of("profile", data, "-o", profile.toString()).status()).isZero();
        assertInputError(validateData(data, profile.toString()), "give the batch as data files or as profiles, not "
                + "both (profiles: " + profile + ")");
        Files.writeString(profile, Files.readString(profile).replace("\"profile_version\":1", "\"profile_version\":7"));
        assertInputError(validateData(profile.toString()), "profile " + profile + " has version 7; this mlcd reads "
                + "version 1");
    }

    @Test
    public void shouldRefuseASchemaThatNamesAColumnItDoesNotHaveOrABadPattern() throws IOException {
        var data = file("b.csv", rows(0, 0)).toString();
        var unknownKey = file("key.yaml", SCHEMA.replace("primary_key: [id]", "primary_key: [id, day]"));
        var run = CliRun.of("validate-data", data, "--schema", unknownKey.toString(), "--report-dir", reports().toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("mlcd: error: schema file " + unknownKey).contains("day").doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
        var badRegex = file("regex.yaml", SCHEMA.replace("'^[a-z]+$'", "'^[a-z+$'"));
        run = CliRun.of("validate-data", data, "--schema", badRegex.toString(), "--report-dir", reports().toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("mlcd: error: schema file " + badRegex).contains("pattern");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(reports()).doesNotExist();
    }
}
