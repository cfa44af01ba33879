package io.mlcd.robustness;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.scoring.Predictions;
import io.mlcd.validation.Task;
import java.util.List;

/**
 * The model's answers for each row in the terms of the task: a score (binary: the positive class's
 * probability; multiclass: the component the scorer reads; regression: the value) and, for
 * classification, the class it stands for. A class answer (a label, not a number) has no score.
 *
 * @param scores  per row; NaN when the answer has none
 * @param classes per row for classification, null for regression; an entry is null when the row has no answer
 */
record Outputs(double[] scores, @CheckForNull String[] classes) {
    /** The class a binary score at or above the threshold stands for. */
    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    /**
     * @param classNames the class of each component of a multiclass vector answer (sorted labels, as
     *                   scikit-learn orders {@code classes_}), or empty to name them by index
     */
    static Outputs of(final Predictions predictions, final Task task, final double threshold,
            final List<String> classNames) {
        var n = predictions.size();
        var scores = new double[n];
        for (int r = 0; r < n; r++) {
            scores[r] = predictions.hasScores() ? predictions.score(r) : Double.NaN;
        }
        if (task == Task.REGRESSION) {
            return new Outputs(scores, null);
        }
        var classes = new String[n];
        var numeric = hasScores(predictions);
        for (int r = 0; r < n; r++) {
            if (predictions.isVector() && task == Task.MULTICLASS) {
                var index = argmax(predictions.vector(r));
                classes[r] = index < 0 ? null : index < classNames.size() ? classNames.get(index) : "#" + index;
            }
            else if (task == Task.BINARY && numeric) {
                classes[r] = Double.isNaN(scores[r]) ? null : scores[r] >= threshold ? POSITIVE : NEGATIVE;
            }
            else {
                var label = predictions.label(r);
                classes[r] = label == null ? null : Labels.canonical(label);
            }
        }
        return new Outputs(scores, classes);
    }

    /** The task the answers show: vectors are class probabilities; numbers in [0, 1] a binary score. */
    static Task infer(final Predictions predictions, @CheckForNull final Labels labels) {
        if (predictions.isVector()) {
            return predictions.vectorLength() == 2 ? Task.BINARY : Task.MULTICLASS;
        }
        if (hasScores(predictions)) {
            if (labels != null && labels.numericWithMoreThanTwoValues()) {
                return Task.REGRESSION;
            }
            for (int r = 0; r < predictions.size(); r++) {
                var score = predictions.score(r);
                if (score < 0 || score > 1) {
                    return Task.REGRESSION;
                }
            }
            return Task.BINARY;
        }
        var distinct = new java.util.HashSet<String>();
        for (int r = 0; r < predictions.size() && distinct.size() <= 2; r++) {
            distinct.add(predictions.label(r));
        }
        return distinct.size() <= 2 ? Task.BINARY : Task.MULTICLASS;
    }

    /** Whether the answers are numbers (some row has a score). */
    static boolean hasScores(final Predictions predictions) {
        if (!predictions.hasScores()) {
            return false;
        }
        for (int r = 0; r < predictions.size(); r++) {
            if (!Double.isNaN(predictions.score(r))) {
                return true;
            }
        }
        return false;
    }

    boolean hasAnyScore() {
        for (double score : scores) {
            if (!Double.isNaN(score)) {
                return true;
            }
        }
        return false;
    }

    private static int argmax(final double[] vector) {
        var best = -1;
        for (int i = 0; i < vector.length; i++) {
            if (!Double.isNaN(vector[i]) && (best < 0 || vector[i] > vector[best])) {
                best = i;
            }
        }
        return best;
    }
}
