package io.mlcd.validation;

import io.mlcd.data.Dictionary;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateEvaluator;
import io.mlcd.gate.MetricValues;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of model validation, shared by {@code mlcd validate} and the Jenkins step:
 * checks the gates against the inputs, reads the predictions (and baseline) in one streaming pass
 * each, computes metrics and comparisons, and evaluates the gates. Bad input throws
 * {@link InputException} before any result exists. The static checks and {@link #result} serve
 * callers that compute the evaluations elsewhere (mlcd-spark, on a cluster).
 */
public final class Validator {
    private static final String BASELINE_HINT = "--baseline FILE";
    private static final List<String> COMPARISON_SUFFIXES = List.of("_delta", "_delta_ci_lower", "_delta_ci_upper",
            "_delta_p_value");

    private final Progress progress;

    public Validator(final Progress progress) {
        this.progress = progress;
    }

    public ValidationResult validate(final ValidationSpec spec, final Policy policy) {
        checkGates(spec, policy);
        var task = TaskInference.infer(spec);
        checkTask(spec, task);
        var reader = new PredictionReader(spec, task, progress);
        var paired = spec.baseline() != null;
        var rows = reader.read(spec.predictions(), paired);
        var baselineRows = paired ? reader.read(spec.baseline(), true) : null;
        String positiveLabel = null;
        Evaluation evaluation;
        Evaluation baseline = null;
        var comparisons = new ArrayList<Comparison>();
        int[] alignment = baselineRows == null ? null : RowAlignment.align(rows, baselineRows);
        switch (task) {
            case BINARY -> {
                positiveLabel = positiveLabel(spec, rows.classes.values(), rows.file,
                        baselineRows == null ? null : baselineRows.classes.values(),
                        baselineRows == null ? null : baselineRows.file);
                evaluation = BinaryEvaluator.evaluate(rows, spec.groups(), rows.classes.indexOf(positiveLabel));
                if (baselineRows != null) {
                    var positiveInBaseline = baselineRows.classes.indexOf(positiveLabel);
                    baseline = BinaryEvaluator.evaluate(baselineRows, spec.groups(), positiveInBaseline);
                    comparisons.addAll(Comparisons.binary(rows, baselineRows, alignment,
                            rows.classes.indexOf(positiveLabel), positiveInBaseline, spec.decisionThreshold()));
                }
            }
            case MULTICLASS -> {
                evaluation = MulticlassEvaluator.evaluate(rows);
                if (baselineRows != null) {
                    baseline = MulticlassEvaluator.evaluate(baselineRows);
                    comparisons.add(Comparisons.accuracy(rows, baselineRows, alignment));
                }
            }
            default -> {
                evaluation = RegressionEvaluator.evaluate(rows);
                if (baselineRows != null) {
                    baseline = RegressionEvaluator.evaluate(baselineRows);
                }
            }
        }
        return result(spec, policy, evaluation, baseline, comparisons, positiveLabel);
    }

    /** Checks, before any row is read, that the options fit the task. */
    public static void checkTask(final ValidationSpec spec, final Task task) {
        if (task != Task.BINARY && !spec.groups().isEmpty()) {
            throw new InputException("--group (fairness and slices) needs a binary task, but this is %s", task.id());
        }
        if (task != Task.BINARY && spec.positiveLabel() != null) {
            throw new InputException("--positive-label is for a binary task, but this is %s", task.id());
        }
    }

    /**
     * The result of evaluations computed from a file or elsewhere (a cluster): the comparisons
     * join the challenger's metrics as {@code <metric>_delta…}, then the gates are evaluated.
     */
    public static ValidationResult result(final ValidationSpec spec, final Policy policy, final Evaluation evaluation,
            @CheckForNull final Evaluation baseline, final List<Comparison> comparisons,
            @CheckForNull final String positiveLabel) {
        var candidate = withComparisons(evaluation, comparisons, baseline != null);
        var complete = new Evaluation(evaluation.task(), evaluation.rows(), candidate, evaluation.matrix(),
                evaluation.roc(), evaluation.precisionRecall(), evaluation.slices());
        var results = new GateEvaluator(candidate, baseline == null ? null : baseline.metrics(), BASELINE_HINT)
                .evaluate(policy.gates());
        return new ValidationResult(spec, complete, baseline, comparisons, results, Verdict.of(results),
                positiveLabel);
    }

    /** A gate over a group column that is not a --group column can never be evaluated: say so now. */
    public static void checkGates(final ValidationSpec spec, final Policy policy) {
        for (var gate : policy.gates()) {
            var qualifier = gate.metric().qualifier();
            if (qualifier == null) {
                continue;
            }
            var column = gate.metric().isSlice() ? qualifier.substring(0, qualifier.indexOf('=')) : qualifier;
            if (!spec.groups().contains(column)) {
                throw new InputException("gate '%s' refers to column '%s', which is not a --group column%s",
                        gate.expression(), column, spec.groups().isEmpty() ? "" : " (groups: "
                                + String.join(", ", spec.groups()) + ")");
            }
        }
    }

    /**
     * The positive class of a binary task, from the classes of the predictions and of the baseline
     * (null without one), each in order of first appearance; {@code file} and {@code baselineFile}
     * name them in errors.
     */
    public static String positiveLabel(final ValidationSpec spec, final List<String> classes, final String file,
            @CheckForNull final List<String> baselineClasses, @CheckForNull final String baselineFile) {
        var union = new Dictionary(2, "classes for a binary task (use --task multiclass?)");
        for (String value : classes) {
            union.code(value, file, 0);
        }
        if (baselineClasses != null) {
            for (String value : baselineClasses) {
                union.code(value, baselineFile, 0);
            }
        }
        var code = PositiveClass.resolve(union, spec.positiveLabel(), file);
        if (code < 0) {
            return LabelValue.canonical(spec.positiveLabel());
        }
        return union.value(code);
    }

    private static MetricValues withComparisons(final Evaluation evaluation, final List<Comparison> comparisons,
            final boolean hasBaseline) {
        var builder = MetricValues.builder();
        evaluation.metrics().asMap().forEach(builder::put);
        evaluation.metrics().notes().forEach(builder::note);
        for (Comparison comparison : comparisons) {
            builder.put(comparison.metric() + "_delta", comparison.delta());
            builder.put(comparison.metric() + "_delta_ci_lower", comparison.ciLower());
            builder.put(comparison.metric() + "_delta_ci_upper", comparison.ciUpper());
            builder.put(comparison.metric() + "_delta_p_value", comparison.pValue());
        }
        for (String metric : pairedMetrics(evaluation)) {
            if (evaluationLacks(comparisons, metric)) {
                for (String suffix : COMPARISON_SUFFIXES) {
                    builder.note(metric + suffix, hasBaseline
                            ? "no paired test of " + metric + " exists for this input"
                            : "compares with a baseline: give " + BASELINE_HINT);
                }
            }
        }
        return builder.build();
    }

    /** The metrics that have a paired challenger-vs-baseline test for this task. */
    private static List<String> pairedMetrics(final Evaluation evaluation) {
        return switch (evaluation.task()) {
            case BINARY -> evaluation.roc() == null ? List.of("accuracy") : List.of("roc_auc", "accuracy");
            case MULTICLASS -> List.of("accuracy");
            case REGRESSION -> List.of();
        };
    }

    private static boolean evaluationLacks(final List<Comparison> comparisons, final String metric) {
        return comparisons.stream().noneMatch(comparison -> comparison.metric().equals(metric));
    }
}
