package io.mlcd.robustness;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricValues;
import io.mlcd.gate.Verdict;
import io.mlcd.validation.Task;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a robustness run measured and how its gates came out.
 *
 * @param labelColumn     the label column, null without labels
 * @param originalMetrics the headline metrics on the unperturbed rows (with a label)
 * @param columns         per-column sensitivity, most fragile first
 * @param metrics         the gate metrics' point values ({@code flip_rate[noise:income:0.1]}, {@code max_flip_rate}, …)
 * @param notes           what could not be measured and why
 */
public record RobustnessResult(Task task, int rows, long seed, double decisionThreshold, @CheckForNull String labelColumn,
        List<ColumnBounds> bounds, Map<String, Double> originalMetrics, List<PerturbationResult> perturbations,
        List<ColumnSensitivity> columns, WeakSegments.Found segments, MetricValues metrics, List<GateResult> gates,
        Verdict verdict, List<String> notes) {
    public RobustnessResult {
        bounds = List.copyOf(bounds);
        originalMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(originalMetrics));
        perturbations = List.copyOf(perturbations);
        columns = List.copyOf(columns);
        gates = List.copyOf(gates);
        notes = List.copyOf(notes);
    }
}
