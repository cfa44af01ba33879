package io.mlcd.spark.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.Policy;
import io.mlcd.report.ValidationJson;
import io.mlcd.spark.LocalSpark;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import io.mlcd.validation.ValidationCatalog;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Bad input stops validation on Spark with one clear error, as in the CLI, before anything is
 * evaluated; a task that fails once and is retried counts its rows once.
 */
public class SparkValidationBadInputTest {
    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static SparkSession spark;

    @BeforeClass
    public static void startSpark() {
        // local[2,2]: a failed task is tried again, as on a cluster.
        spark = LocalSpark.session();
    }


    @Test
    public void shouldNameAnUnknownColumnAsTheCliDoes() throws IOException {
        var file = csv("unknown.csv", "id,label,score", "a,1,0.9", "b,0,0.2");
        var spec = new ValidationSpec(file, "label", "p", null, List.of(), null, null, 0.5, null, null);
        var expected = file + " has no column 'p' (columns: id, label, score)";
        assertThatThrownBy(() -> new Validator(Progress.NONE).validate(spec, none())).hasMessage(expected);
        assertThatThrownBy(() -> SparkValidation.validate(read(file), spec, Optional.empty(), none()))
                .isInstanceOf(InputException.class).hasMessage(expected);
    }

    @Test
    public void shouldRefuseBadValuesNamingTheColumnAndTheFirstInRowOrder() throws IOException {
        var file = csv("bad.csv", "id,label,score", "a,1,0.9", "b,0,1.5", "c,,0.3", "d,1,-2");
        var spec = new ValidationSpec(file, "label", "score", null, List.of(), null, null, 0.5, null, null);
        assertThatThrownBy(() -> SparkValidation.validate(read(file).repartition(3), spec, Optional.empty(), none()))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ", column '");
        assertThatThrownBy(() -> SparkValidation.validate(read(file), spec, Optional.empty(), none()))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ", column 'score': score 1.5 is outside [0, 1]; give the probability of the "
                        + "positive class");
        var missingLabel = csv("missing.csv", "id,label,score", "a,1,0.9", "c,,0.3");
        assertThatThrownBy(() -> SparkValidation.validate(read(missingLabel), spec(missingLabel, null), Optional.empty(),
                none())).hasMessage(missingLabel + ", column 'label': the value is missing");
        var text = csv("text.csv", "id,label,score", "a,1,0.9", "c,0,high");
        assertThatThrownBy(() -> SparkValidation.validate(read(text), spec(text, null), Optional.empty(), none()))
                .hasMessage(text + ", column 'score': 'high' is not a number");
    }

    @Test
    public void shouldRefuseAnEmptyDataSetAThirdClassAndDuplicateIds() throws IOException {
        var file = csv("rows.csv", "id,label,score", "a,1,0.9", "b,0,0.2", "a,0,0.4", "c,2,0.5");
        var spec = spec(file, null);
        var rows = read(file);
        assertThatThrownBy(() -> SparkValidation.validate(rows.limit(0), spec, Optional.empty(), none()))
                .isInstanceOf(InputException.class).hasMessage(file + " has no rows");
        assertThatThrownBy(() -> SparkValidation.validate(rows, spec, Optional.empty(), none()))
                .hasMessage(file + ": a third class '2' besides [1, 0]: labels are not binary (use --task multiclass "
                        + "for more classes)");
        var withId = new ValidationSpec(file, "label", "score", null, List.of(), null, "id", 0.5, null, null);
        assertThatThrownBy(() -> SparkValidation.validate(rows.limit(3), withId, Optional.empty(), none()))
                .hasMessage(file + ", column 'id': duplicate id 'a'");
    }

    @Test
    public void shouldNeedAnIdToPairABaselineAndTheSameLabels() throws IOException {
        var file = csv("challenger.csv", "id,label,score", "a,1,0.9", "b,0,0.2", "c,1,0.4");
        var other = csv("champion.csv", "id,label,score", "c,1,0.9", "b,1,0.2", "a,1,0.4");
        var byOrder = new ValidationSpec(file, "label", "score", null, List.of(), other, null, 0.5, null, null);
        assertThatThrownBy(() -> SparkValidation.validate(read(file), byOrder, Optional.of(read(other)), none()))
                .isInstanceOf(InputException.class).hasMessageContaining("needs --id");
        var byId = spec(file, other);
        var expected = "id 'b' has label '0' in the predictions " + file + " but '1' in the baseline " + other
                + "; a baseline must hold predictions for the same rows";
        assertThatThrownBy(() -> new Validator(Progress.NONE).validate(byId, none())).hasMessage(expected);
        assertThatThrownBy(() -> SparkValidation.validate(read(file), byId, Optional.of(read(other)), none()))
                .hasMessage(expected);
        var shorter = csv("short.csv", "id,label,score", "a,1,0.9", "b,0,0.2");
        var expectedSize = "the baseline " + shorter + " has 2 rows but the predictions " + file + " have 3; a "
                + "baseline must hold predictions for the same rows";
        var toShort = spec(file, shorter);
        assertThatThrownBy(() -> new Validator(Progress.NONE).validate(toShort, none())).hasMessage(expectedSize);
        assertThatThrownBy(() -> SparkValidation.validate(read(file), toShort, Optional.of(read(shorter)), none()))
                .hasMessage(expectedSize);
    }

    @Test
    public void shouldCountRowsOfARetriedTaskOnce() throws IOException {
        var lines = new ArrayList<String>();
        lines.add("id,label,score,sex");
        for (int i = 0; i < 400; i++) {
            lines.add("r" + i + "," + (i % 3 == 0 ? 1 : 0) + "," + ((i * 37) % 101) / 100.0 + "," + (i % 5 == 0 ? "F"
                    : "M"));
        }
        var file = csv("retried.csv", lines.toArray(String[]::new));
        var spec = new ValidationSpec(file, "label", "score", null, List.of("sex"), null, null, 0.5, null, null);
        var policy = new GateParser(new ValidationCatalog()).policy(List.of("roc_auc >= 0.5"), List.of());
        var expected = ValidationJson.of(new Validator(Progress.NONE).validate(spec, policy), Instant.EPOCH);
        // Each task's first attempt fails after reading half its rows; the retry must not add to them.
        UDF1<Double, Double> flaky = score -> {
            var task = TaskContext.get();
            if (task != null && task.attemptNumber() == 0 && score > 0.5) {
                throw new IllegalStateException("executor lost");
            }
            return score;
        };
        var failing = read(file).withColumn("position", functions.monotonically_increasing_id())
                .repartitionByRange(4, functions.col("position")).sortWithinPartitions("position").drop("position")
                .withColumn("score",
                functions.udf(flaky, DataTypes.DoubleType).asNondeterministic().apply(functions.col("score")));
        var result = SparkValidation.validate(failing, spec, Optional.empty(), policy);
        assertThat(ValidationJson.of(result, Instant.EPOCH).path("metrics")).isEqualTo(expected.path("metrics"));
        assertThat(ValidationJson.of(result, Instant.EPOCH).path("groups")).isEqualTo(expected.path("groups"));
        assertThat(result.evaluation().rows()).isEqualTo(400);
    }

    private static ValidationSpec spec(final Path file, final Path baseline) {
        return new ValidationSpec(file, "label", "score", null, List.of(), baseline, baseline == null ? null : "id",
                0.5, null, null);
    }

    private static Policy none() {
        return new Policy(List.of());
    }

    private static Path csv(final String name, final String... lines) throws IOException {
        return Files.write(FOLDER.getRoot().toPath().resolve(name), List.of(lines));
    }

    private static Dataset<Row> read(final Path file) {
        return spark.read().option("header", "true").option("inferSchema", "true").csv(file.toString());
    }
}
