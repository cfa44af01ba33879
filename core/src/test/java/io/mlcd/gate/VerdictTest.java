package io.mlcd.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.Test;

public class VerdictTest {
    private static GateResult result(final Severity severity, final Outcome outcome) {
        var gate = new Gate("accuracy >= 0.5", MetricKey.of("accuracy"), Operator.GREATER_OR_EQUAL,
                new Threshold.Fixed(0.5), severity);
        return new GateResult(gate, outcome, 0.4, 0.5, null, "m");
    }

    @Test
    public void shouldPassWithoutGates() {
        assertThat(Verdict.of(List.of())).isEqualTo(Verdict.PASSED);
    }

    @Test
    public void shouldWeighOutcomesBySeverity() {
        assertThat(Verdict.of(List.of(result(Severity.FAIL, Outcome.PASSED), result(Severity.WARN, Outcome.PASSED))))
                .isEqualTo(Verdict.PASSED);
        assertThat(Verdict.of(List.of(result(Severity.FAIL, Outcome.PASSED), result(Severity.WARN, Outcome.FAILED))))
                .isEqualTo(Verdict.WARNING);
        assertThat(Verdict.of(List.of(result(Severity.WARN, Outcome.ERROR)))).isEqualTo(Verdict.WARNING);
        assertThat(Verdict.of(List.of(result(Severity.FAIL, Outcome.ERROR), result(Severity.WARN, Outcome.FAILED))))
                .isEqualTo(Verdict.FAILED);
        assertThat(Verdict.of(List.of(result(Severity.WARN, Outcome.FAILED), result(Severity.FAIL, Outcome.FAILED))))
                .isEqualTo(Verdict.FAILED);
    }

    @Test
    public void shouldMapToCliExitStatus() {
        assertThat(Verdict.PASSED.exitStatus()).isZero();
        assertThat(Verdict.FAILED.exitStatus()).isEqualTo(1);
        assertThat(Verdict.WARNING.exitStatus()).isEqualTo(3);
    }
}
