package io.mlcd.validation;

import io.mlcd.gate.MetricValues;
import io.mlcd.util.ExactSum;
import java.util.List;
import java.util.Map;

/**
 * Multiclass metrics from predicted classes: accuracy and F1 averaged over the classes found in
 * labels or predictions (macro: unweighted; weighted: by each class's share of labels). They
 * come from the confusion counts alone; the averages are exact sums, so the order in which the
 * classes were met does not change them.
 */
public final class MulticlassEvaluator {
    private MulticlassEvaluator() {
    }

    static Evaluation evaluate(final PredictionRows rows) {
        var k = rows.classes.size();
        var counts = new long[k][k];
        for (int i = 0; i < rows.size; i++) {
            counts[rows.labels[i]][rows.predicted[i]]++;
        }
        return evaluate(rows.classes.values(), counts);
    }

    /**
     * @param classes the classes in order of first appearance
     * @param counts  rows by true class (first index) and predicted class, in {@code classes} order
     */
    public static Evaluation evaluate(final List<String> classes, final long[][] counts) {
        var k = classes.size();
        long rows = 0;
        long correct = 0;
        var macro = new ExactSum();
        var weighted = new ExactSum();
        for (int c = 0; c < k; c++) {
            long support = 0;
            long predictedAs = 0;
            for (int other = 0; other < k; other++) {
                support += counts[c][other];
                predictedAs += counts[other][c];
            }
            var tp = counts[c][c];
            rows += support;
            correct += tp;
            var denominator = support + predictedAs;
            var f1 = denominator == 0 ? 0.0 : 2.0 * tp / denominator;
            macro.add(f1);
            weighted.addProduct(f1, support);
        }
        var metrics = MetricValues.builder()
                .put("row_count", rows)
                .put("accuracy", (double) correct / rows)
                .put("f1_macro", macro.value() / k)
                .put("f1_weighted", weighted.value() / rows);
        return new Evaluation(Task.MULTICLASS, rows, metrics.build(), new ConfusionMatrix(classes, counts), null, null,
                Map.of());
    }
}
