package io.mlcd.canary;

import io.mlcd.gate.GateResult;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One analysed window of a rollout, as persisted and reported.
 *
 * @param gates each gate's expression, severity, outcome and message
 */
public record StepRecord(int weight, Instant from, Instant to, Map<String, Double> canary,
        Map<String, Double> baseline, List<GateRecord> gates, StepOutcome outcome) {
    public StepRecord {
        canary = Collections.unmodifiableMap(new LinkedHashMap<>(canary));
        baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
        gates = List.copyOf(gates);
    }

    /** One gate's result in a form that survives a JSON round trip. */
    public record GateRecord(String expression, String severity, String outcome, String message) {
        static GateRecord of(final GateResult result) {
            return new GateRecord(result.gate().expression(), result.gate().severity().name(), result.outcome().name(),
                    result.message());
        }
    }

    static StepRecord of(final int weight, final Instant from, final Instant to, final StepAnalysis analysis) {
        return new StepRecord(weight, from, to, analysis.canary().asMap(), analysis.baseline().asMap(),
                analysis.gates().stream().map(GateRecord::of).toList(), analysis.outcome());
    }
}
