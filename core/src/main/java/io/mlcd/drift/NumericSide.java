package io.mlcd.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.SortedSearch;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * One side of a numeric comparison: the exact sorted values when the profile kept them, else
 * the KLL sketch. CDF and quantiles are exact in the first case and within the sketch's rank
 * error in the second.
 */
final class NumericSide {
    private final long count;
    @CheckForNull
    private final double[] sorted;
    private final KllDoublesSketch sketch;
    private final NumericProfile profile;

    NumericSide(final ColumnProfile column) {
        this.profile = column.numericProfile().orElseThrow();
        this.count = column.count();
        this.sorted = profile.exact().map(values -> {
            Arrays.sort(values);
            return values;
        }).orElse(null);
        this.sketch = profile.sketch();
    }

    long count() {
        return count;
    }

    boolean isExact() {
        return sorted != null;
    }

    /** The exact values ascending; only when {@link #isExact()}. */
    double[] sorted() {
        return sorted;
    }

    NumericProfile profile() {
        return profile;
    }

    /** Normalized rank error of the sketch (0 when exact): bound on the error of {@link #cdf}. */
    double rankError() {
        return sorted != null ? 0 : sketch.getNormalizedRankError(false);
    }

    /** Share of values at or below x. */
    double cdf(final double x) {
        if (sorted != null) {
            return (double) SortedSearch.upperBound(sorted, x) / sorted.length;
        }
        return sketch.getRank(x, QuantileSearchCriteria.INCLUSIVE);
    }

    /** The smallest value whose CDF is at least q (numpy's "inverted_cdf" quantile). */
    double quantile(final double q) {
        if (sorted != null) {
            var index = (int) Math.ceil(q * sorted.length - 1e-9) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
        return sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
    }

    /** Points where the CDF may jump: every value when exact, else the sketch's retained items. */
    double[] support() {
        if (sorted != null) {
            return sorted;
        }
        var items = sketch.getSortedView().getQuantiles();
        return items.clone();
    }
}
