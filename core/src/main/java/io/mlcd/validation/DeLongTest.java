package io.mlcd.validation;

import io.mlcd.util.ExactSum;
import io.mlcd.util.SortedSearch;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * DeLong, DeLong and Clarke-Pearson (1988): the difference of two correlated ROC AUCs measured on
 * the same rows, with its variance from placement values (structural components), a two-sided
 * z-test and a normal confidence interval. A row's placement depends only on its score and the
 * counts of the other class above, at and below it, so a cluster can look placements up from a
 * table of distinct scores; the two passes over the rows ({@link Means}, then {@link Spread})
 * use exact sums, so their partial sums merge into the same doubles as one pass over a file.
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
        var a = placements(positive, challenger);
        var b = placements(positive, baseline);
        var means = new Means();
        for (int i = 0; i < positive.length; i++) {
            means.add(positive[i], a[i], b[i]);
        }
        var spread = new Spread(means);
        for (int i = 0; i < positive.length; i++) {
            spread.add(positive[i], a[i], b[i]);
        }
        return compare(means, spread);
    }

    /** A positive row's placement: the share of negatives it outranks, ties counting one half. */
    public static double positivePlacement(final long negativesBelow, final long negativesTied,
            final long negatives) {
        return (negativesBelow + 0.5 * negativesTied) / negatives;
    }

    /** A negative row's placement: the share of positives that outrank it, ties counting one half. */
    public static double negativePlacement(final long positivesAbove, final long positivesTied,
            final long positives) {
        return (positivesAbove + 0.5 * positivesTied) / positives;
    }

    public static Comparison compare(final Means means, final Spread spread) {
        var m = means.positives;
        var n = means.negatives;
        var challenger = means.challengerPositive.value() / m;
        var baseline = means.baselinePositive.value() / m;
        var delta = challenger - baseline;
        if (m < 2 || n < 2) {
            return new Comparison("roc_auc", "DeLong", challenger, baseline, delta, Double.NaN, Double.NaN,
                    Double.NaN, "needs at least two positive and two negative rows");
        }
        var variance = spread.positive.value() / (m - 1) / m + spread.negative.value() / (n - 1) / n;
        var se = Math.sqrt(Math.max(variance, 0));
        var z = NORMAL.inverseCumulativeProbability(0.5 + Comparison.CONFIDENCE / 2);
        double p;
        if (se == 0) {
            p = delta == 0 ? 1.0 : 0.0;
        }
        else {
            p = 2 * NORMAL.cumulativeProbability(-Math.abs(delta / se));
        }
        return new Comparison("roc_auc", "DeLong", challenger, baseline, delta, delta - z * se, delta + z * se, p,
                String.format(Locale.ROOT, "%d positive and %d negative rows, standard error %.6g", m, n, se));
    }

    /** Per row, its placement among the rows of the other class under one scorer. */
    private static double[] placements(final boolean[] isPositive, final double[] scores) {
        var positives = new double[scores.length];
        var negatives = new double[scores.length];
        int m = 0;
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (isPositive[i]) {
                positives[m++] = scores[i];
            }
            else {
                negatives[n++] = scores[i];
            }
        }
        positives = Arrays.copyOf(positives, m);
        negatives = Arrays.copyOf(negatives, n);
        Arrays.sort(positives);
        Arrays.sort(negatives);
        var placements = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            var score = scores[i];
            if (isPositive[i]) {
                var below = SortedSearch.lowerBound(negatives, score);
                placements[i] = positivePlacement(below, SortedSearch.upperBound(negatives, score) - below, n);
            }
            else {
                var atOrBelow = SortedSearch.upperBound(positives, score);
                placements[i] = negativePlacement(m - atOrBelow, atOrBelow - SortedSearch.lowerBound(positives, score),
                        m);
            }
        }
        return placements;
    }

    /** First pass: per class, the sums of both models' placements. */
    public static final class Means implements Serializable {
        private static final long serialVersionUID = 1L;

        private long positives;
        private long negatives;
        private final ExactSum challengerPositive = new ExactSum();
        private final ExactSum baselinePositive = new ExactSum();
        private final ExactSum challengerNegative = new ExactSum();
        private final ExactSum baselineNegative = new ExactSum();

        /** Adds a row: its class and its placements under the challenger and the baseline. */
        public void add(final boolean positive, final double challenger, final double baseline) {
            if (positive) {
                positives++;
                challengerPositive.add(challenger);
                baselinePositive.add(baseline);
            }
            else {
                negatives++;
                challengerNegative.add(challenger);
                baselineNegative.add(baseline);
            }
        }

        public Means merge(final Means other) {
            positives += other.positives;
            negatives += other.negatives;
            challengerPositive.add(other.challengerPositive);
            baselinePositive.add(other.baselinePositive);
            challengerNegative.add(other.challengerNegative);
            baselineNegative.add(other.baselineNegative);
            return this;
        }
    }

    /**
     * Second pass: per class, the sum of squares of the centred difference of the two models'
     * placements, i.e. var(A) + var(B) - 2 cov(A, B) times (rows - 1).
     */
    public static final class Spread implements Serializable {
        private static final long serialVersionUID = 1L;

        private final double challengerPositive;
        private final double baselinePositive;
        private final double challengerNegative;
        private final double baselineNegative;
        private final ExactSum positive = new ExactSum();
        private final ExactSum negative = new ExactSum();

        public Spread(final Means means) {
            this.challengerPositive = means.challengerPositive.value() / means.positives;
            this.baselinePositive = means.baselinePositive.value() / means.positives;
            this.challengerNegative = means.challengerNegative.value() / means.negatives;
            this.baselineNegative = means.baselineNegative.value() / means.negatives;
        }

        public void add(final boolean isPositive, final double challenger, final double baseline) {
            if (isPositive) {
                var d = (challenger - challengerPositive) - (baseline - baselinePositive);
                positive.addProduct(d, d);
            }
            else {
                var d = (challenger - challengerNegative) - (baseline - baselineNegative);
                negative.addProduct(d, d);
            }
        }

        public Spread merge(final Spread other) {
            positive.add(other.positive);
            negative.add(other.negative);
            return this;
        }
    }
}
