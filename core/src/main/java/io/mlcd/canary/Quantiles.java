package io.mlcd.canary;

import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * Quantiles of latency samples: the estimate (linear interpolation between order statistics, as
 * numpy's default) and a distribution-free confidence interval from order statistics, whose
 * ranks come from the binomial distribution (as SciPy's {@code quantile_test}).
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** @param sorted ascending samples, at least one */
    public static double estimate(final double[] sorted, final double q) {
        var position = q * (sorted.length - 1);
        var below = (int) Math.floor(position);
        var above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * The interval {@code [x(l), x(u)]} that holds the q-quantile with the given confidence;
     * an end that the sample is too small to bound is -Infinity or +Infinity.
     */
    public static Interval interval(final double[] sorted, final double q, final double confidence) {
        var n = sorted.length;
        var tail = (1 - confidence) / 2;
        var binomial = new BinomialDistribution(n, q);
        var low = binomial.inverseCumulativeProbability(tail) - 1;
        var high = binomial.inverseCumulativeProbability(1 - tail);
        while (high < n && 1 - binomial.cumulativeProbability(high) > tail) {
            high++; // the survival function's inverse, exactly: smallest k with P(X > k) <= tail
        }
        return new Interval(estimate(sorted, q), low >= 0 ? sorted[low] : Double.NEGATIVE_INFINITY,
                high < n ? sorted[high] : Double.POSITIVE_INFINITY);
    }
}
