package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.drift.ColumnType;
import io.mlcd.gate.Severity;
import io.mlcd.quality.Bounds;
import io.mlcd.quality.Constraint;
import io.mlcd.quality.SchemaYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd infer-schema}: the schema it writes reads back, the options change what is inferred,
 * an existing file is kept without --force, and every hostile option or input ends with exit
 * status 2, one line, and no file written.
 */
public class InferSchemaCommandTest {
    private static final String NL = System.lineSeparator();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private HostileData hostile;
    private Path data;
    private Path output;

    @Before
    public void data() throws IOException {
        hostile = new HostileData(folder);
        var text = new StringBuilder("id,age,region,ok\n");
        for (int i = 0; i < 200; i++) {
            text.append(i).append(',').append(i % 10 == 0 ? "" : Integer.toString(20 + i % 50)).append(',')
                    .append(List.of("east", "west", "north").get(i % 3)).append(',').append(i % 2 == 0).append('\n');
        }
        data = hostile.write("train.csv", text.toString());
        output = folder.getRoot().toPath().resolve("schema.yaml");
    }

    private CliRun infer(final String... options) {
        var args = new ArrayList<>(List.of("infer-schema", data.toString(), "-o", output.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    public void shouldWriteASchemaThatReadsBack() throws IOException {
        var run = infer();

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("inferred 9 constraints on 4 columns from 200 rows -> " + output + NL);
        assertThat(run.err()).isEmpty();
        var schema = SchemaYaml.read(output);
        assertThat(schema.rows()).contains(new Constraint.Rows(100, 300, Severity.FAIL, true));
        assertThat(schema.types()).containsExactly(java.util.Map.entry("id", ColumnType.NUMERIC),
                java.util.Map.entry("age", ColumnType.NUMERIC), java.util.Map.entry("region", ColumnType.CATEGORICAL),
                java.util.Map.entry("ok", ColumnType.BOOLEAN));
        assertThat(schema.constraints()).extracting(Constraint::name).containsExactly("rows in [100, 300]",
                "completeness[id] >= 1", "range[id] in [0, 199]", "unique[id]", "completeness[age] >= 0.78",
                "range[age] in [21, 69]", "completeness[region] >= 1", "domain[region]", "completeness[ok] >= 1");
        assertThat(Files.readString(output)).startsWith("# mlcd data schema, inferred by mlcd ")
                .contains(" from train.csv (200 rows) on ").contains("  age:\n    # observed: 180 of 200 rows present,");
    }

    @Test
    public void shouldApplyTheOptions() throws IOException {
        var run = infer("--max-domain", "1", "--range-margin", "0.5", "--rows-margin", "0", "--type", "ok=categorical");

        assertThat(run.status()).as(run.err()).isZero();
        var schema = SchemaYaml.read(output);
        assertThat(schema.rows()).contains(new Constraint.Rows(200, 200, Severity.FAIL, true));
        assertThat(schema.column("age").orElseThrow().constraints()).contains(new Constraint.Range("age",
                new Bounds(0, 93), Severity.FAIL, true));
        assertThat(schema.column("region").orElseThrow().notes()).contains("no domain: 3 distinct values, more than 1 "
                + "(--max-domain)");
        assertThat(schema.column("ok").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(schema.column("ok").orElseThrow().constraints()).contains(new Constraint.Length("ok", 4, 5,
                Severity.FAIL, true));
    }

    @Test
    public void shouldInferFromProfiles() throws IOException {
        var profile = folder.getRoot().toPath().resolve("train.json");
        assertThat(CliRun.of("profile", data.toString(), "-o", profile.toString()).status()).isZero();
        var fromData = infer();
        var fromData2 = SchemaYaml.read(output);
        Files.delete(output);

        var run = CliRun.of("infer-schema", profile.toString(), profile.toString(), "-o", output.toString());

        assertThat(fromData.status()).isZero();
        assertThat(run.status()).as(run.err()).isZero();
        var schema = SchemaYaml.read(output);
        assertThat(schema.rows()).contains(new Constraint.Rows(200, 600, Severity.FAIL, true));
        // twice the same rows: no value is unique any more, the rest is as from the data
        assertThat(schema.column("id").orElseThrow().constraints()).isEqualTo(fromData2.column("id").orElseThrow()
                .constraints().subList(0, 2));
        assertThat(schema.column("region").orElseThrow().constraints()).isEqualTo(fromData2.column("region")
                .orElseThrow().constraints());
    }

    @Test
    public void shouldKeepAnExistingSchemaWithoutForce() throws IOException {
        Files.writeString(output, "hand-edited\n");

        var refused = infer();

        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("mlcd: error: --output " + output + " exists; give --force to overwrite it"
                + NL);
        assertThat(Files.readString(output)).isEqualTo("hand-edited\n");
        assertThat(infer("--force").status()).isZero();
        assertThat(Files.readString(output)).startsWith("# mlcd data schema");
        assertThat(folder.getRoot().list()).doesNotContain(".schema.yaml.tmp").allMatch(name -> !name.endsWith(".tmp"));
    }

    @Test
    public void shouldRefuseHostileOptions() throws IOException {
        var cases = List.of(
                List.of("--max-domain", "-1"), "--max-domain: -1 is not in [0, 10000]",
                List.of("--max-domain", "1e3"), "--max-domain: '1e3' is not a whole number",
                List.of("--max-domain", "99999999999999999999"), "--max-domain: 99999999999999999999 is too large",
                List.of("--range-margin", "NaN"), "--range-margin: 'NaN' is not a number (write it like 0.05, 12 or 1e-3)",
                List.of("--range-margin", "-0.1"), "--range-margin: -0.1 is not a share in [0, 100] (0.1 is 10%)",
                List.of("--range-margin", "1e400"), "--range-margin: 1e400 is too large",
                List.of("--rows-margin", "1e3"), "--rows-margin: 1e3 is not a share in [0, 100] (0.1 is 10%)",
                List.of("--rows-margin", "ten"), "--rows-margin: 'ten' is not a number (write it like 0.05, 12 or 1e-3)",
                List.of("--type", "age=text"), "--type: 'text' is not numeric, categorical or boolean",
                List.of("--type", "nope=numeric"), "--type names column 'nope', which " + data
                        + " does not have (columns: id, age, region, ok)",
                List.of("--type", "region=numeric"), "");
        for (int i = 0; i < cases.size(); i += 2) {
            @SuppressWarnings("unchecked")
            var options = (List<String>) cases.get(i);
            var message = (String) cases.get(i + 1);
            var run = infer(options.toArray(String[]::new));
            assertThat(run.status()).as(options + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().lines().count()).as(options + ": " + run.err()).isEqualTo(1);
            if (!message.isEmpty()) {
                assertThat(run.err()).as(options.toString()).isEqualTo("mlcd: error: " + message + NL);
            }
            assertThat(run.out()).isEmpty();
            assertThat(output).as(options.toString()).doesNotExist();
        }
    }

    @Test
    public void shouldRefuseABadOutput() throws IOException {
        var folderOutput = folder.newFolder("out.yaml").toPath();
        var run = CliRun.of("infer-schema", data.toString(), "-o", folderOutput.toString(), "--force");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: --output " + folderOutput + " is a folder; name a file" + NL);

        var underFile = data.resolve("schema.yaml");
        var blocked = CliRun.of("infer-schema", data.toString(), "-o", underFile.toString());
        assertThat(blocked.status()).isEqualTo(2);
        assertThat(blocked.err()).isEqualTo("mlcd: error: --output " + underFile + ": " + data + " is not a folder" + NL);

        var itself = CliRun.of("infer-schema", data.toString(), "-o", data.toString(), "--force");
        assertThat(itself.status()).isEqualTo(2);
        assertThat(itself.err()).isEqualTo("mlcd: error: --output " + data + " is also an input; name another file" + NL);
        assertThat(Files.readString(data)).startsWith("id,age,region,ok\n");

        var missing = CliRun.of("infer-schema", data.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("mlcd: error: Missing required option: '--output=SCHEMA'");
    }

    @Test
    public void shouldRefuseFilesOfOtherColumns() throws IOException {
        var other = hostile.write("other.csv", "id,age\n1,2\n");
        var run = CliRun.of("infer-schema", data.toString(), other.toString(), "-o", output.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: " + other + " has columns id, age, but " + data + " has id, age, "
                + "region, ok; infer a schema from files of the same columns" + NL);
        assertThat(output).doesNotExist();
    }

    @Test
    public void shouldRefuseEveryHostileDataFile() throws IOException {
        for (HostileData.Case each : hostile.dataFiles()) {
            HostileData.assertRefused(CliRun.of("infer-schema", each.file().toString(), "-o", output.toString()), each,
                    output);
        }
    }

    @Test
    public void shouldRefuseEveryHostileProfile() throws IOException {
        var good = hostile.good("good.csv");
        for (HostileData.Case each : hostile.profiles(good)) {
            HostileData.assertRefused(CliRun.of("infer-schema", good.toString(), each.file().toString(), "-o",
                    output.toString()), each, output);
        }
    }
}
