package io.mlcd.validation;

import io.mlcd.gate.MetricKey;
import io.mlcd.gate.MetricValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Binary classification metrics as scikit-learn computes them. A score at or above the decision
 * threshold predicts the positive class (scikit-learn's FixedThresholdClassifier rule).
 */
final class BinaryEvaluator {
    /** Log-loss clips scores to [EPS, 1 - EPS], EPS being float64 machine epsilon, like scikit-learn. */
    static final double EPS = Math.ulp(1.0);

    private final double threshold;
    private final List<String> groupColumns;

    BinaryEvaluator(final double threshold, final List<String> groupColumns) {
        this.threshold = threshold;
        this.groupColumns = List.copyOf(groupColumns);
    }

    Evaluation evaluate(final PredictionRows rows, final int positive) {
        var tally = rows.tally;
        var overall = tally.confusion(positive);
        var metrics = MetricValues.builder();
        metrics.put("row_count", rows.size);
        metrics.put("accuracy", overall.accuracy());
        metrics.put("precision", overall.precision());
        metrics.put("recall", overall.recall());
        metrics.put("f1", overall.f1());
        Curve roc = null;
        Curve pr = null;
        if (tally.scorer()) {
            // The two classes' scores are sorted and summed on two cores at once.
            var positives = CompletableFuture.supplyAsync(() -> Losses.of(tally.positiveScores(positive), true));
            var negatives = Losses.of(tally.negativeScores(positive), false);
            var ranking = Ranking.of(positives.join().scores(), negatives.scores());
            metrics.put("roc_auc", ranking.rocAuc());
            metrics.put("pr_auc", ranking.averagePrecision());
            metrics.put("log_loss", (positives.join().logLoss() + negatives.logLoss()) / rows.size);
            metrics.put("brier", (positives.join().brier() + negatives.brier()) / rows.size);
            roc = ranking.roc();
            pr = ranking.precisionRecall();
            if (overall.tp() + overall.fn() == 0 || overall.fp() + overall.tn() == 0) {
                metrics.note("roc_auc", "the labels hold only one class, so there is no ranking to measure");
            }
        }
        else {
            var hint = "needs a score column (--score), not only a predicted class";
            for (String name : List.of("roc_auc", "pr_auc", "log_loss", "brier")) {
                metrics.note(name, hint);
            }
        }
        var slices = slices(rows, positive, metrics);
        return new Evaluation(Task.BINARY, rows.size, metrics.build(), matrix(rows, positive, overall), roc, pr,
                slices);
    }

    private Map<String, List<Slice>> slices(final PredictionRows rows, final int positive,
            final MetricValues.Builder metrics) {
        var slices = new LinkedHashMap<String, List<Slice>>();
        for (int g = 0; g < rows.groups.length; g++) {
            var column = groupColumns.get(g);
            var list = new ArrayList<Slice>();
            for (int code = 0; code < rows.groups[g].size(); code++) {
                var slice = new Slice(column, rows.groups[g].value(code), rows.tally.confusion(g, code, positive));
                list.add(slice);
                addSliceMetrics(metrics, slice);
            }
            Fairness.addTo(metrics, column, list);
            slices.put(column, List.copyOf(list));
        }
        return slices;
    }

    private static void addSliceMetrics(final MetricValues.Builder metrics, final Slice slice) {
        var confusion = slice.confusion();
        metrics.put(MetricKey.slice("accuracy", slice.column(), slice.value()), confusion.accuracy());
        metrics.put(MetricKey.slice("precision", slice.column(), slice.value()), confusion.precision());
        metrics.put(MetricKey.slice("recall", slice.column(), slice.value()), confusion.recall());
        metrics.put(MetricKey.slice("f1", slice.column(), slice.value()), confusion.f1());
        metrics.put(MetricKey.slice("selection_rate", slice.column(), slice.value()), confusion.selectionRate());
        metrics.put(MetricKey.slice("true_positive_rate", slice.column(), slice.value()),
                confusion.truePositiveRate());
        metrics.put(MetricKey.slice("false_positive_rate", slice.column(), slice.value()),
                confusion.falsePositiveRate());
    }

    private static ConfusionMatrix matrix(final PredictionRows rows, final int positive, final Confusion overall) {
        var negative = rows.classes.values().stream()
                .filter(value -> rows.classes.indexOf(value) != positive).findFirst().orElse("not " + positiveName(rows, positive));
        return new ConfusionMatrix(List.of(negative, positiveName(rows, positive)),
                new long[][] {{overall.tn(), overall.fp()}, {overall.fn(), overall.tp()}});
    }

    private static String positiveName(final PredictionRows rows, final int positive) {
        return positive >= 0 ? rows.classes.value(positive) : "positive";
    }
}
