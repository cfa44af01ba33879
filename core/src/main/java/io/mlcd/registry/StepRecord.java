package io.mlcd.registry;

import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step writes to an MLflow run: its verdict and summary, its metrics, its gates and its
 * report files.
 *
 * @param step    the step's name in tag keys: {@code validation} or {@code drift}
 * @param metrics metric key (as in the report, e.g. {@code demographic_parity_difference[sex]}) to value
 * @param reports report files to upload under {@code mlcd/}
 */
public record StepRecord(String step, Verdict verdict, String summary, Map<String, Double> metrics,
        List<GateResult> gates, List<Path> reports) {
    public StepRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        gates = List.copyOf(gates);
        reports = List.copyOf(reports);
    }
}
