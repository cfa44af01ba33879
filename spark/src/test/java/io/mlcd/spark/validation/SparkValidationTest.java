package io.mlcd.spark.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.Policy;
import io.mlcd.report.ValidationJson;
import io.mlcd.spark.LocalSpark;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationCatalog;
import io.mlcd.validation.ValidationResult;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every metric, slice, curve, paired test and gate of {@link SparkValidation} equals what
 * {@code mlcd validate} (core's {@link Validator}) gives on the same rows written as CSV, bit for
 * bit, whatever the partitioning: the JSON reports are identical.
 */
public class SparkValidationTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int[] PARTITIONS = {1, 3, 16};

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();


    @Test
    public void shouldEqualTheCliOnABinaryScorerWithGroupsAndABaselineById() throws IOException {
        var random = new Random(1);
        var rows = new ArrayList<Object[]>();
        var baseline = new ArrayList<Object[]>();
        String[] regions = {"north", "south", "east", "west", "centre"};
        for (int i = 0; i < 3000; i++) {
            var label = random.nextDouble() < 0.35 ? 1 : 0;
            // Scores with three decimals: many ties within and across classes, and 0 and 1 themselves.
            var score = Math.min(1, Math.max(0, Math.round((0.3 * label + 0.7 * random.nextDouble()) * 1000) / 1000.0));
            var base = Math.round((0.2 * label + 0.8 * random.nextDouble()) * 100) / 100.0;
            var sex = random.nextDouble() < 0.5 ? "F" : "M";
            var region = regions[random.nextInt(regions.length)];
            rows.add(new Object[] {"r" + i, label, score, sex, region});
            baseline.add(new Object[] {"r" + i, label, base, sex, region});
        }
        Collections.shuffle(baseline, random);
        var schema = schema("id:string", "label:int", "score:double", "sex:string", "region:string");
        var spec = spec("score", null, List.of("sex", "region"), "id", null);
        var policy = policy(List.of("roc_auc >= baseline - 0.01", "demographic_parity_difference[sex] <= 0.1",
                "pr_auc >= 0.5"), List.of("log_loss <= baseline * 1.05", "accuracy[region=north] >= 0.6"));
        var cli = assertSameAsCli(spec, policy, schema, rows, baseline);
        // Rows shuffled into 7 partitions: classes and groups meet in another order, values stay the same.
        var result = SparkValidation.validate(frame(schema, rows, 1).repartition(7), spec,
                Optional.of(frame(schema, baseline, 1).repartition(7)), policy);
        assertThat(result.evaluation().metrics().asMap()).isEqualTo(cli.evaluation().metrics().asMap());
        assertThat(result.baseline().metrics().asMap()).isEqualTo(cli.baseline().metrics().asMap());
        assertThat(result.evaluation().roc()).isEqualTo(cli.evaluation().roc());
        assertThat(result.comparisons()).isEqualTo(cli.comparisons());
        assertThat(result.gates()).isEqualTo(cli.gates());
    }

    @Test
    public void shouldEqualTheCliOnPredictedClassesWithAGroupAndABaseline() throws IOException {
        var random = new Random(2);
        var rows = new ArrayList<Object[]>();
        var baseline = new ArrayList<Object[]>();
        for (int i = 0; i < 1500; i++) {
            var label = random.nextDouble() < 0.4 ? "churn" : "stay";
            var predicted = random.nextDouble() < 0.8 ? label : label.equals("churn") ? "stay" : "churn";
            var base = random.nextDouble() < 0.7 ? label : label.equals("churn") ? "stay" : "churn";
            var plan = random.nextInt(4) == 0 ? "pro" : "basic";
            rows.add(new Object[] {(long) i, label, predicted, plan});
            baseline.add(new Object[] {(long) i, label, base, plan});
        }
        Collections.reverse(baseline);
        var schema = schema("id:long", "label:string", "predicted:string", "plan:string");
        var spec = spec(null, "predicted", List.of("plan"), "id", "churn");
        var policy = policy(List.of("accuracy >= baseline", "equalized_odds_difference[plan] <= 0.2"), List.of());
        assertSameAsCli(spec, policy, schema, rows, baseline);
    }

    @Test
    public void shouldEqualTheCliOnMulticlassWithABaseline() throws IOException {
        var random = new Random(3);
        String[] classes = {"cat", "dog", "bird", "fish", "horse"};
        var rows = new ArrayList<Object[]>();
        var baseline = new ArrayList<Object[]>();
        for (int i = 0; i < 2000; i++) {
            var label = classes[random.nextInt(classes.length)];
            var predicted = random.nextDouble() < 0.6 ? label : classes[random.nextInt(classes.length)];
            var base = random.nextDouble() < 0.5 ? label : classes[random.nextInt(classes.length)];
            rows.add(new Object[] {"x" + i, label, predicted});
            baseline.add(new Object[] {"x" + i, label, base});
        }
        Collections.shuffle(baseline, random);
        var schema = schema("id:string", "label:string", "predicted:string");
        var result = assertSameAsCli(spec(null, "predicted", List.of(), "id", null),
                policy(List.of("f1_macro >= 0.5", "accuracy >= baseline"), List.of()), schema, rows, baseline);
        assertThat(result.evaluation().task()).isEqualTo(Task.MULTICLASS);
    }

    @Test
    public void shouldEqualTheCliOnRegressionWithABaseline() throws IOException {
        var random = new Random(4);
        var rows = new ArrayList<Object[]>();
        var baseline = new ArrayList<Object[]>();
        for (int i = 0; i < 2500; i++) {
            var y = Math.exp(random.nextGaussian()) * 100 - 20;
            rows.add(new Object[] {"k" + i, y, y + random.nextGaussian() * 15});
            baseline.add(new Object[] {"k" + i, y, y * 1.1 + random.nextGaussian() * 25});
        }
        Collections.shuffle(baseline, random);
        var schema = schema("id:string", "y:double", "yhat:double");
        var spec = new ValidationSpec(FOLDER.getRoot().toPath().resolve("predictions.csv"), "y", null, "yhat",
                List.of(), FOLDER.getRoot().toPath().resolve("baseline.csv"), "id", 0.5, null, null);
        var result = assertSameAsCli(spec, policy(List.of("rmse <= baseline", "r2 >= 0.5"), List.of("mape <= 0.5")),
                schema, rows, baseline);
        assertThat(result.evaluation().task()).isEqualTo(Task.REGRESSION);
    }

    @Test
    public void shouldReadFloatAndDecimalScoresAndBooleanLabelsAsTheCliReadsTheirText() throws IOException {
        var random = new Random(6);
        var rows = new ArrayList<Object[]>();
        for (int i = 0; i < 500; i++) {
            var label = random.nextBoolean();
            var score = (float) Math.min(1, (label ? 0.3 : 0) + random.nextDouble() * 0.7);
            rows.add(new Object[] {label, score, new java.math.BigDecimal(Float.toString(score)), "g" + (i % 3)});
        }
        var schema = schema("label:boolean", "score:float", "exact:decimal", "g:string");
        var spec = new ValidationSpec(FOLDER.getRoot().toPath().resolve("floats.csv"), "label", "score", null,
                List.of("g"), null, null, 0.5, null, null);
        write(spec.predictions(), schema, rows);
        var cli = ValidationJson.of(new Validator(Progress.NONE).validate(spec, policy(List.of(), List.of())), NOW);
        var data = frame(schema, rows, 3);
        var fromFloats = SparkValidation.validate(data, spec, Optional.empty(), policy(List.of(), List.of()));
        assertThat(ValidationJson.of(fromFloats, NOW).toPrettyString()).isEqualTo(cli.toPrettyString());
        var decimalSpec = new ValidationSpec(spec.predictions(), "label", "exact", null, List.of("g"), null, null, 0.5,
                null, null);
        var fromDecimals = SparkValidation.validate(data, decimalSpec, Optional.empty(), policy(List.of(), List.of()));
        assertThat(fromDecimals.evaluation().metrics().asMap()).isEqualTo(
                new Validator(Progress.NONE).validate(spec, policy(List.of(), List.of())).evaluation().metrics().asMap());
    }

    @Test
    public void shouldRefuseABaselineMissingAnIdWithTheCliMessage() throws IOException {
        var rows = new ArrayList<Object[]>();
        var baseline = new ArrayList<Object[]>();
        for (int i = 0; i < 50; i++) {
            rows.add(new Object[] {"r" + i, i % 2, (i % 10) / 10.0});
            baseline.add(new Object[] {i == 17 ? "other" : "r" + i, i % 2, 0.5});
        }
        var schema = schema("id:string", "label:int", "score:double");
        var spec = spec("score", null, List.of(), "id", null);
        var policy = policy(List.of("roc_auc >= 0.5"), List.of());
        write(spec.predictions(), schema, rows);
        write(spec.baseline(), schema, baseline);
        var expected = "id 'r17' of the predictions " + spec.predictions() + " is missing from the baseline "
                + spec.baseline();
        assertThatThrownBy(() -> new Validator(Progress.NONE).validate(spec, policy)).isInstanceOf(InputException.class)
                .hasMessage(expected);
        for (int partitions : PARTITIONS) {
            assertThatThrownBy(() -> SparkValidation.validate(frame(schema, rows, partitions), spec,
                    Optional.of(frame(schema, baseline, partitions)), policy)).isInstanceOf(InputException.class)
                    .hasMessage(expected);
        }
    }

    /**
     * Validates with the CLI's Validator and on Spark in 1, 3 and 16 partitions that keep the
     * rows' order (so classes and groups appear in the same order): identical reports.
     */
    private static ValidationResult assertSameAsCli(final ValidationSpec spec, final Policy policy,
            final StructType schema, final List<Object[]> rows, final List<Object[]> baseline) throws IOException {
        write(spec.predictions(), schema, rows);
        write(spec.baseline(), schema, baseline);
        var cli = new Validator(Progress.NONE).validate(spec, policy);
        var expected = ValidationJson.of(cli, NOW).toPrettyString();
        for (int partitions : PARTITIONS) {
            var result = SparkValidation.validate(frame(schema, rows, partitions), spec,
                    Optional.of(frame(schema, baseline, partitions)), policy);
            assertThat(ValidationJson.of(result, NOW).toPrettyString()).as(partitions + " partitions")
                    .isEqualTo(expected);
            assertThat(result.evaluation().metrics().asMap()).isEqualTo(cli.evaluation().metrics().asMap());
            assertThat(result.evaluation().roc()).isEqualTo(cli.evaluation().roc());
            assertThat(result.evaluation().precisionRecall()).isEqualTo(cli.evaluation().precisionRecall());
            assertThat(result.evaluation().slices()).isEqualTo(cli.evaluation().slices());
            assertThat(result.comparisons()).isEqualTo(cli.comparisons());
            assertThat(result.gates()).isEqualTo(cli.gates());
        }
        return cli;
    }

    private static ValidationSpec spec(final String score, final String prediction, final List<String> groups,
            final String id, final String positive) {
        var folder = FOLDER.getRoot().toPath();
        return new ValidationSpec(folder.resolve("predictions.csv"), "label", score, prediction, groups,
                folder.resolve("baseline.csv"), id, 0.5, positive, null);
    }

    private static Policy policy(final List<String> gates, final List<String> warnings) {
        return new GateParser(new ValidationCatalog()).policy(gates, warnings);
    }

    /** Columns as {@code name:type}. */
    private static StructType schema(final String... columns) {
        var fields = new ArrayList<StructField>();
        for (String column : columns) {
            var parts = column.split(":");
            var type = switch (parts[1]) {
                case "int" -> DataTypes.IntegerType;
                case "long" -> DataTypes.LongType;
                case "double" -> DataTypes.DoubleType;
                case "float" -> DataTypes.FloatType;
                case "boolean" -> DataTypes.BooleanType;
                case "decimal" -> DataTypes.createDecimalType(38, 30);
                default -> DataTypes.StringType;
            };
            fields.add(DataTypes.createStructField(parts[0], type, true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The rows in their order, cut into {@code partitions} consecutive ranges. */
    private static Dataset<Row> frame(final StructType schema, final List<Object[]> rows, final int partitions) {
        return LocalSpark.rows(rows.stream().map(RowFactory::create).toList(), schema, partitions);
    }

    /** The rows as the CLI reads them: CSV with a header, numbers in Java's shortest exact text. */
    private static void write(final Path file, final StructType schema, final List<Object[]> rows) throws IOException {
        var lines = new ArrayList<String>();
        lines.add(String.join(",", schema.fieldNames()));
        for (Object[] row : rows) {
            var cells = new ArrayList<String>();
            for (Object value : row) {
                cells.add(String.valueOf(value));
            }
            lines.add(String.join(",", cells));
        }
        Files.write(file, lines);
    }
}
