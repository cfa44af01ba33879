package io.mlcd.validation;

import io.mlcd.util.SortedSearch;
import java.util.Arrays;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * DeLong, DeLong and Clarke-Pearson (1988): the difference of two correlated ROC AUCs measured on
 * the same rows, with its variance from placement values (structural components), a two-sided
 * z-test and a normal confidence interval.
 */
public final class DeLongTest {
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private DeLongTest() {
    }

    /**
     * @param positive   per row, whether its label is the positive class
     * @param challenger the challenger's score per row
     * @param baseline   the baseline's score for the same rows
     */
    public static Comparison compare(final boolean[] positive, final double[] challenger, final double[] baseline) {
        var a = Placements.of(positive, challenger);
        var b = Placements.of(positive, baseline);
        var m = a.positive.length;
        var n = a.negative.length;
        var delta = a.auc() - b.auc();
        if (m < 2 || n < 2) {
            return new Comparison("roc_auc", "DeLong", a.auc(), b.auc(), delta, Double.NaN, Double.NaN, Double.NaN,
                    "needs at least two positive and two negative rows");
        }
        var variance = (variance(a.positive, b.positive)) / m + (variance(a.negative, b.negative)) / n;
        var se = Math.sqrt(Math.max(variance, 0));
        var z = NORMAL.inverseCumulativeProbability(0.5 + Comparison.CONFIDENCE / 2);
        double p;
        if (se == 0) {
            p = delta == 0 ? 1.0 : 0.0;
        }
        else {
            p = 2 * NORMAL.cumulativeProbability(-Math.abs(delta / se));
        }
        return new Comparison("roc_auc", "DeLong", a.auc(), b.auc(), delta, delta - z * se, delta + z * se, p,
                String.format(java.util.Locale.ROOT, "%d positive and %d negative rows, standard error %.6g", m, n,
                        se));
    }

    /** Sample variance of the per-row difference of placements: var(A) + var(B) - 2 cov(A, B). */
    private static double variance(final double[] a, final double[] b) {
        var k = a.length;
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < k; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= k;
        meanB /= k;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            var d = (a[i] - meanA) - (b[i] - meanB);
            sum += d * d;
        }
        return sum / (k - 1);
    }

    /**
     * Placement values of one scorer: for each positive row the share of negatives it outranks
     * (ties one half), for each negative row the share of positives that outrank it.
     */
    private record Placements(double[] positive, double[] negative) {
        static Placements of(final boolean[] isPositive, final double[] scores) {
            var m = 0;
            for (boolean p : isPositive) {
                m += p ? 1 : 0;
            }
            var positives = new double[m];
            var negatives = new double[scores.length - m];
            int p = 0;
            int q = 0;
            for (int i = 0; i < scores.length; i++) {
                if (isPositive[i]) {
                    positives[p++] = scores[i];
                }
                else {
                    negatives[q++] = scores[i];
                }
            }
            var sortedPositives = positives.clone();
            var sortedNegatives = negatives.clone();
            Arrays.sort(sortedPositives);
            Arrays.sort(sortedNegatives);
            var v10 = new double[positives.length];
            for (int i = 0; i < positives.length; i++) {
                var below = SortedSearch.lowerBound(sortedNegatives, positives[i]);
                var ties = SortedSearch.upperBound(sortedNegatives, positives[i]) - below;
                v10[i] = (below + 0.5 * ties) / negatives.length;
            }
            var v01 = new double[negatives.length];
            for (int j = 0; j < negatives.length; j++) {
                var atOrBelow = SortedSearch.upperBound(sortedPositives, negatives[j]);
                var ties = atOrBelow - SortedSearch.lowerBound(sortedPositives, negatives[j]);
                v01[j] = (positives.length - atOrBelow + 0.5 * ties) / positives.length;
            }
            return new Placements(v10, v01);
        }

        double auc() {
            return Arrays.stream(positive).average().orElse(Double.NaN);
        }
    }
}
