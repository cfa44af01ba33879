package io.mlcd.drift;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.special.Gamma;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * Computes each drift test from two column profiles, as SciPy and Evidently define them (see
 * docs/drift.md): exact when both profiles kept their values, else from the sketches with a
 * stated error bound.
 */
final class DriftStatistics {
    /**
     * Largest n·m for which the KS p-value is computed exactly (Hipparchus' exact distribution).
     * SciPy's method "auto" stays exact up to max(n, m) = 10,000, but Hipparchus' exact p-value
     * is wrong past about 5 million (2500 × 2500 gives 0.24 where the truth is 0.004), so larger
     * samples use SciPy's asymptotic form; the two differ by a few percent of the p-value.
     */
    static final long KS_EXACT_PRODUCT = 4_000_000;
    /** Ranks at which sketch quantiles are compared for the Wasserstein distance. */
    static final int WASSERSTEIN_RANKS = 1_000;
    /** Smallest reference spread Wasserstein is normalised by (Evidently's value). */
    static final double MIN_STD = 0.001;

    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private DriftStatistics() {
    }

    static Statistic compute(final DriftTest test, final ColumnProfile reference, final ColumnProfile current) {
        return switch (test) {
            case KS -> ks(new NumericSide(reference), new NumericSide(current));
            case WASSERSTEIN -> wasserstein(new NumericSide(reference), new NumericSide(current));
            case CHISQUARE -> chiSquare(Binned.of(reference, current), exact(reference, current));
            case Z -> z(Binned.of(reference, current), exact(reference, current));
            default -> binned(test, Binned.of(reference, current), exact(reference, current));
        };
    }

    /** Whether bin counts are exact: categorical counts were exact, or numeric bins by value or exact values. */
    private static boolean exact(final ColumnProfile reference, final ColumnProfile current) {
        if (reference.type() != ColumnType.NUMERIC) {
            return reference.categoricalProfile().orElseThrow().exact() && current.categoricalProfile().orElseThrow().exact();
        }
        return new NumericSide(reference).isExact() && new NumericSide(current).isExact()
                || reference.numericProfile().orElseThrow().distinct().isPresent()
                        && current.numericProfile().orElseThrow().distinct().isPresent();
    }

    static Statistic ks(final NumericSide reference, final NumericSide current) {
        var n = reference.count();
        var m = current.count();
        var d = supremum(reference, current);
        var test = new KolmogorovSmirnovTest();
        double p;
        if (reference.isExact() && current.isExact() && n * m <= KS_EXACT_PRODUCT) {
            p = test.exactP(d, (int) n, (int) m, false);
        }
        else {
            // SciPy's asymptotic method: the one-sample distribution at the effective size n·m / (n + m)
            var effective = (int) Math.round((double) n * m / (n + m));
            p = 1 - test.cdf(d, Math.max(1, effective));
        }
        var exact = reference.isExact() && current.isExact();
        return new Statistic(d, Math.min(1, Math.max(0, p)), exact, reference.rankError() + current.rankError());
    }

    /** max |F_ref(x) − F_cur(x)| over every point where either CDF can jump. */
    private static double supremum(final NumericSide reference, final NumericSide current) {
        var d = 0.0;
        for (NumericSide side : new NumericSide[] {reference, current}) {
            for (double x : side.support()) {
                d = Math.max(d, Math.abs(reference.cdf(x) - current.cdf(x)));
            }
        }
        return d;
    }

    static Statistic wasserstein(final NumericSide reference, final NumericSide current) {
        var exact = reference.isExact() && current.isExact();
        var distance = exact ? areaBetweenCdfs(reference.sorted(), current.sorted()) : areaBetweenCdfs(reference, current);
        var spread = 0.0;
        if (!exact) {
            for (int i = 0; i < WASSERSTEIN_RANKS; i++) {
                var rank = (i + 0.5) / WASSERSTEIN_RANKS;
                // a quantile read at rank error ε lies between the true quantiles at rank ± ε
                spread += uncertainty(reference, rank) + uncertainty(current, rank);
            }
        }
        var std = Math.max(reference.profile().summary().std(), MIN_STD);
        return new Statistic(distance / std, Double.NaN, exact, spread / WASSERSTEIN_RANKS / std);
    }

    private static double uncertainty(final NumericSide side, final double rank) {
        var error = side.rankError();
        return side.quantile(Math.min(1, rank + error)) - side.quantile(Math.max(0, rank - error));
    }

