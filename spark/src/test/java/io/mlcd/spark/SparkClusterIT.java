package io.mlcd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The packaged {@code mlcd-spark.jar}, submitted with {@code spark-submit} to a real standalone
 * cluster (a master and two 1-core workers on 127.0.0.1, {@link SparkStandaloneCluster}), reading
 * Parquet that pyarrow wrote in three files ({@code src/test/python/make_cluster_data.py}): its
 * profiles, reports, verdicts and exit statuses ({@code profile}, {@code drift},
 * {@code validate-data}, {@code validate}) are those of the CLI ({@code cli/target/mlcd.jar}, its
 * own process) on the same rows written as CSV.
 */
public class SparkClusterIT {
    private static final Path ROOT = Path.of(property("mlcd.spark.it.dir"));
    private static final Path DATA = ROOT.resolve("data");
    private static final Path SPARK_JAR = Path.of(property("mlcd.spark.jar"));
    private static final Path CLI_JAR = Path.of(property("mlcd.jar"));
    private static final Path VENV = Path.of(property("mlcd.spark.venv"));
    private static final Path SCHEMA = Path.of(property("mlcd.spark.it.resources")).resolve("schema.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ClassRule
    public static final SparkStandaloneCluster CLUSTER = new SparkStandaloneCluster(VENV, ROOT.resolve("cluster"), 2);

    private static String property(final String name) {
        var value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (failsafe sets it in spark/pom.xml)");
        }
        return value;
    }

    @BeforeClass
    public static void writeData() throws Exception {
        assertThat(SPARK_JAR).as("the shaded jar (mvn package)").isRegularFile();
        assertThat(CLI_JAR).as("the CLI's jar (mvn package of cli)").isRegularFile();
        var script = Path.of(property("mlcd.spark.it.python")).resolve("make_cluster_data.py");
        var run = run(List.of(VENV.resolve("bin/python").toString(), script.toString(), DATA.toString()));
        assertThat(run.status()).as("make_cluster_data.py: %s", run.err()).isZero();
    }

    @Test
    public void shouldProfileParquetOnTheClusterAsTheCliProfilesTheSameRowsAsCsv() throws Exception {
        var out = Files.createDirectories(ROOT.resolve("profile"));
        var spark = CLUSTER.submit(SPARK_JAR, List.of("profile", "--input", DATA.resolve("reference.parquet").toString(),
                "--format", "parquet", "-o", out.resolve("spark.json").toString()));
        assertThat(spark.status()).as("spark-submit profile: %s", spark.err()).isZero();
        assertThat(spark.out()).contains("profiled 24,000 rows, 7 columns");
        var cli = cli("profile", DATA.resolve("reference.csv").toString(), "-o", out.resolve("cli.json").toString());
        assertThat(cli.status()).as("mlcd profile: %s", cli.err()).isZero();

        ProfileAgreement.assertAgree(ProfileJson.read(out.resolve("spark.json")), ProfileJson.read(out.resolve("cli.json")));
        assertThat(executorsThatRanTasks()).as("workers whose executor ran tasks of the last application").isEqualTo(2);

        // What checkDrift does in Jenkins with the cluster's profile: mlcd drift on the agent.
        var fromSpark = cli("drift", "--reference", out.resolve("spark.json").toString(),
                "--current", DATA.resolve("current.csv").toString(), "--gate", "drift_share <= 0.2",
                "--report-dir", out.resolve("drift-from-spark").toString());
        var fromCli = cli("drift", "--reference", out.resolve("cli.json").toString(),
                "--current", DATA.resolve("current.csv").toString(), "--gate", "drift_share <= 0.2",
                "--report-dir", out.resolve("drift-from-cli").toString());
        assertThat(fromCli.status()).as(fromCli.err()).isEqualTo(1);
        assertThat(fromSpark.status()).as(fromSpark.err()).isEqualTo(fromCli.status());
        var a = JSON.readTree(out.resolve("drift-from-spark/drift.json").toFile());
        var b = JSON.readTree(out.resolve("drift-from-cli/drift.json").toFile());
        assertThat(a.get("drifted_columns")).isEqualTo(b.get("drifted_columns"));
        assertThat(a.get("drift_share")).isEqualTo(b.get("drift_share"));
    }

