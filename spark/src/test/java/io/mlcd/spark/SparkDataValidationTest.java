package io.mlcd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import io.mlcd.quality.ConstraintResult;
import io.mlcd.quality.DataCatalog;
import io.mlcd.quality.DataSchema;
import io.mlcd.quality.DataValidationResult;
import io.mlcd.quality.DataValidator;
import io.mlcd.quality.MetricHistory;
import io.mlcd.quality.SchemaYaml;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SparkDataValidationTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("day", DataTypes.IntegerType)
            .add("age", DataTypes.IntegerType)
            .add("region", DataTypes.StringType)
            .add("score", DataTypes.StringType)
            .add("active", DataTypes.BooleanType);
    private static final String[] REGIONS = {"east", "north", "south", "west"};
    private static final DataSchema DATA_SCHEMA = SchemaYaml.parse(Path.of("schema.yaml"), """
            schema_version: 1
            primary_key: [id, day]
            columns:
              id: {type: categorical, unique: true, length: {min: 2, max: 5}, pattern: '^c[0-9]+$'}
              day: {type: numeric, range: {min: 1, max: 28}}
              age: {type: numeric, range: {min: 18, max: 95}, non_negative: true}
              region: {type: categorical, domain: [east, north, south, west]}
              score: {type: numeric, between: {min: 0, max: 1, share: 0.9}}
              active: {type: boolean}
            """);

    @ClassRule
    public static TemporaryFolder folder = new TemporaryFolder();

    private static List<Row> rows;
    private static Path csv;
    private static DataValidationResult cli;

    @BeforeClass
    public static void validateTheRowsWithTheCli() {
        rows = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            var id = i % 997 == 0 ? "c" + (i - 1) : i % 1500 == 7 ? "x" + i : "c" + i; // repeats, a few off-pattern
            var region = i % 400 == 3 ? "centre" : REGIONS[i % 4];
            var score = i % 300 == 5 ? "n/a" : i % 250 == 9 ? "high" : Double.toString((i % 97) / 96.0);
            rows.add(RowFactory.create(id, i % 28 + 1, i % 500 == 1 ? -3 : 18 + i % 70, region, score,
                    i % 11 == 0 ? null : i % 3 == 0));
        }
        csv = TestRows.csv(LocalSpark.rows(rows, SCHEMA, 3), folder.getRoot().toPath().resolve("batch"));
        cli = validator().validate(List.of(csv), Progress.NONE);
    }

    private static DataValidator validator() {
        var policy = new GateParser(new DataCatalog()).policy(List.of("anomalies <= 3"), List.of());
        return new DataValidator(DATA_SCHEMA, Optional.empty(), policy, MetricHistory.NONE, "batch");
    }

    @Test
    public void shouldFindTheAnomaliesTheCliFindsInTheSameRowsWithTheSameCountsAndExamples() {
        for (int partitions : new int[] {1, 7, 64}) {
            var result = SparkDataValidation.validate(LocalSpark.rows(rows, SCHEMA, partitions), "batch", validator());

            assertThat(result.constraints()).extracting(ConstraintResult::name, ConstraintResult::outcome,
                    ConstraintResult::count, ConstraintResult::observed, ConstraintResult::examples, ConstraintResult::exact)
                    .as("%d partitions", partitions)
                    .containsExactlyElementsOf(cli.constraints().stream().map(c -> tuple(c.name(), c.outcome(), c.count(),
                            c.observed(), c.examples(), c.exact())).toList());
            assertThat(result.anomalies()).isEqualTo(cli.anomalies());
            assertThat(result.gates()).isEqualTo(cli.gates());
            var metrics = result.metrics().asMap();
            assertThat(metrics.keySet()).containsExactlyElementsOf(cli.metrics().asMap().keySet());
            // means and spreads are summed in another order: equal to rounding
            cli.metrics().asMap().forEach((name, value) -> assertThat(metrics.get(name)).as(name)
                    .isCloseTo(value, within(1e-12 * Math.max(1, Math.abs(value)))));
            assertThat(result.verdict()).isEqualTo(cli.verdict()).isEqualTo(Verdict.FAILED);
        }
        assertThat(cli.constraints()).extracting(ConstraintResult::name, ConstraintResult::outcome).contains(
                tuple("unique[id]", Outcome.FAILED), tuple("domain[region]", Outcome.FAILED),
                tuple("type[score] numeric", Outcome.FAILED), tuple("non_negative[age]", Outcome.FAILED));
    }

    @Test
    public void shouldJudgeSkewAgainstAReferenceDataSetAsTheCliAgainstItsCsv() {
        var schema = SchemaYaml.parse(Path.of("skew.yaml"), """
                schema_version: 1
                columns:
                  age: {type: numeric, skew: {jensen_shannon: 0.01}}
                  region: {type: categorical, skew: {l_infinity: 0.05}}
                """);
        var referenceRows = rows.subList(0, 2000).stream().map(row -> RowFactory.create(row.get(0), row.get(1),
                row.getInt(2) + 5, row.getInt(1) % 3 == 0 ? "east" : row.get(3), row.get(4), row.get(5))).toList();
        var referenceData = LocalSpark.rows(referenceRows, SCHEMA, 3);
        var referenceCsv = TestRows.csv(referenceData, folder.getRoot().toPath().resolve("reference"));
        var cliReference = DataValidator.reference(List.of(referenceCsv), schema, Progress.NONE);
        var expected = new DataValidator(schema, Optional.of(cliReference), new Policy(List.of()), MetricHistory.NONE,
                "batch").validate(List.of(csv), Progress.NONE);

        var reference = SparkDataValidation.reference(referenceData, "reference", schema);
        var result = SparkDataValidation.validate(LocalSpark.rows(rows, SCHEMA, 5), "batch", new DataValidator(schema,
                Optional.of(reference), new Policy(List.of()), MetricHistory.NONE, "batch"));

        assertThat(result.constraints()).extracting(ConstraintResult::name, ConstraintResult::outcome,
                ConstraintResult::exact).containsExactlyElementsOf(expected.constraints().stream()
                        .map(c -> tuple(c.name(), c.outcome(), c.exact())).toList());
        for (int i = 0; i < expected.constraints().size(); i++) {
            var observed = expected.constraints().get(i).observed();
            if (observed != null) {
                assertThat(result.constraints().get(i).observed()).as(expected.constraints().get(i).name())
                        .isCloseTo(observed, within(1e-12));
            }
        }
        assertThat(expected.constraints()).extracting(ConstraintResult::name, ConstraintResult::outcome)
                .contains(tuple("skew[age] <= 0.01", Outcome.FAILED), tuple("skew[region] <= 0.05", Outcome.FAILED));
    }

    @Test
    public void shouldCountTheRowsOfARetriedTaskOnce() {
        JavaRDD<Row> failingOnce = LocalSpark.rows(rows, SCHEMA, 5).toJavaRDD().mapPartitionsWithIndex((index, part) -> {
            var seen = new ArrayList<Row>();
            part.forEachRemaining(seen::add);
            if (index == 2 && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("lost executor, first attempt of partition 2");
            }
            return seen.iterator();
        }, true);

        var result = SparkDataValidation.validate(LocalSpark.session().createDataFrame(failingOnce, SCHEMA), "batch",
                validator());

        assertThat(result.constraints()).extracting(ConstraintResult::name, ConstraintResult::count,
                ConstraintResult::examples).containsExactlyElementsOf(cli.constraints().stream()
                        .map(c -> tuple(c.name(), c.count(), c.examples())).toList());
        assertThat(result.profile().rows()).isEqualTo(rows.size());
    }

    @Test
    public void shouldRejectAnEmptyBatch() {
        var empty = LocalSpark.rows(List.of(), SCHEMA, 2);

        assertThatThrownBy(() -> SparkDataValidation.validate(empty, "day=3", validator()))
                .isInstanceOf(InputException.class).hasMessage("day=3 has no rows");
    }
}
