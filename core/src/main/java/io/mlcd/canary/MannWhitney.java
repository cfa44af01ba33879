package io.mlcd.canary;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;

/**
 * The one-sided Mann-Whitney U test of "x tends to be larger than y", with the normal
 * approximation, tie correction and continuity correction (SciPy's {@code mannwhitneyu}, method
 * "asymptotic"); Hipparchus ranks, but its test is two-sided only. Latency samples are large,
 * where the approximation is accurate.
 */
public final class MannWhitney {
    private static final NormalDistribution NORMAL = new NormalDistribution();
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private MannWhitney() {
    }

    /** The p-value of the alternative "x is stochastically greater than y"; NaN without samples on a side. */
    public static double greater(final double[] x, final double[] y) {
        var n1 = x.length;
        var n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        var all = new double[n1 + n2];
        System.arraycopy(x, 0, all, 0, n1);
        System.arraycopy(y, 0, all, n1, n2);
        var ranks = RANKING.rank(all);
        var rankSumX = 0.0;
        for (int i = 0; i < n1; i++) {
            rankSumX += ranks[i];
        }
        var u = rankSumX - n1 * (n1 + 1) / 2.0;
        var n = (double) n1 + n2;
        var sd = Math.sqrt((double) n1 * n2 / 12 * ((n + 1) - tieTerm(all) / (n * (n - 1))));
        if (sd == 0) {
            return 1; // all values equal: no evidence of a difference
        }
        var z = (u - (double) n1 * n2 / 2 - 0.5) / sd;
        return NORMAL.cumulativeProbability(-z);
    }

    /** The sum of t^3 - t over groups of t tied values. */
    private static double tieTerm(final double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        var term = 0.0;
        for (int start = 0; start < sorted.length;) {
            int end = start + 1;
            while (end < sorted.length && sorted[end] == sorted[start]) {
                end++;
            }
            double ties = end - start;
            term += ties * ties * ties - ties;
            start = end;
        }
        return term;
    }
}
