package io.mlcd.scoring;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;

/**
 * How to read a model's answer.
 *
 * @param predictionField when the model answers objects (or named columns): the field that holds
 *                        the prediction; null when it answers plain values
 * @param scoreIndex      when it answers vectors (e.g. predict_proba): the component that is the
 *                        score; {@link #LAST} = the last one, the positive class of a binary model
 */
public record AnswerFormat(@CheckForNull String predictionField, int scoreIndex) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final int LAST = -1;
    public static final AnswerFormat DEFAULT = new AnswerFormat(null, LAST);

    public AnswerFormat {
        if (scoreIndex < LAST) {
            throw new InputException("--score-index must be 0 or more, got %d", scoreIndex);
        }
        if (predictionField != null && predictionField.isBlank()) {
            throw new InputException("--prediction-field must not be blank");
        }
    }
}
