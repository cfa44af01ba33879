package io.mlcd.robustness;

import io.mlcd.validation.DeLongTest;
import io.mlcd.validation.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headline metrics against the labels on original and perturbed rows, and their change with a
 * paired 95% interval (both are measured on the same rows, so the pairing removes most noise):
 * <ul>
 *   <li>{@code roc_auc_drop} (binary scores): DeLong's interval of the difference of two correlated AUCs;
 *   <li>{@code accuracy_drop} (classification): the Wald interval of a difference of paired proportions,
 *       from the rows right before and wrong after and the reverse;
 *   <li>{@code mae_increase} (regression): mean of |error after| - |error before| with its normal interval;
 *   <li>{@code rmse_increase} (regression): the delta method on the two mean squared errors.
 * </ul>
 * Rows without a label, or without an answer on either side, are left out.
 */
final class LabelMetrics {
    private final Task task;
    private final Labels labels;
    private final String positive;
    private final double[] numericLabels;

    LabelMetrics(final Task task, final Labels labels, final String positive) {
        this.task = task;
        this.labels = labels;
        this.positive = positive;
        this.numericLabels = task == Task.REGRESSION ? labels.numbers() : new double[0];
    }

    /** The metrics of one side. */
    Map<String, Double> metrics(final Outputs outputs) {
        var metrics = new LinkedHashMap<String, Double>();
        if (task == Task.REGRESSION) {
            double squares = 0;
            double absolutes = 0;
            int n = 0;
            for (int r = 0; r < numericLabels.length; r++) {
                var error = outputs.scores()[r] - numericLabels[r];
                if (!Double.isNaN(error)) {
                    squares += error * error;
                    absolutes += Math.abs(error);
                    n++;
                }
            }
            metrics.put("rmse", n == 0 ? Double.NaN : Math.sqrt(squares / n));
            metrics.put("mae", n == 0 ? Double.NaN : absolutes / n);
            return metrics;
        }
        if (usesScores(outputs)) {
            metrics.put("roc_auc", auc(outputs, outputs).challenger());
        }
        long right = 0;
        long n = 0;
        for (int r = 0; r < labels.size(); r++) {
            if (labels.get(r) != null && outputs.classes()[r] != null) {
                right += isRight(outputs, r) ? 1 : 0;
                n++;
            }
        }
        metrics.put("accuracy", n == 0 ? Double.NaN : (double) right / n);
        return metrics;
    }

    /** The changes from original to perturbed, each as a drop or increase (positive = worse). */
    Map<String, Estimate> changes(final Outputs original, final Outputs perturbed) {
        var changes = new LinkedHashMap<String, Estimate>();
        if (task == Task.REGRESSION) {
            changes.put("rmse_increase", rmseIncrease(original, perturbed));
            changes.put("mae_increase", maeIncrease(original, perturbed));
            return changes;
        }
        if (usesScores(original)) {
            var comparison = auc(perturbed, original);
            changes.put("roc_auc_drop", Double.isNaN(comparison.ciLower()) ? Estimate.UNDEFINED
                    : new Estimate(comparison.delta(), comparison.ciLower(), comparison.ciUpper()).negate());
        }
        changes.put("accuracy_drop", accuracyDrop(original, perturbed));
        return changes;
    }

    private boolean usesScores(final Outputs outputs) {
        return task == Task.BINARY && outputs.hasAnyScore() && positive != null;
    }

    private boolean isRight(final Outputs outputs, final int r) {
        if (task == Task.BINARY && outputs.hasAnyScore() && positive != null) {
            return Outputs.POSITIVE.equals(outputs.classes()[r]) == positive.equals(labels.get(r));
        }
        return outputs.classes()[r].equals(labels.get(r));
    }

