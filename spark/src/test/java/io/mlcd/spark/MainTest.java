package io.mlcd.spark;

import static io.mlcd.spark.ProfileAssert.assertSameProfile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.drift.DriftDetector;
import io.mlcd.drift.DriftSpec;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.gate.Policy;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The spark-submit commands run in this JVM's Spark session: outputs, exit statuses, and bad input. */
public class MainTest {
    @ClassRule
    public static TemporaryFolder data = new TemporaryFolder();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static List<Row> rows;
    private static String parquet;
    private static String shiftedParquet;
    private static String emptyParquet;
    private static Profile cliProfile;
    private static Path referenceProfile;

    @BeforeClass
    public static void writeTheData() {
        rows = TestRows.generate(3_000, 31);
        var root = data.getRoot().toPath();
        parquet = root.resolve("rows.parquet").toString();
        // one file: Spark reads the splits of several files largest first, which is another row order
        LocalSpark.rows(rows, TestRows.SCHEMA, 3).coalesce(1).write().parquet(parquet);
        shiftedParquet = root.resolve("shifted.parquet").toString();
        LocalSpark.rows(TestRows.generate(3_000, 32), TestRows.SCHEMA, 2)
                .selectExpr("x + 8 AS x", "k", "big", "f", "price", "city", "active", "day", "seen")
                .write().parquet(shiftedParquet);
        emptyParquet = root.resolve("empty.parquet").toString();
        LocalSpark.rows(List.of(), TestRows.SCHEMA, 1).write().parquet(emptyParquet);
        var csv = TestRows.csv(LocalSpark.rows(rows, TestRows.SCHEMA, 3), root.resolve("csv"));
        cliProfile = new Profiler(Progress.NONE, Map.of()).profile(csv);
        referenceProfile = root.resolve("reference.json");
        ProfileJson.write(cliProfile, referenceProfile);
    }

    @Test
    public void shouldWriteTheProfileOfParquetDataThatTheCliWritesForItsCsv() {
        var output = folder.getRoot().toPath().resolve("profile.json");

        var run = MainRun.of("profile", "--input", parquet, "--format", "parquet", "-o", output.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("profiled 3,000 rows, 9 columns -> " + output + System.lineSeparator());
        var profile = ProfileJson.read(output);
        assertThat(profile.source()).isEqualTo(parquet);
        assertSameProfile(profile, cliProfile, rows);
    }

    @Test
    public void shouldGateDriftOfParquetDataFromAStoredProfileAndWriteTheReports() throws IOException {
        var reports = folder.getRoot().toPath().resolve("out");

        var run = MainRun.of("drift", "--reference", referenceProfile.toString(), "--current", shiftedParquet,
                "--gate", "drift_share <= 0.1", "--report-dir", reports.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: ").contains("(report: " + reports.resolve("drift.html") + ")");
        assertThat(reports.resolve("drift.html")).exists();
        assertThat(reports.resolve("drift.junit.xml")).exists();
        var report = new ObjectMapper().readTree(reports.resolve("drift.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo("FAILED");
        var reference = SparkProfiles.profile(LocalSpark.session().read().parquet(parquet), ProfileOptions.named("r"));
        var same = new DriftDetector(DriftSpec.defaults()).detect(cliProfile, reference, new Policy(List.of()));
        assertThat(same.driftedColumns()).as("the stored profile and the Parquet profile of the same rows").isZero();
    }

    @Test
    public void shouldValidateDataAgainstASchemaAndWriteTheReports() throws IOException {
        var schema = folder.newFile("schema.yaml").toPath();
        Files.writeString(schema, """
                schema_version: 1
                new_columns: ignore
                columns:
                  k: {type: numeric, range: {min: 0, max: 8}}
                  city: {type: categorical, domain: [Lyon, Oslo, Kyiv, Lima, Pune, Agra, Baku, Cork, Doha, Fès, Graz, Hué]}
                  active: {type: boolean}
                """);
        var reports = folder.getRoot().toPath().resolve("out");

        var run = MainRun.of("validate-data", "--input", parquet, "--schema", schema.toString(), "--report-dir",
                reports.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: 1 anomaly; ");
        var report = new ObjectMapper().readTree(reports.resolve("validate-data.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(reports.resolve("validate-data.html")).exists();
        assertThat(reports.resolve("validate-data.junit.xml")).exists();
    }

    @Test
    public void shouldRefuseBadInputWithOneLineAndNoReport() {
        var reports = folder.getRoot().toPath().resolve("out");
        var output = folder.getRoot().toPath().resolve("p.json").toString();
        var missing = folder.getRoot().toPath().resolve("missing").toString();
        var cases = List.of(
                List.of("profile", "--input", emptyParquet, "-o", output),
                List.of("profile", "--input", missing, "-o", output),
                List.of("profile", "--input", parquet, "--format", "xml", "-o", output),
                List.of("profile", "--input", parquet, "--type", "zip=numeric", "-o", output),
                List.of("profile", "--input", parquet, "--type", "city=numeric", "-o", output),
                List.of("drift", "--reference", referenceProfile.toString(), "--current", emptyParquet,
                        "--report-dir", reports.toString()),
                List.of("drift", "--reference", referenceProfile.toString(), "--current", parquet,
                        "--gate", "psi[nosuch] <= 0.1", "--report-dir", reports.toString()));
        var expected = List.of(emptyParquet + " has no rows",
                missing + ": [PATH_NOT_FOUND] Path does not exist: file:" + missing + ". SQLSTATE: 42K03",
                "--format: 'xml' is not one of parquet, csv, json, orc, table",
                "--type names column 'zip', which " + parquet + " does not have (columns: x, k, big, f, price, city, "
                        + "active, day, seen)",
                parquet + ", column 'city': 2776 of 2776 values (100.0%) are not numbers, more than the 1% counted "
                        + "as missing (use --type city=categorical?)",
                emptyParquet + " has no rows");
        for (int i = 0; i < cases.size(); i++) {
            var run = MainRun.of(cases.get(i));

            assertThat(run.status()).as("%s: %s", cases.get(i), run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
            if (i < expected.size()) {
                assertThat(run.err()).isEqualTo("mlcd-spark: error: " + expected.get(i) + System.lineSeparator());
            }
            assertThat(run.out()).isEmpty();
            assertThat(reports).doesNotExist();
            assertThat(Path.of(output)).doesNotExist();
        }
    }

    @Test
    public void shouldRefuseUnknownOptionsAndCommandsWithUsage() {
        for (List<String> args : List.of(List.of("profile", "--input", parquet), List.of("profil"),
                List.of("drift", "--current", parquet, "--reference", parquet, "--no-such"))) {
            var run = MainRun.of(new ArrayList<>(args));

            assertThat(run.status()).as(run.err()).isEqualTo(2);
            assertThat(run.errLines()).hasSize(2);
            assertThat(run.errLines().get(1)).startsWith("Try 'mlcd-spark");
        }
    }
}
