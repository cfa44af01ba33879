package io.mlcd.validation;

import java.util.List;

/** Builds the paired inputs of the challenger-vs-baseline tests from aligned rows. */
final class Comparisons {
    private Comparisons() {
    }

    /** DeLong on roc_auc when both have scores, McNemar on accuracy always. */
    static List<Comparison> binary(final PredictionRows rows, final PredictionRows baseline, final int[] alignment,
            final int positive, final int positiveInBaseline, final double threshold) {
        var n = rows.size;
        var isPositive = new boolean[n];
        var challengerRight = new boolean[n];
        var baselineRight = new boolean[n];
        for (int i = 0; i < n; i++) {
            var j = alignment[i];
            isPositive[i] = rows.labels[i] == positive;
            challengerRight[i] = predictsPositive(rows, i, positive, threshold) == isPositive[i];
            baselineRight[i] = predictsPositive(baseline, j, positiveInBaseline, threshold) == isPositive[i];
        }
        var accuracy = McNemarTest.compare(challengerRight, baselineRight);
        if (!rows.hasScores) {
            return List.of(accuracy);
        }
        var challengerScores = new double[n];
        var baselineScores = new double[n];
        for (int i = 0; i < n; i++) {
            challengerScores[i] = rows.scores[i];
            baselineScores[i] = baseline.scores[alignment[i]];
        }
        return List.of(DeLongTest.compare(isPositive, challengerScores, baselineScores), accuracy);
    }

    /** McNemar on accuracy for multiclass predictions; classes are matched by name across files. */
    static Comparison accuracy(final PredictionRows rows, final PredictionRows baseline, final int[] alignment) {
        var n = rows.size;
        var challengerRight = new boolean[n];
        var baselineRight = new boolean[n];
        for (int i = 0; i < n; i++) {
            var j = alignment[i];
            challengerRight[i] = rows.labels[i] == rows.predicted[i];
            baselineRight[i] = baseline.labels[j] == baseline.predicted[j];
        }
        return McNemarTest.compare(challengerRight, baselineRight);
    }

    private static boolean predictsPositive(final PredictionRows rows, final int i, final int positive,
            final double threshold) {
        return rows.hasScores ? rows.scores[i] >= threshold : rows.predicted[i] == positive;
    }
}
