package io.mlcd.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.nio.file.Path;
import java.util.List;

/**
 * What to validate: the predictions file and how to read it, optionally a baseline predictions
 * file for the same rows. Option names match the CLI and the Jenkins step.
 *
 * @param score             column with the probability of the positive class (binary)
 * @param prediction        column with the predicted class (or value, for regression)
 * @param baseline          predictions of the baseline model (the champion) for the same rows
 * @param id                column joining predictions and baseline rows; row order when null
 * @param decisionThreshold a score at or above it predicts the positive class
 * @param positiveLabel     the positive class; inferred for 0/1, -1/1 and false/true labels
 * @param task              the task, or null to infer it from the columns and data
 */
public record ValidationSpec(Path predictions, String label, @CheckForNull String score,
        @CheckForNull String prediction, List<String> groups, @CheckForNull Path baseline,
        @CheckForNull String id, double decisionThreshold, @CheckForNull String positiveLabel,
        @CheckForNull Task task) {
    public static final double DEFAULT_THRESHOLD = 0.5;

    public ValidationSpec {
        groups = List.copyOf(groups);
        if (score == null && prediction == null) {
            throw new InputException("give the score column (--score) or the predicted-class column (--prediction)");
        }
        if (score != null && prediction != null) {
            throw new InputException("give either --score or --prediction, not both");
        }
        if (!(decisionThreshold >= 0 && decisionThreshold <= 1)) {
            throw new InputException("--decision-threshold must be within [0, 1], got %s", decisionThreshold);
        }
        if (groups.stream().distinct().count() != groups.size()) {
            throw new InputException("a --group column is given twice: %s", groups);
        }
        if (task == Task.BINARY && prediction == null && score == null) {
            throw new InputException("a binary task needs --score or --prediction");
        }
        if (score != null && task != null && task != Task.BINARY) {
            throw new InputException("--score is for binary classification; use --prediction for %s", task.id());
        }
    }
}