    /** DeLong of {@code challenger} against {@code baseline} on the rows both scored. */
    private io.mlcd.validation.Comparison auc(final Outputs challenger, final Outputs baseline) {
        var kept = new int[labels.size()];
        var n = 0;
        for (int r = 0; r < labels.size(); r++) {
            if (labels.get(r) != null && !Double.isNaN(challenger.scores()[r]) && !Double.isNaN(baseline.scores()[r])) {
                kept[n++] = r;
            }
        }
        var isPositive = new boolean[n];
        var a = new double[n];
        var b = new double[n];
        for (int i = 0; i < n; i++) {
            isPositive[i] = positive.equals(labels.get(kept[i]));
            a[i] = challenger.scores()[kept[i]];
            b[i] = baseline.scores()[kept[i]];
        }
        return DeLongTest.compare(isPositive, a, b);
    }

    private Estimate accuracyDrop(final Outputs original, final Outputs perturbed) {
        long lost = 0;
        long gained = 0;
        long n = 0;
        for (int r = 0; r < labels.size(); r++) {
            if (labels.get(r) == null || original.classes()[r] == null || perturbed.classes()[r] == null) {
                continue;
            }
            var before = isRight(original, r);
            var after = isRight(perturbed, r);
            lost += before && !after ? 1 : 0;
            gained += !before && after ? 1 : 0;
            n++;
        }
        if (n == 0) {
            return Estimate.UNDEFINED;
        }
        var drop = (double) (lost - gained) / n;
        var se = Math.sqrt(Math.max(0, lost + gained - (double) (lost - gained) * (lost - gained) / n)) / n;
        return new Estimate(drop, drop - Estimate.Z * se, drop + Estimate.Z * se);
    }

    private Estimate maeIncrease(final Outputs original, final Outputs perturbed) {
        var differences = new double[numericLabels.length];
        for (int r = 0; r < differences.length; r++) {
            differences[r] = Math.abs(perturbed.scores()[r] - numericLabels[r])
                    - Math.abs(original.scores()[r] - numericLabels[r]);
        }
        return Estimate.mean(differences);
    }

    /**
     * sqrt(A) - sqrt(B) for the mean squared errors A (perturbed) and B (original), with the
     * variance of the per-row pairs (a, b) of squared errors carried through the gradient
     * (1 / 2 sqrt(A), -1 / 2 sqrt(B)).
     */
    private Estimate rmseIncrease(final Outputs original, final Outputs perturbed) {
        int n = 0;
        double meanA = 0;
        double meanB = 0;
        for (int r = 0; r < numericLabels.length; r++) {
            var a = square(perturbed.scores()[r] - numericLabels[r]);
            var b = square(original.scores()[r] - numericLabels[r]);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                continue;
            }
            n++;
            meanA += (a - meanA) / n;
            meanB += (b - meanB) / n;
        }
        if (n == 0) {
            return Estimate.UNDEFINED;
        }
        double varA = 0;
        double varB = 0;
        double cov = 0;
        for (int r = 0; r < numericLabels.length; r++) {
            var a = square(perturbed.scores()[r] - numericLabels[r]);
            var b = square(original.scores()[r] - numericLabels[r]);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                continue;
            }
            varA += (a - meanA) * (a - meanA);
            varB += (b - meanB) * (b - meanB);
            cov += (a - meanA) * (b - meanB);
        }
        var increase = Math.sqrt(meanA) - Math.sqrt(meanB);
        if (n < 2 || meanA == 0 || meanB == 0) {
            return new Estimate(increase, increase, increase);
        }
        var ga = 1 / (2 * Math.sqrt(meanA));
        var gb = -1 / (2 * Math.sqrt(meanB));
        var variance = (ga * ga * varA + gb * gb * varB + 2 * ga * gb * cov) / (n - 1) / n;
        var se = Math.sqrt(Math.max(variance, 0));
        return new Estimate(increase, increase - Estimate.Z * se, increase + Estimate.Z * se);
    }

    private static double square(final double x) {
        return x * x;
    }
}
