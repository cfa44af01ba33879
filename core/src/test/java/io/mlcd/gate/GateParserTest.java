package io.mlcd.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.validation.ValidationCatalog;
import org.junit.Test;

public class GateParserTest {
    private final GateParser parser = new GateParser(new ValidationCatalog());

    @Test
    public void shouldParseFixedThreshold() {
        var gate = parser.parse("roc_auc >= 0.85", Severity.FAIL);

        assertThat(gate.metric()).isEqualTo(MetricKey.of("roc_auc"));
        assertThat(gate.operator()).isEqualTo(Operator.GREATER_OR_EQUAL);
        assertThat(gate.threshold()).isEqualTo(new Threshold.Fixed(0.85));
        assertThat(gate.severity()).isEqualTo(Severity.FAIL);
        assertThat(gate.expression()).isEqualTo("roc_auc >= 0.85");
    }

    @Test
    public void shouldParseEveryOperatorWithOrWithoutBlanks() {
        assertThat(parser.parse("log_loss<=0.4", Severity.WARN).operator()).isEqualTo(Operator.LESS_OR_EQUAL);
        assertThat(parser.parse("  f1 > .5 ", Severity.FAIL).operator()).isEqualTo(Operator.GREATER);
        assertThat(parser.parse("brier < 1e-1", Severity.FAIL).threshold()).isEqualTo(new Threshold.Fixed(0.1));
    }

    @Test
    public void shouldParseAbsoluteChangeAgainstBaseline() {
        assertThat(parser.parse("roc_auc >= baseline - 0.01", Severity.FAIL).threshold())
                .isEqualTo(new Threshold.BaselineOffset(-0.01));
        assertThat(parser.parse("rmse <= baseline+2", Severity.FAIL).threshold())
                .isEqualTo(new Threshold.BaselineOffset(2));
        assertThat(parser.parse("accuracy >= baseline", Severity.FAIL).threshold())
                .isEqualTo(new Threshold.BaselineOffset(0));
    }

    @Test
    public void shouldParseRelativeChangeAgainstBaseline() {
        assertThat(parser.parse("log_loss <= baseline * 1.05", Severity.FAIL).threshold())
                .isEqualTo(new Threshold.BaselineFactor(1.05));
    }

    @Test
    public void shouldParseGroupAndSliceQualifiers() {
        assertThat(parser.parse("demographic_parity_difference[sex] <= 0.1", Severity.FAIL).metric())
                .isEqualTo(MetricKey.grouped("demographic_parity_difference", "sex"));
        var slice = parser.parse("recall[region=north] >= 0.7", Severity.FAIL).metric();
        assertThat(slice).isEqualTo(MetricKey.slice("recall", "region", "north"));
        assertThat(slice.isSlice()).isTrue();
        assertThat(slice.toString()).isEqualTo("recall[region=north]");
    }

    @Test
    public void shouldRejectMalformedExpressions() {
        assertThatThrownBy(() -> parser.parse("roc_auc => 0.85", Severity.FAIL))
                .isInstanceOf(InputException.class)
                .hasMessage("malformed gate 'roc_auc => 0.85': expected 'metric OP threshold' with OP one of >= > <= <");
        assertThatThrownBy(() -> parser.parse("roc_auc 0.85", Severity.FAIL))
                .hasMessage("malformed gate 'roc_auc 0.85': expected 'metric OP threshold' with OP one of >= > <= <");
        assertThatThrownBy(() -> parser.parse("roc_auc >= baseline / 2", Severity.FAIL))
                .hasMessageContaining("is neither a number nor 'baseline'");
        assertThatThrownBy(() -> parser.parse("roc_auc >= ", Severity.FAIL))
                .hasMessageContaining("the threshold '' is neither");
        assertThatThrownBy(() -> parser.parse("demographic_parity_difference[] <= 0.1", Severity.FAIL))
                .hasMessageContaining("empty brackets");
    }

    @Test
    public void shouldRejectUnknownMetricsWithSuggestion() {
        assertThatThrownBy(() -> parser.parse("roc_acu >= 0.85", Severity.FAIL))
                .isInstanceOf(InputException.class)
                .hasMessage("malformed gate 'roc_acu >= 0.85': unknown metric 'roc_acu' (did you mean roc_auc?)");
        assertThatThrownBy(() -> parser.parse("happiness >= 0.85", Severity.FAIL))
                .hasMessageContaining("unknown metric 'happiness'; see docs/validate.md");
    }

    @Test
    public void shouldRejectWrongQualifiers() {
        assertThatThrownBy(() -> parser.parse("demographic_parity_difference <= 0.1", Severity.FAIL))
                .hasMessageContaining("needs a group column in brackets, e.g. demographic_parity_difference[sex]");
        assertThatThrownBy(() -> parser.parse("roc_auc[sex] >= 0.8", Severity.FAIL))
                .hasMessageContaining("roc_auc takes no brackets");
        assertThatThrownBy(() -> parser.parse("recall[sex] >= 0.8", Severity.FAIL))
                .hasMessageContaining("takes a slice in brackets, e.g. recall[sex=value]");
        assertThatThrownBy(() -> parser.parse("demographic_parity_ratio[sex=F] >= 0.8", Severity.FAIL))
                .hasMessageContaining("takes a group column in brackets, not a slice: demographic_parity_ratio[sex]");
    }
}
