package io.mlcd.validation;

import io.mlcd.util.ExactSum;
import java.io.Serializable;

/**
 * Sums of log-loss and Brier terms of a scorer, added per distinct score with its positive and
 * negative rows, so rows sharing a score share one logarithm. Sums are exact ({@link ExactSum})
 * and logarithms are {@link StrictMath}'s, so the losses are the same doubles whatever the order
 * or the machine that added the rows, and partial sums (a cluster's partitions) merge exactly.
 */
public final class LossSums implements Serializable {
    /** Log-loss clips scores to [EPS, 1 - EPS], EPS being float64 machine epsilon, like scikit-learn. */
    static final double EPS = Math.ulp(1.0);
    private static final long serialVersionUID = 1L;

    private final ExactSum logLoss = new ExactSum();
    private final ExactSum brier = new ExactSum();

    /** Adds the rows with one score: {@code positives} labelled positive, {@code negatives} not. */
    public void add(final double score, final long positives, final long negatives) {
        var clipped = Math.min(Math.max(score, EPS), 1 - EPS);
        if (positives > 0) {
            logLoss.addProduct(-StrictMath.log(clipped), positives);
            var error = 1 - score;
            brier.addProduct(error * error, positives);
        }
        if (negatives > 0) {
            logLoss.addProduct(-StrictMath.log1p(-clipped), negatives);
            brier.addProduct(score * score, negatives);
        }
    }

    public LossSums merge(final LossSums other) {
        logLoss.add(other.logLoss);
        brier.add(other.brier);
        return this;
    }

    /** Mean log-loss over {@code rows} rows. */
    double logLoss(final long rows) {
        return logLoss.value() / rows;
    }

    /** Mean Brier score over {@code rows} rows. */
    double brier(final long rows) {
        return brier.value() / rows;
    }

    /** Sums over one class's scores, ascending; runs of equal scores are added at once. */
    static LossSums ofSorted(final double[] sorted, final boolean positive) {
        var sums = new LossSums();
        var i = 0;
        while (i < sorted.length) {
            var start = i;
            while (i < sorted.length && sorted[i] == sorted[start]) {
                i++;
            }
            sums.add(sorted[start], positive ? i - start : 0, positive ? 0 : i - start);
        }
        return sums;
    }
}
