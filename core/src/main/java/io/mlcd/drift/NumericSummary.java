package io.mlcd.drift;

import java.util.Locale;

/**
 * Count, mean, spread, minimum and maximum of a numeric column, mergeable exactly: two summaries
 * combine into the summary of the union (Chan, Golub and LeVeque's pairwise update). The five
 * numbers must fit together (the mean within [min, max], the spread no larger than the range
 * allows), so a damaged profile cannot pass off a spread that would hide drift.
 *
 * @param m2 sum of squared deviations from the mean
 */
public record NumericSummary(long count, double mean, double m2, double min, double max) {
    public static final NumericSummary EMPTY = new NumericSummary(0, 0, 0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY);
    /** Relative slack for rounding in the running mean and spread. */
    private static final double ROUNDING = 1e-6;

    public NumericSummary {
        if (count < 0) {
            throw new IllegalArgumentException("the summary counts " + count + " values");
        }
        if (count == 0 && (mean != 0 || m2 != 0 || min != Double.POSITIVE_INFINITY || max != Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException("the summary of no values has a mean, spread, min or max");
        }
        if (count > 0) {
            check(count, mean, m2, min, max);
        }
    }

    private static void check(final long count, final double mean, final double m2, final double min, final double max) {
        if (!(Double.isFinite(mean) && Double.isFinite(m2) && Double.isFinite(min) && Double.isFinite(max))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the summary is not finite (mean %s, "
                    + "m2 %s, min %s, max %s): values too large to summarise?", mean, m2, min, max));
        }
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
        var slack = ROUNDING * Math.max(max - min, Math.max(Math.abs(min), Math.abs(max)));
        if (mean < min - slack || mean > max + slack) {
            throw new IllegalArgumentException("mean " + mean + " is outside [min, max] = [" + min + ", " + max + "]");
        }
        // no values within [min, max] spread more than half at each end (Popoviciu's inequality)
        var range = max - min;
        if (m2 < 0 || m2 > count * (range * range / 4) * (1 + ROUNDING)) {
            throw new IllegalArgumentException("m2 " + m2 + " is not a spread " + count + " values within [" + min + ", "
                    + max + "] can have");
        }
    }

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

        /** Adds the values {@code other} summed up (Chan, Golub and LeVeque, as {@link NumericSummary#merge}). */
        void merge(final Accumulator other) {
            if (other.count == 0) {
                return;
            }
            if (count == 0) {
                count = other.count;
                mean = other.mean;
                m2 = other.m2;
                min = other.min;
                max = other.max;
                return;
            }
            var n = count + other.count;
            var delta = other.mean - mean;
            mean += delta * other.count / n;
            m2 += other.m2 + delta * delta * ((double) count * other.count / n);
            count = n;
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
        }

        NumericSummary summary() {
            return count == 0 ? EMPTY : new NumericSummary(count, mean, m2, min, max);
        }
    }
}
