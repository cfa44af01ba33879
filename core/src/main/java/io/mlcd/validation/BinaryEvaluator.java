package io.mlcd.validation;

import io.mlcd.gate.MetricKey;
import io.mlcd.gate.MetricValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        var counts = new long[4];
        var groupCounts = new long[rows.groups.length][];
        for (int g = 0; g < groupCounts.length; g++) {
            groupCounts[g] = new long[4 * rows.groups[g].size()];
        }
        for (int i = 0; i < rows.size; i++) {
            var actual = rows.labels[i] == positive;
            var predicted = rows.hasScores ? rows.scores[i] >= threshold : rows.predicted[i] == positive;
            var cell = actual ? (predicted ? 0 : 3) : (predicted ? 1 : 2);
            counts[cell]++;
            for (int g = 0; g < groupCounts.length; g++) {
                groupCounts[g][4 * rows.groupCodes[g][i] + cell]++;
            }
        }
        var overall = Confusion.of(counts, 0);
        var metrics = MetricValues.builder();
        metrics.put("row_count", rows.size);
        metrics.put("accuracy", overall.accuracy());
        metrics.put("precision", overall.precision());
        metrics.put("recall", overall.recall());
        metrics.put("f1", overall.f1());
        Curve roc = null;
        Curve pr = null;
        if (rows.hasScores) {
            var ranking = rank(rows, positive, overall);
            metrics.put("roc_auc", ranking.rocAuc());
            metrics.put("pr_auc", ranking.averagePrecision());
            addProbabilityMetrics(metrics, rows, positive);
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
        var slices = slices(rows, groupCounts, metrics);
        return new Evaluation(Task.BINARY, rows.size, metrics.build(), matrix(rows, positive, overall), roc, pr,
                slices);
    }

    private static Ranking rank(final PredictionRows rows, final int positive, final Confusion overall) {
        var positives = new double[Math.toIntExact(overall.tp() + overall.fn())];
        var negatives = new double[Math.toIntExact(overall.fp() + overall.tn())];
        int p = 0;
        int n = 0;
        for (int i = 0; i < rows.size; i++) {
            if (rows.labels[i] == positive) {
                positives[p++] = rows.scores[i];
            }
            else {
                negatives[n++] = rows.scores[i];
            }
        }
        return Ranking.of(positives, negatives);
    }

    private static void addProbabilityMetrics(final MetricValues.Builder metrics, final PredictionRows rows,
            final int positive) {
        double logLoss = 0;
        double brier = 0;
        for (int i = 0; i < rows.size; i++) {
            var score = rows.scores[i];
            var clipped = Math.min(Math.max(score, EPS), 1 - EPS);
            if (rows.labels[i] == positive) {
                logLoss -= Math.log(clipped);
                brier += (1 - score) * (1 - score);
            }
            else {
                logLoss -= Math.log1p(-clipped);
                brier += score * score;
            }
        }
        metrics.put("log_loss", logLoss / rows.size);
        metrics.put("brier", brier / rows.size);
    }

    private Map<String, List<Slice>> slices(final PredictionRows rows, final long[][] groupCounts,
            final MetricValues.Builder metrics) {
        var slices = new LinkedHashMap<String, List<Slice>>();
        for (int g = 0; g < groupCounts.length; g++) {
            var column = groupColumns.get(g);
            var list = new ArrayList<Slice>();
            for (int code = 0; code < rows.groups[g].size(); code++) {
                var slice = new Slice(column, rows.groups[g].value(code), Confusion.of(groupCounts[g], 4 * code));
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
