package io.mlcd.gate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates gates against a candidate's metric values and, for gates relative to a baseline, the
 * baseline's values. Every gate is evaluated; missing or undefined numbers give ERROR with a
 * message that says what is missing, never an exception.
 */
public final class GateEvaluator {
    private final MetricValues candidate;
    @CheckForNull
    private final MetricValues baseline;
    private final String baselineHint;

    /**
     * @param baseline     the baseline's values, or null when no baseline was given
     * @param baselineHint how a user supplies a baseline, for the message when it is missing
     */
    public GateEvaluator(final MetricValues candidate, @CheckForNull final MetricValues baseline,
            final String baselineHint) {
        this.candidate = candidate;
        this.baseline = baseline;
        this.baselineHint = baselineHint;
    }

    public List<GateResult> evaluate(final List<Gate> gates) {
        var results = new ArrayList<GateResult>(gates.size());
        for (Gate gate : gates) {
            results.add(evaluate(gate));
        }
        return List.copyOf(results);
    }

    public GateResult evaluate(final Gate gate) {
        var key = gate.metric();
        var value = candidate.value(key);
        if (value.isEmpty()) {
            return error(gate, null, null, key + " is missing: "
                    + candidate.note(key).orElse("it was not computed for this input"));
        }
        var actual = value.getAsDouble();
        if (Double.isNaN(actual)) {
            return error(gate, actual, null, key + " is undefined (NaN)"
                    + candidate.note(key).map(note -> ": " + note).orElse(""));
        }
        if (!gate.threshold().needsBaseline()) {
            return compare(gate, actual, gate.threshold().resolve(0), null);
        }
        var reference = baselineValue(gate);
        if (reference.isEmpty()) {
            return error(gate, actual, null, baselineProblem(key));
        }
        var base = reference.get();
        return compare(gate, actual, gate.threshold().resolve(base), base);
    }

    private Optional<Double> baselineValue(final Gate gate) {
        if (baseline == null) {
            return Optional.empty();
        }
        var value = baseline.value(gate.metric());
        if (value.isEmpty() || Double.isNaN(value.getAsDouble())) {
            return Optional.empty();
        }
        return Optional.of(value.getAsDouble());
    }

    private String baselineProblem(final MetricKey key) {
        if (baseline == null) {
            return "the gate compares with a baseline, but none was given (" + baselineHint + ")";
        }
        var value = baseline.value(key);
        var note = baseline.note(key).map(text -> ": " + text).orElse("");
        return value.isEmpty()
                ? "the baseline's " + key + " is missing" + note
                : "the baseline's " + key + " is undefined (NaN)" + note;
    }

    private static GateResult compare(final Gate gate, final double actual, final double threshold,
            @CheckForNull final Double base) {
        var passed = gate.operator().holds(actual, threshold);
        var values = formatPair(actual, threshold);
        var relation = passed ? gate.operator().symbol() : "is not " + gate.operator().symbol();
        var message = gate.metric() + " = " + values[0] + " " + relation + " " + values[1];
        if (base != null) {
            message += " (" + gate.threshold().derivation(base) + ")";
        }
        return new GateResult(gate, passed ? Outcome.PASSED : Outcome.FAILED, actual, threshold, base,
                message);
    }

    /** Formats both numbers short, unless short forms would hide that they differ. */
    private static String[] formatPair(final double actual, final double threshold) {
        var left = Numbers.format(actual);
        var right = Numbers.format(threshold);
        if (left.equals(right) && actual != threshold) {
            return new String[] {Double.toString(actual), Double.toString(threshold)};
        }
        return new String[] {left, right};
    }

    private static GateResult error(final Gate gate, @CheckForNull final Double actual,
            @CheckForNull final Double base, final String message) {
        return new GateResult(gate, Outcome.ERROR, actual, null, base, message);
    }
}
