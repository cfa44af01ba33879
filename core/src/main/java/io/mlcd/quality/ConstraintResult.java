package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.Gate;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.Operator;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Severity;
import io.mlcd.gate.Threshold;
import java.util.List;

/**
 * How one constraint of the schema fared on the batch: the gate it is evaluated as, with what was
 * observed and how it was known.
 *
 * @param type       the anomaly it raises when it fails
 * @param column     its column, or null for the data set
 * @param observed   the number compared (a count, share, statistic or distance), null when none
 * @param expected   what the schema asks, as text ({@code in [18, 95]}, {@code 0 values outside})
 * @param count      values or rows that broke it, null when it has no count (statistics, skew)
 * @param exact      whether the numbers are exact, or estimated from a profile's sketch
 * @param errorBound the sketch's bound on the error of {@code observed}, null when exact
 * @param examples   up to {@value DataScan#EXAMPLES} offending values, in file order when read from data
 * @param gate       the gate this constraint is evaluated as (its expression is the constraint's name)
 */
public record ConstraintResult(String name, AnomalyType type, @CheckForNull String column, Severity severity,
        Outcome outcome, @CheckForNull Double observed, String expected, @CheckForNull Long count, boolean exact,
        @CheckForNull Double errorBound, List<String> examples, boolean inferred, String message, Gate gate) {
    public ConstraintResult {
        examples = List.copyOf(examples);
    }

    /** The gate's result, as every step's gates are reported and recorded. */
    public GateResult gateResult() {
        var threshold = gate.threshold() instanceof Threshold.Fixed fixed ? fixed.value() : null;
        return new GateResult(gate, outcome, observed, outcome == Outcome.ERROR ? null : threshold, null, message);
    }

    /** A failed constraint is an anomaly; one that could not be evaluated is not (its gate is an ERROR). */
    public boolean isAnomaly() {
        return outcome == Outcome.FAILED;
    }

    /** The gate of a constraint: its name as expression, on the metric {@code key[column]}. */
    static Gate gate(final String name, final String key, @CheckForNull final String column, final Operator operator,
            final double threshold, final Severity severity) {
        return new Gate(name, column == null ? MetricKey.of(key) : MetricKey.grouped(key, column), operator,
                new Threshold.Fixed(threshold), severity);
    }
}
