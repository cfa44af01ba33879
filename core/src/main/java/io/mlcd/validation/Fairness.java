package io.mlcd.validation;

import io.mlcd.gate.MetricKey;
import io.mlcd.gate.MetricValues;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Group fairness metrics over one group column, as fairlearn defines them with its defaults
 * (method {@code between_groups}, aggregation {@code worst_case}): differences are max - min of
 * a per-group rate, ratios are min / max (NaN when the largest rate is 0, as 0 / 0 is in pandas).
 */
final class Fairness {
    private Fairness() {
    }

    static void addTo(final MetricValues.Builder metrics, final String column, final List<Slice> slices) {
        var selection = spread(slices, slice -> slice.confusion().selectionRate());
        var tpr = spread(slices, slice -> slice.confusion().truePositiveRate());
        var fpr = spread(slices, slice -> slice.confusion().falsePositiveRate());
        metrics.put(MetricKey.grouped("demographic_parity_difference", column), selection.difference());
        metrics.put(MetricKey.grouped("demographic_parity_ratio", column), selection.ratio());
        metrics.put(MetricKey.grouped("equalized_odds_difference", column),
                Math.max(tpr.difference(), fpr.difference()));
        metrics.put(MetricKey.grouped("equalized_odds_ratio", column), pythonMin(tpr.ratio(), fpr.ratio()));
        metrics.put(MetricKey.grouped("equal_opportunity_difference", column), tpr.difference());
        metrics.put(MetricKey.grouped("equal_opportunity_ratio", column), tpr.ratio());
        if (slices.size() < 2) {
            var note = "only one group in column " + column + ": nothing to compare";
            for (String name : List.of("demographic_parity_difference", "demographic_parity_ratio",
                    "equalized_odds_difference", "equalized_odds_ratio", "equal_opportunity_difference",
                    "equal_opportunity_ratio")) {
                metrics.note(MetricKey.grouped(name, column), note);
            }
        }
    }

    /**
     * fairlearn takes Python's {@code min([tpr_ratio, fpr_ratio])}, which keeps the first value
     * whenever a comparison involves NaN: NaN if the TPR ratio is NaN, else the TPR ratio if the
     * FPR ratio is NaN.
     */
    private static double pythonMin(final double tprRatio, final double fprRatio) {
        if (Double.isNaN(tprRatio) || Double.isNaN(fprRatio)) {
            return tprRatio;
        }
        return Math.min(tprRatio, fprRatio);
    }

    private static Spread spread(final List<Slice> slices, final ToDoubleFunction<Slice> rate) {
        var min = Double.POSITIVE_INFINITY;
        var max = Double.NEGATIVE_INFINITY;
        for (Slice slice : slices) {
            var value = rate.applyAsDouble(slice);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new Spread(min, max);
    }

    private record Spread(double min, double max) {
        double difference() {
            return max - min;
        }

        double ratio() {
            return max == 0 ? Double.NaN : min / max;
        }
    }
}
