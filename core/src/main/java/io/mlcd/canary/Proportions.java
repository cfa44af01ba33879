package io.mlcd.canary;

import org.hipparchus.stat.interval.BinomialProportion;

/**
 * Confidence intervals for error rates: Wilson's score interval for one rate (Hipparchus), and Newcombe's
 * hybrid score interval (his method 10) for the difference of two independent rates. Both stay
 * sensible at zero errors and small counts, where the Wald interval collapses to a point.
 */
public final class Proportions {
    private Proportions() {
    }

    /** Wilson score interval of {@code events / trials} at the given two-sided confidence. */
    public static Interval wilson(final long events, final long trials, final double confidence) {
        if (trials == 0) {
            return new Interval(Double.NaN, 0, 1);
        }
        var p = (double) events / trials;
        var interval = BinomialProportion.getWilsonScoreInterval(Math.toIntExact(trials), p, confidence);
        return new Interval(p, Math.max(0, interval.getLowerBound()), Math.min(1, interval.getUpperBound()));
    }

    /** Newcombe's interval of {@code p1 - p2}, built from the two Wilson intervals. */
    public static Interval difference(final long events1, final long trials1, final long events2, final long trials2,
            final double confidence) {
        var first = wilson(events1, trials1, confidence);
        var second = wilson(events2, trials2, confidence);
        var p1 = first.estimate();
        var p2 = second.estimate();
        var d = p1 - p2;
        var lower = d - Math.sqrt(square(p1 - first.lower()) + square(second.upper() - p2));
        var upper = d + Math.sqrt(square(first.upper() - p1) + square(p2 - second.lower()));
        return new Interval(d, lower, upper);
    }

    private static double square(final double x) {
        return x * x;
    }
}
