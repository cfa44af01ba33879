package io.mlcd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.Profile;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Checks that a profile made on Spark equals the CLI's of the same rows: every count, extreme, exact
 * value (in order) and distinct value exactly, the mean and spread to rounding (they are summed in
 * another order), and each sketch's quantiles within KLL's stated rank error of the true ranks.
 */
final class ProfileAssert {
    private static final double[] RANKS = {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};

    private ProfileAssert() {
    }

    static void assertSameProfile(final Profile spark, final Profile cli, final List<Row> rows) {
        assertThat(spark.rows()).isEqualTo(cli.rows());
        assertThat(spark.columnNames()).isEqualTo(cli.columnNames());
        for (int k = 0; k < spark.columns().size(); k++) {
            var mine = spark.columns().get(k);
            var theirs = cli.columns().get(k);
            var name = mine.name();
            assertThat(mine.type()).as(name).isEqualTo(theirs.type());
            assertThat(mine.count()).as(name).isEqualTo(theirs.count());
            assertThat(mine.missing()).as(name).isEqualTo(theirs.missing());
            assertThat(mine.unparseable()).as(name).isEqualTo(theirs.unparseable());
            assertThat(mine.categorical()).as(name).isEqualTo(theirs.categorical());
            if (mine.numeric() != null) {
                assertSameNumbers(mine, theirs, values(rows, k));
            }
        }
    }

    private static void assertSameNumbers(final ColumnProfile mine, final ColumnProfile theirs, final double[] sorted) {
        var name = mine.name();
        var a = mine.numeric();
        var b = theirs.numeric();
        assertThat(a.summary().count()).as(name).isEqualTo(b.summary().count());
        assertThat(a.summary().min()).as(name).isEqualTo(b.summary().min());
        assertThat(a.summary().max()).as(name).isEqualTo(b.summary().max());
        var scale = Math.max(1, Math.abs(b.summary().mean()));
        assertThat(a.summary().mean()).as(name).isCloseTo(b.summary().mean(), within(1e-12 * scale));
        assertThat(a.summary().m2()).as(name).isCloseTo(b.summary().m2(), within(1e-10 * Math.max(1, b.summary().m2())));
        assertThat(a.exact().isPresent()).as(name).isEqualTo(b.exact().isPresent());
        a.exact().ifPresent(values -> assertThat(values).as(name + " exact values, in order")
                .containsExactly(b.exact().orElseThrow()));
        assertThat(a.distinct()).as(name).isEqualTo(b.distinct());
        var sketch = a.sketch();
        assertThat(sketch.getN()).as(name).isEqualTo(sorted.length);
        var bound = sketch.getNormalizedRankError(false);
        for (double rank : RANKS) {
            var quantile = sketch.getQuantile(rank);
            var low = lowerBound(sorted, quantile) / (double) sorted.length;
            var high = upperBound(sorted, quantile) / (double) sorted.length;
            assertThat(rank).as("%s: quantile %s at rank %s, truly at ranks [%s, %s]", name, quantile, rank, low, high)
                    .isBetween(low - bound, high + bound);
        }
    }

    /** The finite numbers of a column, sorted, -0.0 as 0.0 (as a profile reads them). */
    private static double[] values(final List<Row> rows, final int column) {
        return rows.stream().filter(row -> !row.isNullAt(column))
                .mapToDouble(row -> ((Number) toNumber(row.get(column))).doubleValue() + 0.0)
                .filter(Double::isFinite).sorted().toArray();
    }

    private static Object toNumber(final Object value) {
        return value instanceof Float f ? Double.parseDouble(Float.toString(f)) : value;
    }

    private static int lowerBound(final double[] sorted, final double value) {
        var index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }

    private static int upperBound(final double[] sorted, final double value) {
        var index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index < sorted.length && sorted[index] == value) {
            index++;
        }
        return index;
    }
}
