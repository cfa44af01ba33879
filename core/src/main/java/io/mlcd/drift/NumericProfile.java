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

    NumericProfile(final KllDoublesSketch sketch, final NumericSummary summary, @CheckForNull final double[] exact,
            @CheckForNull final Map<Double, Long> distinct) {
        this.sketch = sketch.toByteArray();
        this.summary = summary;
        this.exact = exact == null ? null : exact.clone();
        this.distinct = distinct == null ? null : Collections.unmodifiableMap(new TreeMap<>(distinct));
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
