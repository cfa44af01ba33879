package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.gate.Gate;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Severity;
import io.mlcd.gate.Threshold;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class CanaryJudgeTest {
    private static final GateParser PARSER = new GateParser(new CanaryCatalog());
    private final CanaryJudge judge = new CanaryJudge(100, 0.95);

    private static Gate gate(final String expression) {
        return PARSER.parse(expression, Severity.FAIL);
    }

    /** Log-normal latencies around {@code medianMillis}, as web services show. */
    private static double[] latencies(final int n, final double medianMillis, final long seed) {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = medianMillis * Math.exp(0.3 * random.nextGaussian());
        }
        return values;
    }

    private static WindowStats side(final int requests, final int errors, final double medianMillis, final long seed) {
        return WindowStats.of(requests, errors, latencies(requests, medianMillis, seed), new double[0]);
    }

    private Outcome outcome(final String expression, final WindowStats canary, final WindowStats baseline) {
        return judge.judge(canary, baseline, List.of(gate(expression))).gates().get(0).outcome();
    }

    @Test
    public void shouldReadUnitsInGates() {
        assertThat(gate("latency_p95 <= 0.3s").threshold()).isEqualTo(new Threshold.Fixed(300));
        assertThat(gate("latency_p95 <= 250 ms").threshold()).isEqualTo(new Threshold.Fixed(250));
        assertThat(gate("error_rate <= baseline + 1%").threshold()).isEqualTo(new Threshold.BaselineOffset(0.01));
    }

    @Test
    public void shouldPassAHealthyCanaryAndFailAnErroringOne() {
        var baseline = side(2000, 0, 50, 1);
        assertThat(outcome("error_rate <= baseline + 1%", side(2000, 0, 50, 2), baseline)).isEqualTo(Outcome.PASSED);
        assertThat(outcome("error_rate <= baseline + 1%", side(2000, 200, 50, 2), baseline)).isEqualTo(Outcome.FAILED);
        assertThat(outcome("error_rate <= 0.02", side(2000, 200, 50, 2), baseline)).isEqualTo(Outcome.FAILED);
    }

    @Test
    public void shouldNotDecideWhenNoiseCouldExplainTheDifference() {
        // 3 errors in 150 vs 0 in 150: a 2% error rate that may be chance
        assertThat(outcome("error_rate <= baseline + 1%", side(150, 3, 50, 2), side(150, 0, 50, 1)))
                .isEqualTo(Outcome.INCONCLUSIVE);
    }

    @Test
    public void shouldBeInconclusiveWithTooLittleTraffic() {
        var analysis = judge.judge(side(40, 0, 50, 2), side(2000, 0, 50, 1), List.of(gate("error_rate <= 0.05")));

        assertThat(analysis.outcome()).isEqualTo(StepOutcome.INCONCLUSIVE);
        assertThat(analysis.gates().get(0).message()).isEqualTo(
                "too little traffic: canary 40, baseline 2000 requests (at least 100 each)");
    }

    @Test
    public void shouldJudgeLatencyAgainstTheBaselineWithMannWhitney() {
        var baseline = side(1000, 0, 50, 1);
        assertThat(outcome("latency_p95 <= baseline * 1.2", side(1000, 0, 50, 2), baseline)).isEqualTo(Outcome.PASSED);
        assertThat(outcome("latency_p95 <= baseline * 1.2", side(1000, 0, 100, 2), baseline)).isEqualTo(Outcome.FAILED);
        assertThat(outcome("latency_p95 <= baseline", side(1000, 0, 50, 2), baseline)).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(outcome("latency_p95 <= baseline + 20ms", side(1000, 0, 50, 2), baseline)).isEqualTo(Outcome.PASSED);
    }

    @Test
    public void shouldJudgeAFixedLatencyBoundWithTheQuantilesInterval() {
        var baseline = side(1000, 0, 50, 1);
        assertThat(outcome("latency_p95 <= 300ms", side(1000, 0, 100, 2), baseline)).isEqualTo(Outcome.PASSED);
        assertThat(outcome("latency_p95 <= 300ms", side(1000, 0, 400, 2), baseline)).isEqualTo(Outcome.FAILED);
    }

    @Test
    public void shouldDetectShiftedPredictions() {
        var random = new Random(5);
        var same = new double[500];
        var shifted = new double[500];
        var reference = new double[500];
        for (int i = 0; i < 500; i++) {
            reference[i] = random.nextDouble();
            same[i] = random.nextDouble();
            shifted[i] = Math.min(1, random.nextDouble() + 0.2);
        }
        var baseline = WindowStats.of(500, 0, latencies(500, 50, 1), reference);
        var gate = "prediction_drift_p_value >= 0.01";
        assertThat(outcome(gate, WindowStats.of(500, 0, latencies(500, 50, 2), same), baseline)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(gate, WindowStats.of(500, 0, latencies(500, 50, 2), shifted), baseline))
                .isEqualTo(Outcome.FAILED);
        assertThat(outcome(gate, side(500, 0, 50, 2), baseline)).isEqualTo(Outcome.INCONCLUSIVE);
    }

    @Test
    public void shouldDecideOnWhichSideOfTheThresholdTheIntervalLies() {
        assertThat(CanaryJudge.decide(io.mlcd.gate.Operator.LESS_OR_EQUAL, new Interval(0.1, 0.05, 0.15), 0.2))
                .isEqualTo(Outcome.PASSED);
        assertThat(CanaryJudge.decide(io.mlcd.gate.Operator.LESS_OR_EQUAL, new Interval(0.1, 0.05, 0.15), 0.12))
                .isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(CanaryJudge.decide(io.mlcd.gate.Operator.LESS_OR_EQUAL, new Interval(0.1, 0.05, 0.15), 0.04))
                .isEqualTo(Outcome.FAILED);
        assertThat(CanaryJudge.decide(io.mlcd.gate.Operator.GREATER_OR_EQUAL, new Interval(0.1, 0.05, 0.15), 0.04))
                .isEqualTo(Outcome.PASSED);
        assertThat(CanaryJudge.decide(io.mlcd.gate.Operator.GREATER, new Interval(0.1, 0.05, 0.15), 0.15))
                .isEqualTo(Outcome.FAILED);
    }
}
