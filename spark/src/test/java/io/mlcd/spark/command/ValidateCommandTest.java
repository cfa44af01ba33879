package io.mlcd.spark.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.gate.GateParser;
import io.mlcd.report.ValidationJson;
import io.mlcd.spark.LocalSpark;
import io.mlcd.spark.Main;
import io.mlcd.util.Progress;
import io.mlcd.validation.ValidationCatalog;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlcd-spark validate}: Parquet predictions give the report {@code mlcd validate} gives on the same rows as CSV. */
public class ValidateCommandTest {
    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static SparkSession spark;
    private static Path parquet;
    private static Path csv;

    @BeforeClass
    public static void writeData() throws IOException {
        spark = LocalSpark.session();
        var random = new Random(5);
        var rows = new ArrayList<Row>();
        var lines = new ArrayList<String>();
        lines.add("label,score,sex");
        for (int i = 0; i < 1200; i++) {
            var label = random.nextDouble() < 0.3 ? 1 : 0;
            var score = Math.round((0.25 * label + 0.75 * random.nextDouble()) * 500) / 500.0;
            var sex = random.nextBoolean() ? "F" : "M";
            rows.add(RowFactory.create(label, score, sex));
            lines.add(label + "," + score + "," + sex);
        }
        var schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("label", DataTypes.IntegerType, false),
                DataTypes.createStructField("score", DataTypes.DoubleType, false),
                DataTypes.createStructField("sex", DataTypes.StringType, false)));
        parquet = FOLDER.getRoot().toPath().resolve("predictions.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(parquet.toString());
        csv = Files.write(FOLDER.getRoot().toPath().resolve("predictions.csv"), lines);
    }


    @Test
    public void shouldWriteTheCliReportAndExitWithTheVerdict() throws IOException {
        var reports = FOLDER.newFolder().toPath();
        var run = run("validate", "--predictions", parquet.toString(), "--format", "parquet", "--score", "score",
                "--group", "sex", "--gate", "roc_auc >= 0.99", "--warn", "demographic_parity_difference[sex] <= 0.1",
                "--report-dir", reports.toString());
        assertThat(run.status).as(run.err).isEqualTo(1);
        assertThat(run.out).startsWith("FAILED");
        assertThat(reports.resolve("validate.html")).exists();
        assertThat(reports.resolve("validate.junit.xml")).exists();
        var spec = new ValidationSpec(csv, "label", "score", null, List.of("sex"), null, null, 0.5, null, null);
        var policy = new GateParser(new ValidationCatalog()).policy(List.of("roc_auc >= 0.99"),
                List.of("demographic_parity_difference[sex] <= 0.1"));
        var cli = ValidationJson.of(new Validator(Progress.NONE).validate(spec, policy), Instant.EPOCH);
        JsonNode report = new ObjectMapper().readTree(reports.resolve("validate.json").toFile());
        for (String part : List.of("verdict", "task", "metrics", "notes", "gates", "groups", "confusion_matrix",
                "roc_curve", "pr_curve")) {
            assertThat(report.path(part).toString()).as(part).isEqualTo(cli.path(part).toString());
        }
        assertThat(report.path("inputs").path("predictions").asText()).isEqualTo(parquet.toString());
    }

    @Test
    public void shouldExitWithTwoAndOneLineForBadInputWritingNothing() throws IOException {
        var reports = FOLDER.newFolder().toPath();
        var run = run("validate", "--predictions", parquet.toString(), "--score", "p", "--report-dir",
                reports.toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err.lines()).containsExactly("mlcd-spark: error: " + parquet + " has no column 'p' (columns: "
                + "label, score, sex)");
        assertThat(reports).isEmptyDirectory();
        var unpaired = run("validate", "--predictions", parquet.toString(), "--score", "score", "--baseline",
                parquet.toString());
        assertThat(unpaired.status).isEqualTo(2);
        assertThat(unpaired.err).startsWith("mlcd-spark: error: --baseline needs --id");
    }

    private static Run run(final String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {
    }
}
