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
 * {@link InputException} before any result exists.
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
        checkGatesAgainstInputs(spec, policy);
        var task = TaskInference.infer(spec);
        if (task != Task.BINARY && !spec.groups().isEmpty()) {
            throw new InputException("--group (fairness and slices) needs a binary task, but this is %s", task.id());
        }
        if (task != Task.BINARY && spec.positiveLabel() != null) {
            throw new InputException("--positive-label is for a binary task, but this is %s", task.id());
        }
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
                positiveLabel = positiveLabel(spec, rows, baselineRows);
                var evaluator = new BinaryEvaluator(spec.decisionThreshold(), spec.groups());
                evaluation = evaluator.evaluate(rows, rows.classes.indexOf(positiveLabel));
                if (baselineRows != null) {
                    var positiveInBaseline = baselineRows.classes.indexOf(positiveLabel);
                    baseline = evaluator.evaluate(baselineRows, positiveInBaseline);
                    comparisons.addAll(Comparisons.binary(rows, baselineRows, alignment,
                            rows.classes.indexOf(positiveLabel), positiveInBaseline, spec.decisionThreshold()));
                }
            }
            case MULTICLASS -> {
                evaluation = new MulticlassEvaluator().evaluate(rows);
                if (baselineRows != null) {
                    baseline = new MulticlassEvaluator().evaluate(baselineRows);
                    comparisons.add(Comparisons.accuracy(rows, baselineRows, alignment));
                }
            }
            default -> {
                evaluation = new RegressionEvaluator().evaluate(rows);
                if (baselineRows != null) {
                    baseline = new RegressionEvaluator().evaluate(baselineRows);
                }
            }
        }
        var candidate = withComparisons(evaluation, comparisons, baselineRows != null);
        evaluation = new Evaluation(evaluation.task(), evaluation.rows(), candidate, evaluation.matrix(),
                evaluation.roc(), evaluation.precisionRecall(), evaluation.slices());
        var results = new GateEvaluator(candidate, baseline == null ? null : baseline.metrics(), BASELINE_HINT)
                .evaluate(policy.gates());
        return new ValidationResult(spec, evaluation, baseline, comparisons, results, Verdict.of(results),
                positiveLabel);
    }

    /** A gate over a group column that is not a --group column can never be evaluated: say so before reading data. */
    public static void checkGatesAgainstInputs(final ValidationSpec spec, final Policy policy) {
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

    private static String positiveLabel(final ValidationSpec spec, final PredictionRows rows,
            @CheckForNull final PredictionRows baseline) {
        var union = new Dictionary(2, "classes for a binary task (use --task multiclass?)");
        for (PredictionRows each : baseline == null ? List.of(rows) : List.of(rows, baseline)) {
            for (String value : each.classes.values()) {
                union.code(value, each.file, 0);
            }
        }
        var code = PositiveClass.resolve(union, spec.positiveLabel(), rows.file);
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
