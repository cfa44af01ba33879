package io.mlcd.validation;

import io.mlcd.gate.MetricValues;

import java.util.Map;

/**
 * Multiclass metrics from predicted classes: accuracy and F1 averaged over the classes found in
 * labels or predictions (macro: unweighted; weighted: by each class's share of labels).
 */
final class MulticlassEvaluator {
    Evaluation evaluate(final PredictionRows rows) {
        var k = rows.classes.size();
        var counts = new long[k][k];
        for (int i = 0; i < rows.size; i++) {
            counts[rows.labels[i]][rows.predicted[i]]++;
        }
        long correct = 0;
        double macro = 0;
        double weighted = 0;
        for (int c = 0; c < k; c++) {
            long support = 0;
            long predictedAs = 0;
            for (int other = 0; other < k; other++) {
                support += counts[c][other];
                predictedAs += counts[other][c];
            }
            var tp = counts[c][c];
            correct += tp;
            var denominator = support + predictedAs;
            var f1 = denominator == 0 ? 0.0 : 2.0 * tp / denominator;
            macro += f1;
            weighted += f1 * support;
        }
        var metrics = MetricValues.builder()
                .put("row_count", rows.size)
                .put("accuracy", (double) correct / rows.size)
                .put("f1_macro", macro / k)
                .put("f1_weighted", weighted / rows.size);
        var sorted = new ConfusionMatrix(rows.classes.values(), counts);
        return new Evaluation(Task.MULTICLASS, rows.size, metrics.build(), sorted, null, null, Map.of());
    }

}
