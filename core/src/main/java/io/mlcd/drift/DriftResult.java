package io.mlcd.drift;

import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricValues;
import io.mlcd.gate.Verdict;
import java.util.List;

/**
 * Everything {@code mlcd drift} found: per-column results sorted for reading (prediction and
 * target first, then drifted columns by how far past their threshold, then the rest), the share
 * of drifted columns, the gate metrics, every gate's result and the verdict.
 */
public record DriftResult(Profile reference, Profile current, List<ColumnDrift> columns, double driftShare,
        MetricValues metrics, List<GateResult> gates, Verdict verdict) {
    public DriftResult {
        columns = List.copyOf(columns);
        gates = List.copyOf(gates);
    }

    public long driftedColumns() {
        return columns.stream().filter(ColumnDrift::drifted).count();
    }
}
