package io.mlcd.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.MetricValues;
import java.util.List;
import java.util.Map;

/**
 * What one model's predictions measure: metric values plus the details reports draw.
 *
 * @param matrix          confusion matrix (classification only)
 * @param roc             ROC curve, x = false positive rate, y = true positive rate (scorers only)
 * @param precisionRecall x = recall, y = precision (scorers only)
 * @param slices          per group column, the rows of each of its values
 */
public record Evaluation(Task task, long rows, MetricValues metrics, @CheckForNull ConfusionMatrix matrix,
        @CheckForNull Curve roc, @CheckForNull Curve precisionRecall, Map<String, List<Slice>> slices) {
    public Evaluation {
        slices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slices));
    }
}
