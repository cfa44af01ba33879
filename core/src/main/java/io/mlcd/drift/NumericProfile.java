package io.mlcd.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The distribution of a numeric column: a KLL quantile sketch (mergeable, with a known rank
 * error), the exact summary, the values themselves while there are few (exact mode), and the
 * distinct values with counts while there are few.
 */
public final class NumericProfile {
    /**
     * KLL accuracy parameter: normalized rank error about 0.33% for any single rank (99%
     * confidence), at about 25 kB per column; whylogs uses the same k for its large sketches.
     */
    public static final int SKETCH_K = 1024;
    /** Values kept exactly per column; beyond this the sketch stands for them. */
    public static final int EXACT_LIMIT = 10_000;
    /** Distinct values counted exactly; beyond this only the sketch knows the distribution. */
    public static final int DISTINCT_LIMIT = 1_000;

    private final byte[] sketch;
    private final NumericSummary summary;
    @CheckForNull
    private final double[] exact;
    @CheckForNull
    private final Map<Double, Long> distinct;

    /** Checks that sketch, exact values and distinct counts describe the values the summary describes. */
    NumericProfile(final KllDoublesSketch sketch, final NumericSummary summary, @CheckForNull final double[] exact,
            @CheckForNull final Map<Double, Long> distinct) {
        this.sketch = sketch.toByteArray();
        this.summary = summary;
        this.exact = exact == null ? null : exact.clone();
        this.distinct = distinct == null ? null : Collections.unmodifiableMap(new TreeMap<>(distinct));
        checkSketch(sketch, summary);
        if (this.exact != null) {
            checkExact(this.exact, summary);
        }
        if (this.distinct != null) {
            checkDistinct(this.distinct, summary);
        }
    }

    private static void checkSketch(final KllDoublesSketch sketch, final NumericSummary summary) {
        if (sketch.getN() != summary.count()) {
            throw new IllegalArgumentException("the quantile sketch holds " + sketch.getN() + " values, the summary "
                    + summary.count());
        }
        if (sketch.isEmpty()) {
            return;
        }
        if (sketch.getMinItem() != summary.min() || sketch.getMaxItem() != summary.max()) {
            throw new IllegalArgumentException("the quantile sketch spans [" + sketch.getMinItem() + ", "
                    + sketch.getMaxItem() + "], the summary [" + summary.min() + ", " + summary.max() + "]");
        }
        for (double item : sketch.getSortedView().getQuantiles()) {
            if (!(item >= summary.min() && item <= summary.max())) {
                throw new IllegalArgumentException("the quantile sketch holds " + item + ", outside [min, max]");
            }
        }
    }

    private static void checkExact(final double[] values, final NumericSummary summary) {
        if (values.length != summary.count() || values.length > EXACT_LIMIT) {
            throw new IllegalArgumentException(values.length + " exact values for a column of " + summary.count());
        }
        var mean = 0.0; // a running mean, which cannot overflow as a sum of large values can
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= summary.min() && values[i] <= summary.max())) {
                throw new IllegalArgumentException("exact value " + values[i] + " is outside [min, max]");
            }
            mean += (values[i] - mean) / (i + 1);
        }
        checkMean("exact values", mean, summary);
    }

    private static void checkDistinct(final Map<Double, Long> distinct, final NumericSummary summary) {
        if (distinct.size() > DISTINCT_LIMIT) {
            throw new IllegalArgumentException(distinct.size() + " distinct values, more than a profile keeps");
        }
        long total = 0;
        var mean = 0.0;
        for (var entry : distinct.entrySet()) {
            if (entry.getValue() <= 0 || !(entry.getKey() >= summary.min() && entry.getKey() <= summary.max())) {
                throw new IllegalArgumentException("distinct value " + entry.getKey() + " counted " + entry.getValue()
                        + " times does not fit the summary");
            }
            total = Math.addExact(total, entry.getValue());
            mean += (entry.getKey() - mean) * ((double) entry.getValue() / total);
        }
        if (total != summary.count()) {
            throw new IllegalArgumentException("the distinct values count " + total + " values, the summary "
                    + summary.count());
        }
        checkMean("distinct values", mean, summary);
    }

    /** Means from the values agree with the running mean to rounding. */
    private static void checkMean(final String what, final double mean, final NumericSummary summary) {
        if (summary.count() == 0) {
            return;
        }
        var scale = Math.max(summary.max() - summary.min(), Math.max(Math.abs(summary.min()), Math.abs(summary.max())));
        if (Math.abs(mean - summary.mean()) > 1e-6 * scale) {
            throw new IllegalArgumentException("the " + what + " have mean " + mean + ", the summary " + summary.mean());
        }
    }

    /** A fresh copy of the sketch; the profile itself never changes. */
    public KllDoublesSketch sketch() {
        return KllDoublesSketch.heapify(Memory.wrap(sketch));
    }

    byte[] sketchBytes() {
        return sketch.clone();
    }

    public NumericSummary summary() {
        return summary;
    }

    /** All values in file order, when the column is small enough to keep them. */
    public Optional<double[]> exact() {
        return Optional.ofNullable(exact).map(double[]::clone);
    }

    /** Distinct values with their counts, when there are at most {@link #DISTINCT_LIMIT}. */
    public Optional<Map<Double, Long>> distinct() {
        return Optional.ofNullable(distinct);
    }

    /** The profile of the union of both columns' values. */
    NumericProfile merge(final NumericProfile other) {
        var merged = sketch();
        merged.merge(other.sketch());
        var summed = summary.merge(other.summary);
        double[] values = null;
        if (exact != null && other.exact != null && exact.length + other.exact.length <= EXACT_LIMIT) {
            values = Arrays.copyOf(exact, exact.length + other.exact.length);
            System.arraycopy(other.exact, 0, values, exact.length, other.exact.length);
        }
        Map<Double, Long> counts = null;
        if (distinct != null && other.distinct != null) {
            var union = new TreeMap<>(distinct);
            other.distinct.forEach((value, count) -> union.merge(value, count, Long::sum));
            counts = union.size() <= DISTINCT_LIMIT ? union : null;
        }
        return new NumericProfile(merged, summed, values, counts);
    }
}
