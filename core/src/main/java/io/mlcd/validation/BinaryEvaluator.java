package io.mlcd.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.MetricValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Binary classification metrics as scikit-learn computes them. A score at or above the decision
 * threshold predicts the positive class (scikit-learn's FixedThresholdClassifier rule). The
 * metrics come from aggregates only (confusion counts overall and per group value, a
 * {@link Ranking} and {@link LossSums} of the scores), which a single file or a cluster provides.
 */
public final class BinaryEvaluator {
    private BinaryEvaluator() {
    }

    /** The metrics of a file read by {@link PredictionReader}. */
    static Evaluation evaluate(final PredictionRows rows, final List<String> groupColumns, final int positive) {
        var tally = rows.tally;
        Ranking ranking = null;
        LossSums losses = null;
        if (tally.scorer()) {
            // The two classes' scores are sorted on two cores at once.
            var positives = CompletableFuture.supplyAsync(() -> tally.positiveScores(positive));
            var negatives = tally.negativeScores(positive);
            ranking = Ranking.of(positives.join(), negatives);
            losses = LossSums.ofSorted(positives.join(), true).merge(LossSums.ofSorted(negatives, false));
        }
        var slices = new LinkedHashMap<String, List<Slice>>();
        for (int g = 0; g < rows.groups.length; g++) {
            var list = new ArrayList<Slice>();
            for (int code = 0; code < rows.groups[g].size(); code++) {
                list.add(new Slice(groupColumns.get(g), rows.groups[g].value(code),
                        tally.confusion(g, code, positive)));
            }
            slices.put(groupColumns.get(g), list);
        }
        return evaluate(rows.classes.values(), positive, tally.confusion(positive), slices, ranking, losses);
    }

    /**
     * @param classes  the (at most two) classes seen, in order of first appearance
     * @param positive index of the positive class in {@code classes}, -1 when it never occurs
     * @param overall  confusion counts of all rows
     * @param slices   per group column, a slice per value in order of first appearance
     * @param ranking  of the scores, or null for a predicted-class column
     * @param losses   of the scores, or null for a predicted-class column
     */
    public static Evaluation evaluate(final List<String> classes, final int positive, final Confusion overall,
            final Map<String, List<Slice>> slices, @CheckForNull final Ranking ranking,
            @CheckForNull final LossSums losses) {
        var rows = overall.count();
        var metrics = MetricValues.builder();
        metrics.put("row_count", rows);
        metrics.put("accuracy", overall.accuracy());
        metrics.put("precision", overall.precision());
        metrics.put("recall", overall.recall());
        metrics.put("f1", overall.f1());
        if (ranking != null && losses != null) {
            metrics.put("roc_auc", ranking.rocAuc());
            metrics.put("pr_auc", ranking.averagePrecision());
            metrics.put("log_loss", losses.logLoss(rows));
            metrics.put("brier", losses.brier(rows));
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
        var copies = new LinkedHashMap<String, List<Slice>>();
        slices.forEach((column, list) -> {
            list.forEach(slice -> addSliceMetrics(metrics, slice));
            Fairness.addTo(metrics, column, list);
            copies.put(column, List.copyOf(list));
        });
        return new Evaluation(Task.BINARY, rows, metrics.build(), matrix(classes, positive, overall),
                ranking == null ? null : ranking.roc(), ranking == null ? null : ranking.precisionRecall(), copies);
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

    private static ConfusionMatrix matrix(final List<String> classes, final int positive, final Confusion overall) {
        var positiveName = positive >= 0 ? classes.get(positive) : "positive";
        var negative = IntStream.range(0, classes.size()).filter(code -> code != positive)
                .mapToObj(classes::get).findFirst().orElse("not " + positiveName);
        return new ConfusionMatrix(List.of(negative, positiveName),
                new long[][] {{overall.tn(), overall.fp()}, {overall.fn(), overall.tp()}});
    }
}
