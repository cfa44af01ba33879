package io.mlcd.spark;

import static io.mlcd.spark.ProfileAssert.assertSameProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.drift.Profiler;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SparkProfilesTest {
    @ClassRule
    public static TemporaryFolder folder = new TemporaryFolder();

    /** More rows than a profile keeps exactly: the sketches merge. */
    private static List<Row> large;
    private static Profile largeCli;
    /** Few enough rows that every value is kept, in order. */
    private static List<Row> small;
    private static Profile smallCli;

    @BeforeClass
    public static void profileTheRowsWithTheCli() throws Exception {
        large = TestRows.generate(12_000, 14);
        largeCli = cliProfile(large, "large");
        small = TestRows.generate(4_000, 15);
        smallCli = cliProfile(small, "small");
    }

    private static Profile cliProfile(final List<Row> rows, final String name) throws Exception {
        var csv = TestRows.csv(LocalSpark.rows(rows, TestRows.SCHEMA, 3), folder.getRoot().toPath().resolve(name));
        return new Profiler(Progress.NONE, Map.of()).profile(csv);
    }

    @Test
    public void shouldEqualTheCliProfileOfTheSameRowsWrittenAsCsvWhateverThePartitioning() {
        for (int partitions : new int[] {1, 2, 7, 64}) {
            var profile = SparkProfiles.profile(LocalSpark.rows(large, TestRows.SCHEMA, partitions),
                    ProfileOptions.named("large"));

            assertSameProfile(profile, largeCli, large);
            assertThat(profile.source()).isEqualTo("large");
        }
    }

    @Test
    public void shouldKeepExactValuesInRowOrderAcrossManyPartitions() {
        for (int partitions : new int[] {1, 64}) {
            var profile = SparkProfiles.profile(LocalSpark.rows(small, TestRows.SCHEMA, partitions),
                    ProfileOptions.named("small"));

            assertSameProfile(profile, smallCli, small);
            assertThat(profile.column("x").orElseThrow().numeric().exact()).isPresent();
        }
    }

    @Test
    public void shouldCountTheRowsOfARetriedTaskOnce() {
        var data = LocalSpark.rows(large, TestRows.SCHEMA, 7);
        JavaRDD<Row> failingOnce = data.toJavaRDD().mapPartitionsWithIndex((index, rows) -> {
            var attempt = TaskContext.get().attemptNumber();
            var seen = new ArrayList<Row>();
            rows.forEachRemaining(seen::add);
            if (index == 3 && attempt == 0) {
                throw new IllegalStateException("lost executor, first attempt of partition 3");
            }
            return seen.iterator();
        }, true);

        var profile = SparkProfiles.profile(LocalSpark.session().createDataFrame(failingOnce, TestRows.SCHEMA),
                ProfileOptions.named("large"));

        assertSameProfile(profile, largeCli, large);
    }

    @Test
    public void shouldRejectAnEmptyDataSet() {
        var empty = LocalSpark.rows(List.of(), TestRows.SCHEMA, 3);

        assertThatThrownBy(() -> SparkProfiles.profile(empty, ProfileOptions.named("day=2")))
                .isInstanceOf(InputException.class).hasMessage("day=2 has no rows");
    }

    @Test
    public void shouldRejectATypeForAColumnTheDataLacks() {
        var data = LocalSpark.rows(small, TestRows.SCHEMA, 2);

        assertThatThrownBy(() -> SparkProfiles.profile(data, new ProfileOptions("s", Map.of("zip", ColumnType.NUMERIC))))
                .isInstanceOf(InputException.class).hasMessage("--type names column 'zip', which s does not have "
                        + "(columns: x, k, big, f, price, city, active, day, seen)");
    }

    @Test
    public void shouldRejectTwoColumnsOfOneName() {
        var data = LocalSpark.rows(small, TestRows.SCHEMA, 2).selectExpr("x", "k AS x");

        assertThatThrownBy(() -> SparkProfiles.profile(data, ProfileOptions.named("joined")))
                .isInstanceOf(InputException.class).hasMessage("joined has two columns named 'x'; rename one "
                        + "(columns: x, x)");
    }

    @Test
    public void shouldRejectAColumnOfATypeItCannotReadAsText() {
        var schema = new StructType().add("id", DataTypes.LongType)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType));
        var data = LocalSpark.rows(List.of(RowFactory.create(1L, List.of("a").toArray())), schema, 1);

        assertThatThrownBy(() -> SparkProfiles.profile(data, ProfileOptions.named("events")))
                .isInstanceOf(InputException.class).hasMessage("events: column 'tags' is array<string>; mlcd reads "
                        + "numbers, booleans, strings, dates and timestamps (select the columns to check, or cast this one)");
    }

    @Test
    public void shouldReportAValueSparkCannotCastAsAnInputError() {
        var data = LocalSpark.rows(small, TestRows.SCHEMA, 2).selectExpr("x", "CAST(city AS INT) AS city");

        assertThatThrownBy(() -> SparkProfiles.profile(data, ProfileOptions.named("cities")))
                .isInstanceOf(InputException.class).hasMessageStartingWith("cities: [CAST_INVALID_INPUT] The value ")
                .hasMessageNotContaining("\n");
    }

    @Test
    public void shouldCountTextInAColumnGivenAsNumericAsUnparseableWithinTheTolerance() {
        var data = codes(1);

        var profile = SparkProfiles.profile(data, new ProfileOptions("codes", Map.of("code", ColumnType.NUMERIC)));

        var code = profile.column("code").orElseThrow();
        assertThat(code.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(code.unparseable()).isEqualTo(10);
        assertThat(code.missing()).isEqualTo(10);
        assertThat(code.count()).isEqualTo(1990);
    }

    @Test
    public void shouldRejectAColumnGivenAsNumericWhenTooManyValuesAreText() {
        var data = codes(3);

        assertThatThrownBy(() -> SparkProfiles.profile(data, new ProfileOptions("codes", Map.of("code",
                ColumnType.NUMERIC)))).isInstanceOf(InputException.class).hasMessage("codes, column 'code': 30 of 2000 "
                        + "values (1.5%) are not numbers, more than the 1% counted as missing (use --type code=categorical?)");
    }

    /** 2,000 codes as text, {@code perCent} of every 200 of them not a number, spread over 4 partitions. */
    private static Dataset<Row> codes(final int perTwoHundred) {
        var rows = new ArrayList<Row>();
        for (int i = 0; i < 2000; i++) {
            rows.add(RowFactory.create(i % 200 < perTwoHundred ? "x" + i : Integer.toString(i)));
        }
        return LocalSpark.rows(rows, new StructType().add("code", DataTypes.StringType), 4);
    }
}
