package io.mlcd.robustness;

import io.mlcd.gate.Gate;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.MetricValues;
import io.mlcd.gate.Operator;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Policy;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges robustness gates on intervals, not point estimates, as canary gates are: a gate passes
 * when the worse end of the 95% interval satisfies it (the upper end for {@code <=}), fails when
 * even the better end does not, and is INCONCLUSIVE (which counts as falling short) when the
 * interval straddles the threshold. A maximum over perturbations passes when every perturbation
 * passes, fails when one fails, and is otherwise inconclusive. {@code weak_segments} is a count
 * and compared as it is.
 */
public final class RobustnessGates {
    private RobustnessGates() {
    }

    /** Refuses gates that compare with a baseline: a robustness run has none. */
    public static void check(final Policy policy) {
        for (Gate gate : policy.gates()) {
            if (gate.threshold().needsBaseline()) {
                throw new InputException("gate '%s': robustness gates compare with a number, e.g. %s <= 0.05; "
                        + "the unperturbed rows are the baseline already", gate.expression(), gate.metric());
            }
        }
    }

    public static List<GateResult> evaluate(final Policy policy, final List<PerturbationResult> results,
            final WeakSegments.Found segments) {
        var outcomes = new ArrayList<GateResult>();
        for (Gate gate : policy.gates()) {
            outcomes.add(evaluate(gate, results, segments));
        }
        return outcomes;
    }

    /** The point values of every gate metric, for records and reports. */
    public static MetricValues metrics(final List<PerturbationResult> results, final WeakSegments.Found segments) {
        var values = MetricValues.builder();
        for (Measure measure : Measure.values()) {
            var max = Double.NEGATIVE_INFINITY;
            var any = false;
            for (PerturbationResult result : results) {
                var estimate = measure.of(result);
                if (estimate.isPresent()) {
                    any = true;
                    values.put(new MetricKey(measure.id(), result.id()), estimate.get().value());
                    max = Math.max(max, Double.isNaN(estimate.get().value()) ? max : estimate.get().value());
                }
            }
            if (any) {
                values.put(Measure.MAX + measure.id(), max == Double.NEGATIVE_INFINITY ? Double.NaN : max);
            }
        }
        values.put(RobustnessCatalog.WEAK_SEGMENTS, segments.significant());
        return values.build();
    }

    private static GateResult evaluate(final Gate gate, final List<PerturbationResult> results,
            final WeakSegments.Found segments) {
        var name = gate.metric().name();
        var threshold = gate.threshold().resolve(0);
        if (name.equals(RobustnessCatalog.WEAK_SEGMENTS)) {
            var count = segments.significant();
            var holds = gate.operator().holds(count, threshold);
            return new GateResult(gate, holds ? Outcome.PASSED : Outcome.FAILED, (double) count, threshold, null,
                    String.format(Locale.ROOT, "weak_segments = %d significant of %d slices tested %s %s", count,
                            segments.tested(), holds ? gate.operator().symbol() : "is not " + gate.operator().symbol(),
                            Numbers.format(threshold)));
        }
        if (name.startsWith(Measure.MAX)) {
            return maximum(gate, Measure.byId(name.substring(Measure.MAX.length())).orElseThrow(), results, threshold);
        }
        var measure = Measure.byId(name).orElseThrow();
        var id = RobustnessCatalog.canonical(gate.metric().qualifier()).orElseThrow();
        var result = results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        var estimate = measure.of(result);
        if (estimate.isEmpty()) {
            return error(gate, notMeasured(measure));
        }
        if (!estimate.get().isDefined()) {
            return error(gate, gate.metric() + " is undefined: " + undefined(measure));
        }
        var outcome = decide(gate.operator(), estimate.get(), threshold);
        return new GateResult(gate, outcome, estimate.get().value(), threshold, null,
                describe(measure.id() + "[" + id + "]", estimate.get(), gate, threshold, outcome));
    }

