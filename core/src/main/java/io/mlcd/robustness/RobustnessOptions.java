package io.mlcd.robustness;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.validation.Task;

/**
 * How the model's answers are read.
 *
 * @param task              binary, multiclass or regression; null to infer it from the answers
 * @param decisionThreshold a binary score at or above it predicts the positive class
 * @param positiveLabel     the positive class of binary labels, null for 0/1, -1/1 and false/true
 */
public record RobustnessOptions(@CheckForNull Task task, double decisionThreshold, @CheckForNull String positiveLabel) {
    public static final RobustnessOptions DEFAULTS = new RobustnessOptions(null, 0.5, null);

    public RobustnessOptions {
        if (!(decisionThreshold >= 0 && decisionThreshold <= 1)) {
            throw new io.mlcd.util.InputException("--decision-threshold must lie in [0, 1], got %s",
                    io.mlcd.util.Numbers.format(decisionThreshold));
        }
    }
}