    @Test
    public void shouldDetectTheDriftTheCliDetectsAndGiveItsVerdictAndExitStatus() throws Exception {
        var out = ROOT.resolve("drift");
        List<String> gates = List.of("--column-test", "income=psi", "--gate", "drift_share <= 0.2",
                "--warn", "psi[income] <= 0.1");
        var sparkArgs = new ArrayList<>(List.of("drift", "--reference", DATA.resolve("reference.parquet").toString(),
                "--current", DATA.resolve("current.parquet").toString(), "--format", "parquet",
                "--report-dir", out.resolve("spark").toString()));
        sparkArgs.addAll(gates);
        var spark = CLUSTER.submit(SPARK_JAR, sparkArgs);
        var cliArgs = new ArrayList<>(List.of("drift", "--reference", DATA.resolve("reference.csv").toString(),
                "--current", DATA.resolve("current.csv").toString(), "--report-dir", out.resolve("cli").toString()));
        cliArgs.addAll(gates);
        var cli = cli(cliArgs.toArray(String[]::new));

        assertThat(cli.status()).as("the CLI's verdict: FAILED (%s)", cli.err()).isEqualTo(1);
        assertThat(spark.status()).as("spark-submit drift: %s", spark.err()).isEqualTo(cli.status());
        var sparkReport = JSON.readTree(out.resolve("spark/drift.json").toFile());
        var cliReport = JSON.readTree(out.resolve("cli/drift.json").toFile());
        assertThat(sparkReport.get("verdict")).isEqualTo(cliReport.get("verdict"));
        assertThat(sparkReport.get("drift_share")).isEqualTo(cliReport.get("drift_share"));
        assertThat(sparkReport.get("drifted_columns")).isEqualTo(cliReport.get("drifted_columns"));
        assertThat(gateOutcomes(sparkReport)).isEqualTo(gateOutcomes(cliReport));
        assertThat(byName(sparkReport.get("columns")).keySet()).isEqualTo(byName(cliReport.get("columns")).keySet());
        byName(cliReport.get("columns")).forEach((name, expected) -> {
            var actual = byName(sparkReport.get("columns")).get(name);
            assertThat(actual.get("test")).as(name).isEqualTo(expected.get("test"));
            assertThat(actual.get("drifted")).as(name).isEqualTo(expected.get("drifted"));
            assertThat(actual.get("method")).as(name).isEqualTo(expected.get("method"));
            var statistic = expected.get("statistic").asDouble();
            assertThat(actual.get("statistic").asDouble()).as(name).isCloseTo(statistic, within(tolerance(actual, expected)));
        });
        assertThat(out.resolve("spark/drift.html")).isRegularFile();
        assertThat(out.resolve("spark/drift.junit.xml")).isRegularFile();
    }

    @Test
    public void shouldFindTheAnomaliesTheCliFindsAndGiveItsVerdict() throws Exception {
        var out = ROOT.resolve("validate-data");
        var spark = CLUSTER.submit(SPARK_JAR, List.of("validate-data", "--input",
                DATA.resolve("current.parquet").toString(), "--format", "parquet", "--schema", SCHEMA.toString(),
                "--reference", DATA.resolve("reference.parquet").toString(),
                "--report-dir", out.resolve("spark").toString()));
        var cli = cli("validate-data", DATA.resolve("current.csv").toString(), "--schema", SCHEMA.toString(),
                "--reference", DATA.resolve("reference.csv").toString(), "--report-dir", out.resolve("cli").toString());

        assertThat(cli.status()).as("the CLI's verdict: FAILED (%s)", cli.err()).isEqualTo(1);
        assertThat(spark.status()).as("spark-submit validate-data: %s", spark.err()).isEqualTo(cli.status());
        var sparkReport = JSON.readTree(out.resolve("spark/validate-data.json").toFile());
        var cliReport = JSON.readTree(out.resolve("cli/validate-data.json").toFile());
        assertThat(sparkReport.get("verdict")).isEqualTo(cliReport.get("verdict"));
        assertThat(sparkReport.get("anomalies")).isEqualTo(cliReport.get("anomalies"));
        assertThat(sparkReport.get("anomalies")).extracting(node -> node.get("type").asText())
                .containsExactly("out_of_range", "out_of_domain", "statistic_out_of_range");
        assertThat(out.resolve("spark/validate-data.html")).isRegularFile();
        assertThat(out.resolve("spark/validate-data.junit.xml")).isRegularFile();
    }

    @Test
    public void shouldComputeTheMetricsAndPairedTestsTheCliComputesAndGiveItsVerdict() throws Exception {
        var out = ROOT.resolve("validate");
        List<String> options = List.of("--id", "id", "--label", "label", "--score", "score", "--group", "group",
                "--gate", "roc_auc >= 0.7", "--gate", "roc_auc >= baseline",
                "--warn", "demographic_parity_difference[group] <= 0.01");
        var sparkArgs = new ArrayList<>(List.of("validate", "--predictions", DATA.resolve("predictions.parquet").toString(),
                "--baseline", DATA.resolve("baseline.parquet").toString(), "--format", "parquet",
                "--report-dir", out.resolve("spark").toString()));
        sparkArgs.addAll(options);
        var spark = CLUSTER.submit(SPARK_JAR, sparkArgs);
        var cliArgs = new ArrayList<>(List.of("validate", "--predictions", DATA.resolve("predictions.csv").toString(),
                "--baseline", DATA.resolve("baseline.csv").toString(), "--report-dir", out.resolve("cli").toString()));
        cliArgs.addAll(options);
        var cli = cli(cliArgs.toArray(String[]::new));

        assertThat(cli.status()).as("the CLI's verdict: WARNING (%s)", cli.err()).isEqualTo(3);
        assertThat(spark.status()).as("spark-submit validate: %s", spark.err()).isEqualTo(cli.status());
        var sparkReport = JSON.readTree(out.resolve("spark/validate.json").toFile());
        var cliReport = JSON.readTree(out.resolve("cli/validate.json").toFile());
        // The same doubles, not approximately the same: the metric sums are exact on both sides.
        for (var part : List.of("verdict", "task", "metrics", "baseline_metrics", "comparison", "confusion_matrix",
                "roc_curve", "pr_curve")) {
            assertThat(sparkReport.get(part)).as(part).isEqualTo(cliReport.get(part));
        }
        assertThat(gateOutcomes(sparkReport)).isEqualTo(gateOutcomes(cliReport));
        // Group values are listed in the order they are met, which a partitioned data set need not keep.
        assertThat(byName(sparkReport.get("groups").get("group"), "group"))
                .isEqualTo(byName(cliReport.get("groups").get("group"), "group"));
        assertThat(out.resolve("spark/validate.html")).isRegularFile();
        assertThat(out.resolve("spark/validate.junit.xml")).isRegularFile();
    }