    private static GateResult maximum(final Gate gate, final Measure measure, final List<PerturbationResult> results,
            final double threshold) {
        PerturbationResult worst = null;
        Estimate worstEstimate = null;
        PerturbationResult deciding = null;
        var outcome = Outcome.PASSED;
        for (PerturbationResult result : results) {
            var estimate = measure.of(result);
            if (estimate.isEmpty()) {
                return error(gate, notMeasured(measure));
            }
            if (!estimate.get().isDefined()) {
                return error(gate, measure.id() + "[" + result.id() + "] is undefined: " + undefined(measure));
            }
            if (worstEstimate == null || estimate.get().value() > worstEstimate.value()) {
                worst = result;
                worstEstimate = estimate.get();
            }
            var own = decide(gate.operator(), estimate.get(), threshold);
            // the perturbation that decides: the worst outcome, and among equal ones the largest value
            if (rank(own) > rank(outcome) || rank(own) == rank(outcome) && deciding != null
                    && estimate.get().value() > measure.of(deciding).orElseThrow().value()) {
                outcome = own;
                deciding = result;
            }
        }
        if (worst == null) {
            return error(gate, "no perturbation was run");
        }
        var shown = deciding == null ? worst : deciding;
        var message = describe(measure.id() + "[" + shown.id() + "]", measure.of(shown).orElseThrow(), gate,
                threshold, outcome);
        return new GateResult(gate, outcome, worstEstimate.value(), threshold, null, String.format(Locale.ROOT,
                "%s = %s at %s; %s", gate.metric(), Numbers.format(worstEstimate.value()), worst.id(), message));
    }

    private static int rank(final Outcome outcome) {
        return switch (outcome) {
            case PASSED -> 0;
            case INCONCLUSIVE -> 1;
            default -> 2;
        };
    }

    /** PASSED when the whole interval satisfies the comparison, FAILED when none of it does. */
    static Outcome decide(final Operator operator, final Estimate estimate, final double threshold) {
        var wantsSmaller = operator == Operator.LESS_OR_EQUAL || operator == Operator.LESS;
        var worse = wantsSmaller ? estimate.upper() : estimate.lower();
        var better = wantsSmaller ? estimate.lower() : estimate.upper();
        if (operator.holds(worse, threshold)) {
            return Outcome.PASSED;
        }
        return operator.holds(better, threshold) ? Outcome.INCONCLUSIVE : Outcome.FAILED;
    }

    private static String describe(final String key, final Estimate estimate, final Gate gate, final double threshold,
            final Outcome outcome) {
        return String.format(Locale.ROOT, "%s = %s, 95%% interval [%s, %s] vs %s %s: %s", key,
                Numbers.format(estimate.value()), Numbers.format(estimate.lower()), Numbers.format(estimate.upper()),
                gate.operator().symbol(), Numbers.format(threshold), switch (outcome) {
                    case PASSED -> "PASSED";
                    case FAILED -> "FAILED";
                    default -> "INCONCLUSIVE (the interval straddles the threshold)";
                });
    }

    private static String notMeasured(final Measure measure) {
        return switch (measure) {
            case FLIP_RATE -> "flip_rate is not measured for regression models";
            case ROC_AUC_DROP -> "roc_auc_drop needs --label and a binary model that answers scores";
            case ACCURACY_DROP -> "accuracy_drop needs --label and a classification model";
            case RMSE_INCREASE, MAE_INCREASE -> measure.id() + " needs --label and a regression model";
            default -> measure.id() + " was not measured";
        };
    }

    private static String undefined(final Measure measure) {
        return switch (measure) {
            case ROC_AUC_DROP -> "DeLong's interval needs at least two rows of each class";
            case MEAN_REL_CHANGE -> "every original score is 0";
            default -> "no row had an answer and a label on both sides";
        };
    }

    private static GateResult error(final Gate gate, final String message) {
        return new GateResult(gate, Outcome.ERROR, null, null, null, message);
    }
}
