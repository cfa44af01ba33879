package io.mlcd.gate;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The outcome of one gate with the numbers behind it.
 *
 * @param value     the metric's value, null when it was missing
 * @param threshold the resolved threshold, null when it could not be resolved
 * @param baseline  the baseline's value of the metric, null for fixed thresholds or when missing
 * @param message   one line that states the comparison or what was missing
 */
public record GateResult(Gate gate, Outcome outcome, @CheckForNull Double value,
        @CheckForNull Double threshold, @CheckForNull Double baseline, String message) {
}
