package io.mlcd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.Profile;

/**
 * Two profiles of the same rows agree: every exact part equal (rows, columns and types, counts,
 * missing and unparseable values, min, max, distinct values, value counts), mean and standard
 * deviation to rounding (they are combined per partition in another order), and each KLL
 * sketch's deciles within the two sketches' normalized rank errors.
 */
final class ProfileAgreement {
    private ProfileAgreement() {
    }

    static void assertAgree(final Profile actual, final Profile expected) {
        assertThat(actual.rows()).as("rows").isEqualTo(expected.rows());
        assertThat(actual.columnNames()).as("columns").isEqualTo(expected.columnNames());
        for (var column : expected.columns()) {
            assertColumn(actual.column(column.name()).orElseThrow(), column);
        }
    }

    private static void assertColumn(final ColumnProfile actual, final ColumnProfile expected) {
        var name = expected.name();
        assertThat(actual.type()).as("%s: type", name).isEqualTo(expected.type());
        assertThat(actual.count()).as("%s: count", name).isEqualTo(expected.count());
        assertThat(actual.missing()).as("%s: missing", name).isEqualTo(expected.missing());
        assertThat(actual.unparseable()).as("%s: unparseable", name).isEqualTo(expected.unparseable());
        assertThat(actual.categoricalProfile()).as("%s: value counts", name).isEqualTo(expected.categoricalProfile());
        if (expected.numeric() == null) {
            return;
        }
        var a = actual.numeric();
        var e = expected.numeric();
        assertThat(a.summary().count()).as("%s: summary count", name).isEqualTo(e.summary().count());
        assertThat(a.summary().min()).as("%s: min", name).isEqualTo(e.summary().min());
        assertThat(a.summary().max()).as("%s: max", name).isEqualTo(e.summary().max());
        assertThat(a.summary().mean()).as("%s: mean", name)
                .isCloseTo(e.summary().mean(), within(1e-12 * Math.max(1, Math.abs(e.summary().mean()))));
        assertThat(a.summary().std()).as("%s: std", name)
                .isCloseTo(e.summary().std(), within(1e-9 * Math.max(1, e.summary().std())));
        assertThat(a.distinct()).as("%s: distinct values", name).isEqualTo(e.distinct());
        assertThat(a.exact().isPresent()).as("%s: exact values kept", name).isEqualTo(e.exact().isPresent());
        e.exact().ifPresent(values -> assertThat(a.exact().orElseThrow()).as("%s: exact values", name)
                .containsExactlyInAnyOrder(values));
        var sa = a.sketch();
        var se = e.sketch();
        assertThat(sa.getN()).as("%s: sketch n", name).isEqualTo(se.getN());
        var epsilon = sa.getNormalizedRankError(false) + se.getNormalizedRankError(false);
        for (int decile = 1; decile <= 9; decile++) {
            double rank = decile / 10.0;
            // The actual sketch's decile lies, by the expected sketch's ranks, within both errors of the rank.
            var value = sa.getQuantile(rank);
            assertThat(se.getRank(value)).as("%s: rank of decile %d", name, decile)
                    .isBetween(rank - epsilon - 1e-12, Math.min(1, rank + epsilon + maxShare(se, value)));
        }
    }

    /** The share of the values equal to {@code value} (a tie spans that much rank). */
    private static double maxShare(final org.apache.datasketches.kll.KllDoublesSketch sketch, final double value) {
        double[] pmf = sketch.getPMF(new double[] {Math.nextDown(value), value});
        return pmf[1];
    }
}
