package io.mlcd.validation;

import java.util.Arrays;

/**
 * Everything binary metrics need, gathered while the file streams by, before it is known which
 * class is positive (that is decided at the end, from all labels seen). Counts are kept per label
 * class and per predicted side: for a scorer, below or at/above the decision threshold; for a
 * predicted-class column, the predicted class. Scores are kept per label class as sorted runs
 * for the exact ROC AUC, and log-loss and Brier sums per label class under both readings.
 */
final class BinaryTally {
    private final boolean scorer;
    private final double threshold;
    private final long[] overall = new long[4];
    private final long[][] byGroup;
    private final ScoreColumn[] scores = {new ScoreColumn(), new ScoreColumn()};

    BinaryTally(final boolean scorer, final double threshold, final int groupColumns) {
        this.scorer = scorer;
        this.threshold = threshold;
        this.byGroup = new long[groupColumns][64];
    }

    /** Adds a row of a scorer. */
    void addScore(final int label, final double score, final int[] groups) {
        count(label, score >= threshold ? 1 : 0, groups);
        scores[label].add(score);
    }

    /** Adds a row with a predicted class. */
    void addPrediction(final int label, final int predicted, final int[] groups) {
        count(label, predicted, groups);
    }

    private void count(final int label, final int side, final int[] groups) {
        var cell = 2 * label + side;
        overall[cell]++;
        for (int g = 0; g < groups.length; g++) {
            var index = 4 * groups[g] + cell;
            if (index >= byGroup[g].length) {
                byGroup[g] = Arrays.copyOf(byGroup[g], Math.max(2 * byGroup[g].length, index + 4));
            }
            byGroup[g][index]++;
        }
    }

    boolean scorer() {
        return scorer;
    }

    /** The confusion counts of all rows once the positive class is known (-1: it never occurs). */
    Confusion confusion(final int positive) {
        return confusion(overall, 0, positive);
    }

    /** The confusion counts of one group value. */
    Confusion confusion(final int groupColumn, final int groupCode, final int positive) {
        var counts = byGroup[groupColumn];
        return 4 * groupCode < counts.length ? confusion(counts, 4 * groupCode, positive) : new Confusion(0, 0, 0, 0);
    }

    private Confusion confusion(final long[] counts, final int offset, final int positive) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int label = 0; label < 2; label++) {
            for (int side = 0; side < 2; side++) {
                var n = offset + 2 * label + side < counts.length ? counts[offset + 2 * label + side] : 0;
                var actual = label == positive;
                var predicted = scorer ? side == 1 : side == positive;
                if (actual) {
                    tp += predicted ? n : 0;
                    fn += predicted ? 0 : n;
                }
                else {
                    fp += predicted ? n : 0;
                    tn += predicted ? 0 : n;
                }
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /** Scores of rows whose label is the positive class, ascending. */
    double[] positiveScores(final int positive) {
        return positive < 0 ? new double[0] : scores[positive].sorted();
    }

    /** Scores of all other rows, ascending. */
    double[] negativeScores(final int positive) {
        if (positive < 0) {
            return ScoreColumn.union(scores[0], scores[1]);
        }
        return scores[1 - positive].sorted();
    }
}
