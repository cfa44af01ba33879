package io.mlcd.drift;

/**
 * Count, mean, spread, minimum and maximum of a numeric column, mergeable exactly: two summaries
 * combine into the summary of the union (Chan, Golub and LeVeque's pairwise update).
 *
 * @param m2 sum of squared deviations from the mean
 */
public record NumericSummary(long count, double mean, double m2, double min, double max) {
    public static final NumericSummary EMPTY = new NumericSummary(0, 0, 0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY);

    /** Population standard deviation (ddof 0), as numpy's default; NaN when empty. */
    public double std() {
        return count == 0 ? Double.NaN : Math.sqrt(m2 / count);
    }

    public NumericSummary merge(final NumericSummary other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        var n = count + other.count;
        var delta = other.mean - mean;
        var combinedMean = mean + delta * other.count / n;
        var combinedM2 = m2 + other.m2 + delta * delta * ((double) count * other.count / n);
        return new NumericSummary(n, combinedMean, combinedM2, Math.min(min, other.min), Math.max(max, other.max));
    }

    /** A mutable accumulator for the streaming pass (Welford's update). */
    static final class Accumulator {
        private long count;
        private double mean;
        private double m2;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(final double value) {
            count++;
            var delta = value - mean;
            mean += delta / count;
            m2 += delta * (value - mean);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        NumericSummary summary() {
            return count == 0 ? EMPTY : new NumericSummary(count, mean, m2, min, max);
        }
    }
}
