package io.mlcd.robustness;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.interval.BinomialProportion;

/**
 * A statistic with its two-sided 95% confidence interval. NaN throughout when it is undefined
 * (no rows, one class only).
 */
public record Estimate(double value, double lower, double upper) {
    /** Two-sided confidence of every interval. */
    public static final double CONFIDENCE = 0.95;
    /** The normal quantile of {@link #CONFIDENCE}. */
    static final double Z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);

    public static final Estimate UNDEFINED = new Estimate(Double.NaN, Double.NaN, Double.NaN);

    public boolean isDefined() {
        return !Double.isNaN(value) && !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** Wilson's score interval of {@code events / trials}: sensible at 0 events, unlike Wald's. */
    static Estimate wilson(final long events, final long trials) {
        if (trials == 0) {
            return UNDEFINED;
        }
        var p = (double) events / trials;
        var interval = BinomialProportion.getWilsonScoreInterval(Math.toIntExact(trials), p, CONFIDENCE);
        // at 0 (or all) events the bound is exactly 0 (1); the formula leaves rounding noise such as 1e-19
        return new Estimate(p, events == 0 ? 0 : Math.max(0, interval.getLowerBound()),
                events == trials ? 1 : Math.min(1, interval.getUpperBound()));
    }

    /** The mean of per-row values with its normal interval (rows are many: a change per row). */
    static Estimate mean(final double[] values) {
        var n = 0;
        var mean = 0.0;
        var m2 = 0.0;
        for (double value : values) {
            if (Double.isNaN(value)) {
                continue;
            }
            n++;
            var delta = value - mean;
            mean += delta / n;
            m2 += delta * (value - mean);
        }
        if (n == 0) {
            return UNDEFINED;
        }
        var se = n > 1 ? Math.sqrt(m2 / (n - 1) / n) : 0;
        return new Estimate(mean, mean - Z * se, mean + Z * se);
    }

    /** The same interval seen from the other side: a delta of perturbed - original as a drop. */
    Estimate negate() {
        return new Estimate(-value, -upper, -lower);
    }
}
