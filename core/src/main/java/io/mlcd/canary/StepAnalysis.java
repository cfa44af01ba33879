package io.mlcd.canary;

import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricValues;
import java.util.List;

/** One analysis of canary against baseline: both sides' metrics, every gate's result, the outcome. */
public record StepAnalysis(MetricValues canary, MetricValues baseline, List<GateResult> gates, StepOutcome outcome) {
    public StepAnalysis {
        gates = List.copyOf(gates);
    }
}