    @Test
    public void shouldRefuseAnUnknownColumnWithOneLineAndWriteNothing() throws Exception {
        var out = Files.createDirectories(ROOT.resolve("unknown-column"));
        var spark = CLUSTER.submit(SPARK_JAR, List.of("profile", "--input", DATA.resolve("reference.parquet").toString(),
                "--type", "salary=numeric", "-o", out.resolve("profile.json").toString()));

        assertThat(spark.status()).as(spark.err()).isEqualTo(2);
        assertThat(mlcdLines(spark.err())).singleElement().asString().startsWith("mlcd-spark: error: ").contains("salary");
        assertThat(spark.err()).doesNotContain("\tat ");
        assertThat(out.resolve("profile.json")).doesNotExist();
    }

    /**
     * The lines mlcd itself wrote to stderr: not Spark's log lines (they start with a time stamp)
     * nor the JVM's notice that Spark uses the incubating vector API.
     */
    private static List<String> mlcdLines(final String err) {
        return err.lines().filter(line -> !line.matches("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d .*"))
                .filter(line -> !line.startsWith("WARNING: Using incubator modules")).toList();
    }

    /**
     * How far a column's drift statistic may differ between two runs. Exact tests: rounding.
     * Tests on KLL sketches: both reports' stated bounds; the binned tests (psi, kl_div,
     * jensenshannon, hellinger) state none, yet take their bins from the reference sketch's
     * deciles, which vary from run to run within the rank error (the CLI's own runs on this data
     * differ by about 1%), hence 5% of the statistic.
     */
    private static double tolerance(final JsonNode actual, final JsonNode expected) {
        var statistic = Math.abs(expected.get("statistic").asDouble());
        if (!"sketch".equals(expected.path("method").asText())) {
            return 1e-9 * Math.max(1, statistic);
        }
        var stated = expected.path("error_bound").asDouble(0) + actual.path("error_bound").asDouble(0);
        return stated > 0 ? stated : 0.05 * statistic;
    }

    /** Each gate's expression with its severity and outcome. */
    private static Map<String, String> gateOutcomes(final JsonNode report) {
        var outcomes = new TreeMap<String, String>();
        report.get("gates").forEach(gate -> outcomes.put(gate.get("expression").asText(),
                gate.get("severity").asText() + " " + gate.get("outcome").asText()));
        return outcomes;
    }

    private static Map<String, JsonNode> byName(final JsonNode columns) {
        return byName(columns, "name");
    }

    private static Map<String, JsonNode> byName(final JsonNode entries, final String key) {
        var named = new TreeMap<String, JsonNode>();
        entries.forEach(entry -> named.put(entry.get(key).asText(), entry));
        return named;
    }

    /** Workers whose executor of the most recent application logged a task it ran. */
    private static long executorsThatRanTasks() throws IOException {
        long workers = 0;
        for (int i = 0; i < 2; i++) {
            try (Stream<Path> apps = Files.list(CLUSTER.workerDir(i))) {
                var latest = apps.filter(p -> p.getFileName().toString().startsWith("app-")).max(Path::compareTo);
                if (latest.isPresent() && ranTasks(latest.get())) {
                    workers++;
                }
            }
        }
        return workers;
    }

    private static boolean ranTasks(final Path app) throws IOException {
        try (Stream<Path> files = Files.walk(app)) {
            for (var stderr : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                if (Files.readString(stderr, StandardCharsets.ISO_8859_1).contains("Running task")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SparkStandaloneCluster.Run cli(final String... args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CLI_JAR.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static SparkStandaloneCluster.Run run(final List<String> command) throws Exception {
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MLFLOW_"));
        var process = builder.start();
        var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        var out = read(process.getInputStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new SparkStandaloneCluster.Run(process.exitValue(), out, err.get());
    }

    private static String read(final InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