    /**
     * ∫ |F(x) − G(x)| dx for two sides of which at least one is a sketch: the CDFs are step
     * functions that jump only at the values the sketches (or exact sides) hold.
     */
    private static double areaBetweenCdfs(final NumericSide a, final NumericSide b) {
        var points = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(a.support()),
                java.util.Arrays.stream(b.support())).sorted().distinct().toArray();
        var area = 0.0;
        for (int k = 0; k + 1 < points.length; k++) {
            area += Math.abs(a.cdf(points[k]) - b.cdf(points[k])) * (points[k + 1] - points[k]);
        }
        return area;
    }

    /** ∫ |F(x) − G(x)| dx for two sorted samples: W1 between their empirical distributions. */
    private static double areaBetweenCdfs(final double[] a, final double[] b) {
        int i = 0;
        int j = 0;
        var area = 0.0;
        var previous = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            var x = j >= b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            area += Math.abs((double) i / a.length - (double) j / b.length) * (x - previous);
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
            previous = x;
        }
        return area;
    }

    static Statistic chiSquare(final Binned bins, final boolean exact) {
        var ref = bins.reference();
        var cur = bins.current();
        double nRef = 0;
        double nCur = 0;
        for (int i = 0; i < ref.length; i++) {
            nRef += ref[i];
            nCur += cur[i];
        }
        var statistic = 0.0;
        for (int i = 0; i < ref.length; i++) {
            var expected = ref[i] * nCur / nRef;
            if (expected == 0) {
                statistic = cur[i] > 0 ? Double.POSITIVE_INFINITY : statistic;
                continue;
            }
            statistic += (cur[i] - expected) * (cur[i] - expected) / expected;
        }
        var degrees = ref.length - 1;
        double p;
        if (Double.isInfinite(statistic)) {
            p = 0;
        }
        else {
            // the upper tail directly: 1 - cdf would round p-values below 1e-16 to 0
            p = degrees < 1 ? 1 : Gamma.regularizedGammaQ(degrees / 2.0, statistic / 2.0);
        }
        return new Statistic(statistic, p, exact, 0);
    }

    /** Two-proportion z-test (pooled, two-sided) on the share of the first category. */
    static Statistic z(final Binned bins, final boolean exact) {
        double nRef = 0;
        double nCur = 0;
        for (int i = 0; i < bins.reference().length; i++) {
            nRef += bins.reference()[i];
            nCur += bins.current()[i];
        }
        var pRef = bins.reference()[0] / nRef;
        var pCur = bins.current()[0] / nCur;
        var pooled = (bins.reference()[0] + bins.current()[0]) / (nRef + nCur);
        var se = Math.sqrt(pooled * (1 - pooled) * (1 / nRef + 1 / nCur));
        if (se == 0) {
            return new Statistic(0, 1, exact, 0);
        }
        var z = (pRef - pCur) / se;
        return new Statistic(z, 2 * NORMAL.cumulativeProbability(-Math.abs(z)), exact, 0);
    }

    static Statistic binned(final DriftTest test, final Binned bins, final boolean exact) {
        var p = bins.referenceShares();
        var q = bins.currentShares();
        var value = switch (test) {
            case PSI -> psi(fillEmpty(p), fillEmpty(q));
            case KL_DIV -> kl(fillEmpty(p), fillEmpty(q));
            case JENSENSHANNON -> jensenShannon(p, q);
            case HELLINGER -> hellinger(p, q);
            default -> throw new IllegalArgumentException("not a binned test: " + test.id());
        };
        return new Statistic(value, Double.NaN, exact, 0);
    }

    private static double psi(final double[] p, final double[] q) {
        var sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            sum += (p[i] - q[i]) * Math.log(p[i] / q[i]);
        }
        return sum;
    }

    /** KL(p ‖ q) after normalising both to sum 1, as scipy.stats.entropy does. */
    private static double kl(final double[] p, final double[] q) {
        var pn = Binned.shares(p);
        var qn = Binned.shares(q);
        var sum = 0.0;
        for (int i = 0; i < pn.length; i++) {
            if (pn[i] > 0) {
                sum += pn[i] * Math.log(pn[i] / qn[i]);
            }
        }
        return sum;
    }

    /** The Jensen–Shannon distance (square root of the divergence), natural log, as SciPy. */
    private static double jensenShannon(final double[] p, final double[] q) {
        return Math.sqrt(Divergence.jensenShannon(p, q));
    }

    private static double hellinger(final double[] p, final double[] q) {
        var sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            var d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
            sum += d * d;
        }
        return Math.sqrt(sum) / Math.sqrt(2);
    }

    /** Evidently's empty-bin rule: a zero share becomes min_nonzero/10⁶ if that is ≤ 1e-4, else 1e-4. */
    private static double[] fillEmpty(final double[] shares) {
        var smallest = Double.POSITIVE_INFINITY;
        for (double share : shares) {
            if (share > 0) {
                smallest = Math.min(smallest, share);
            }
        }
        var fill = smallest <= 1e-4 ? smallest / 1e6 : 1e-4;
        var filled = shares.clone();
        for (int i = 0; i < filled.length; i++) {
            if (filled[i] == 0) {
                filled[i] = fill;
            }
        }
        return filled;
    }
}
