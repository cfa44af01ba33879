package io.mlcd.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.validation.ValidationCatalog;
import org.junit.Test;

public class GateEvaluatorTest {
    private final GateParser parser = new GateParser(new ValidationCatalog());
    private final MetricValues challenger = MetricValues.builder()
            .put("roc_auc", 0.8123)
            .put("log_loss", 0.41)
            .put("accuracy", 0.85)
            .put("precision", 0.7)
            .put("pr_auc", Double.NaN)
            .note("pr_auc", "the labels hold only one class")
            .note("brier", "needs a score column (--score)")
            .put(MetricKey.grouped("demographic_parity_difference", "sex"), 0.05)
            .build();
    private final MetricValues champion = MetricValues.builder()
            .put("roc_auc", 0.82)
            .put("log_loss", 0.40)
            .put("accuracy", Double.NaN)
            .build();

    private GateResult evaluate(final String expression, final MetricValues baseline) {
        return new GateEvaluator(challenger, baseline, "--baseline FILE").evaluate(parser.parse(expression,
                Severity.FAIL));
    }

    @Test
    public void shouldPassAndFailFixedThresholds() {
        var passed = evaluate("roc_auc >= 0.8", null);
        assertThat(passed.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(passed.message()).isEqualTo("roc_auc = 0.8123 >= 0.8");
        assertThat(passed.value()).isEqualTo(0.8123);
        assertThat(passed.threshold()).isEqualTo(0.8);
        assertThat(passed.baseline()).isNull();

        var failed = evaluate("roc_auc >= 0.85", null);
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.message()).isEqualTo("roc_auc = 0.8123 is not >= 0.85");
    }

    @Test
    public void shouldTreatBoundaryAsTheOperatorSays() {
        assertThat(evaluate("accuracy >= 0.85", null).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(evaluate("accuracy > 0.85", null).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(evaluate("accuracy <= 0.85", null).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(evaluate("accuracy < 0.85", null).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    public void shouldSpellOutBaselineArithmetic() {
        var offset = evaluate("roc_auc >= baseline - 0.01", champion);
        assertThat(offset.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(offset.threshold()).isEqualTo(0.82 - 0.01);
        assertThat(offset.baseline()).isEqualTo(0.82);
        assertThat(offset.message()).isEqualTo("roc_auc = 0.8123 >= 0.81 (baseline 0.82 - 0.01)");

        var factor = evaluate("log_loss <= baseline * 1.02", champion);
        assertThat(factor.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(factor.message()).isEqualTo("log_loss = 0.41 is not <= 0.408 (baseline 0.4 * 1.02)");
    }

    @Test
    public void shouldShowFullPrecisionWhenShortFormsWouldLookEqual() {
        var values = MetricValues.builder().put("accuracy", 0.8499999999).build();
        var result = new GateEvaluator(values, null, "--baseline FILE")
                .evaluate(parser.parse("accuracy >= 0.85", Severity.FAIL));
        assertThat(result.message()).isEqualTo("accuracy = 0.8499999999 is not >= 0.85");
    }

    @Test
    public void shouldReportMissingMetricAsError() {
        var result = evaluate("brier <= 0.2", null);
        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).isEqualTo("brier is missing: needs a score column (--score)");
        assertThat(result.value()).isNull();

        assertThat(evaluate("f1 >= 0.5", null).message())
                .isEqualTo("f1 is missing: it was not computed for this input");
    }

    @Test
    public void shouldReportUndefinedMetricAsError() {
        var result = evaluate("pr_auc >= 0.5", null);
        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).isEqualTo("pr_auc is undefined (NaN): the labels hold only one class");
    }

    @Test
    public void shouldReportMissingBaselineAsError() {
        var none = evaluate("roc_auc >= baseline - 0.01", null);
        assertThat(none.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(none.message())
                .isEqualTo("the gate compares with a baseline, but none was given (--baseline FILE)");
        assertThat(none.value()).isEqualTo(0.8123);

        assertThat(evaluate("precision >= baseline", champion).message())
                .isEqualTo("the baseline's precision is missing");
        assertThat(evaluate("accuracy >= baseline", champion).message())
                .isEqualTo("the baseline's accuracy is undefined (NaN)");
    }

    @Test
    public void shouldMultiplyNegativeAndZeroBaselinesAsWritten() {
        var values = MetricValues.builder().put("r2", -0.1).build();
        var baseline = MetricValues.builder().put("r2", -0.2).build();
        var result = new GateEvaluator(values, baseline, "x").evaluate(parser.parse("r2 >= baseline * 1.1",
                Severity.FAIL));
        assertThat(result.threshold()).isEqualTo(-0.2 * 1.1);
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.message()).isEqualTo("r2 = -0.1 >= -0.22 (baseline -0.2 * 1.1)");
    }

    @Test
    public void shouldEvaluateGroupedMetrics() {
        assertThat(evaluate("demographic_parity_difference[sex] <= 0.1", null).message())
                .isEqualTo("demographic_parity_difference[sex] = 0.05 <= 0.1");
    }
}
