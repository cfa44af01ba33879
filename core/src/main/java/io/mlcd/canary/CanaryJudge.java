package io.mlcd.canary;

import io.mlcd.gate.Gate;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricValues;
import io.mlcd.gate.Operator;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Severity;
import io.mlcd.util.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * Judges one analysis window, canary against baseline, so that noise alone neither fails nor
 * passes a gate. A gate passes when its confidence interval lies wholly on the good side of the
 * threshold, fails when wholly on the bad side, and is INCONCLUSIVE otherwise:
 * <ul>
 *   <li>error rate, fixed threshold: Wilson interval of the canary's rate;
 *   <li>error rate against the baseline: Newcombe interval of the difference (a factor f
 *       becomes the margin (f - 1) times the baseline's rate);
 *   <li>latency quantile, fixed threshold: distribution-free order-statistic interval;
 *   <li>latency against the baseline: one-sided Mann-Whitney U tests of the canary's latencies
 *       against the baseline's shifted or scaled as the gate says, each way;
 *   <li>request counts and prediction drift (a Kolmogorov-Smirnov test of the two sides'
 *       predictions, which carries its own p-value) are compared as they are.
 * </ul>
 * With fewer requests than the minimum on either side, every gate is INCONCLUSIVE.
 */
public final class CanaryJudge {
    private final long minRequests;
    private final double confidence;

    /**
     * @param minRequests the fewest requests each side must serve in the window for a decision
     * @param confidence  two-sided confidence of the intervals, e.g. 0.95; each one-sided
     *                    decision is then taken at (1 - confidence) / 2
     */
    public CanaryJudge(final long minRequests, final double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie between 0 and 1, got " + confidence);
        }
        this.minRequests = minRequests;
        this.confidence = confidence;
    }

    public StepAnalysis judge(final WindowStats canary, final WindowStats baseline, final List<Gate> gates) {
        var canaryMetrics = metrics(canary, baseline);
        var baselineMetrics = metrics(baseline, canary);
        var results = new ArrayList<GateResult>();
        var starved = canary.requests() < minRequests || baseline.requests() < minRequests;
        for (Gate gate : gates) {
            if (starved) {
                results.add(new GateResult(gate, Outcome.INCONCLUSIVE, null, null, null, String.format(Locale.ROOT,
                        "too little traffic: canary %d, baseline %d requests (at least %d each)", canary.requests(),
                        baseline.requests(), minRequests)));
            }
            else {
                results.add(judge(gate, canary, baseline, canaryMetrics, baselineMetrics));
            }
        }
        return new StepAnalysis(canaryMetrics, baselineMetrics, results, outcome(results));
    }

    private GateResult judge(final Gate gate, final WindowStats canary, final WindowStats baseline,
            final MetricValues canaryMetrics, final MetricValues baselineMetrics) {
        var name = gate.metric().name();
        var value = canaryMetrics.value(gate.metric()).orElse(Double.NaN);
        var base = baselineMetrics.value(gate.metric()).orElse(Double.NaN);
        var threshold = gate.threshold().needsBaseline() ? gate.threshold().resolve(base) : gate.threshold().resolve(0);
        if (name.equals("error_rate")) {
            return errorRate(gate, canary, baseline, value, base, threshold);
        }
        if (name.startsWith("latency_p")) {
            return latency(gate, canary, baseline, value, base, threshold);
        }
        if (name.startsWith("prediction_drift") && (canary.observedPredictions().length == 0
                || baseline.observedPredictions().length == 0)) {
            return new GateResult(gate, Outcome.INCONCLUSIVE, null, null, null, "no predictions observed on "
                    + (canary.observedPredictions().length == 0 ? "the canary" : "the baseline"));
        }
        var holds = gate.operator().holds(value, threshold);
        return new GateResult(gate, holds ? Outcome.PASSED : Outcome.FAILED, value, threshold,
                gate.threshold().needsBaseline() ? base : null, gate.metric() + " = " + Numbers.format(value)
                        + (holds ? " " : " is not ") + gate.operator().symbol() + " " + Numbers.format(threshold));
    }

    private GateResult errorRate(final Gate gate, final WindowStats canary, final WindowStats baseline,
            final double value, final double base, final double threshold) {
        if (!gate.threshold().needsBaseline()) {
            var interval = Proportions.wilson(canary.errors(), canary.requests(), confidence);
            var outcome = decide(gate.operator(), interval, threshold);
            return new GateResult(gate, outcome, value, threshold, null, String.format(Locale.ROOT,
                    "error_rate %s (%d of %d), %s interval [%s, %s] vs %s %s: %s", Numbers.format(value),
                    canary.errors(), canary.requests(), percent(confidence), Numbers.format(interval.lower()),
                    Numbers.format(interval.upper()), gate.operator().symbol(), Numbers.format(threshold),
                    explain(outcome)));
        }
        var difference = Proportions.difference(canary.errors(), canary.requests(), baseline.errors(),
                baseline.requests(), confidence);
        var margin = threshold - base;
        var outcome = decide(gate.operator(), difference, margin);
        return new GateResult(gate, outcome, value, threshold, base, String.format(Locale.ROOT,
                "error_rate %s vs baseline %s: difference %s, %s interval [%s, %s] vs %s %s: %s",
                Numbers.format(value), Numbers.format(base), Numbers.format(difference.estimate()),
                percent(confidence), Numbers.format(difference.lower()), Numbers.format(difference.upper()),
                gate.operator().symbol(), Numbers.format(margin), explain(outcome)));
    }

    private GateResult latency(final Gate gate, final WindowStats canary, final WindowStats baseline,
            final double value, final double base, final double threshold) {
        var samples = canary.sortedLatencies();
        if (samples.length == 0) {
            return new GateResult(gate, Outcome.INCONCLUSIVE, null, null, null, "no latencies observed on the canary");
        }
        if (!gate.threshold().needsBaseline()) {
            var interval = Quantiles.interval(samples, quantile(gate), confidence);
            var outcome = decide(gate.operator(), interval, threshold);
            return new GateResult(gate, outcome, value, threshold, null, String.format(Locale.ROOT,
                    "%s %s ms, %s interval [%s, %s] vs %s %s ms: %s", gate.metric(), Numbers.format(value),
                    percent(confidence), Numbers.format(interval.lower()), Numbers.format(interval.upper()),
                    gate.operator().symbol(), Numbers.format(threshold), explain(outcome)));
        }
        var reference = baseline.sortedLatencies();
        if (reference.length == 0) {
            return new GateResult(gate, Outcome.INCONCLUSIVE, value, null, null, "no latencies observed on the baseline");
        }
        var shifted = new double[reference.length];
        for (int i = 0; i < reference.length; i++) {
            shifted[i] = gate.threshold().resolve(reference[i]);
        }
        var alpha = (1 - confidence) / 2;
        var canaryLarger = MannWhitney.greater(samples, shifted);
        var canarySmaller = MannWhitney.greater(shifted, samples);
        var wantsSmaller = gate.operator() == Operator.LESS_OR_EQUAL || gate.operator() == Operator.LESS;
        Outcome outcome;
        if ((wantsSmaller ? canarySmaller : canaryLarger) < alpha) {
            outcome = Outcome.PASSED;
        }
        else if ((wantsSmaller ? canaryLarger : canarySmaller) < alpha) {
            outcome = Outcome.FAILED;
        }
        else {
            outcome = Outcome.INCONCLUSIVE;
        }
        return new GateResult(gate, outcome, value, threshold, base, String.format(Locale.ROOT,
                "%s %s ms vs baseline %s ms; Mann-Whitney of canary latencies against baseline's as the gate "
                        + "scales them: p(canary larger) = %s, p(canary smaller) = %s, decided at %s: %s",
                gate.metric(), Numbers.format(value), Numbers.format(base), Numbers.format(canaryLarger),
                Numbers.format(canarySmaller), Numbers.format(alpha), explain(outcome)));
    }

    private static double quantile(final Gate gate) {
        return Integer.parseInt(gate.metric().name().substring("latency_p".length())) / 100.0;
    }

    /** PASSED when the whole interval satisfies the comparison, FAILED when none of it does. */
    static Outcome decide(final Operator operator, final Interval interval, final double threshold) {
        var wantsSmaller = operator == Operator.LESS_OR_EQUAL || operator == Operator.LESS;
        var worst = wantsSmaller ? interval.upper() : interval.lower();
        var best = wantsSmaller ? interval.lower() : interval.upper();
        if (operator.holds(worst, threshold)) {
            return Outcome.PASSED;
        }
        return operator.holds(best, threshold) ? Outcome.INCONCLUSIVE : Outcome.FAILED;
    }

    private MetricValues metrics(final WindowStats side, final WindowStats other) {
        var values = MetricValues.builder();
        values.put("requests", side.requests());
        values.put("error_rate", side.requests() == 0 ? Double.NaN : (double) side.errors() / side.requests());
        var latencies = side.sortedLatencies();
        for (int percentile : new int[] {50, 95, 99}) {
            values.put("latency_p" + percentile, latencies.length == 0 ? Double.NaN
                    : Quantiles.estimate(latencies, percentile / 100.0));
        }
        var mine = side.observedPredictions();
        var theirs = other.observedPredictions();
        if (mine.length > 0 && theirs.length > 0) {
            var test = new KolmogorovSmirnovTest();
            values.put("prediction_drift", test.kolmogorovSmirnovStatistic(mine, theirs));
            values.put("prediction_drift_p_value", test.kolmogorovSmirnovTest(mine, theirs));
        }
        return values.build();
    }

    private static StepOutcome outcome(final List<GateResult> results) {
        var outcome = StepOutcome.PASSED;
        for (GateResult result : results) {
            var candidate = switch (result.outcome()) {
                case PASSED -> StepOutcome.PASSED;
                case INCONCLUSIVE -> result.gate().severity() == Severity.FAIL ? StepOutcome.INCONCLUSIVE
                        : StepOutcome.WARNING;
                default -> result.gate().severity() == Severity.FAIL ? StepOutcome.FAILED : StepOutcome.WARNING;
            };
            if (candidate.ordinal() > outcome.ordinal()) {
                outcome = candidate;
            }
        }
        return outcome;
    }

    private static String explain(final Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "PASSED";
            case FAILED -> "FAILED";
            default -> "INCONCLUSIVE (the interval straddles the threshold)";
        };
    }

    private static String percent(final double confidence) {
        return Numbers.format(confidence * 100) + "%";
    }
}
