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
    public void shouldTakeEqualityOnlyWhereTheCatalogCountsExactly() {
        var counts = new GateParser(new MetricCatalog() {
            @Override
            public java.util.Optional<String> problemWith(final MetricKey key) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean allowsEquality() {
                return true;
            }
        });
        var gate = counts.parse("anomalies == 0", Severity.FAIL);

        assertThat(gate.operator()).isEqualTo(Operator.EQUAL);
        assertThat(gate.operator().holds(0, 0)).isTrue();
        assertThat(gate.operator().holds(1, 0)).isFalse();
        assertThat(gate.operator().holds(Double.NaN, Double.NaN)).isFalse();
        assertThatThrownBy(() -> parser.parse("roc_auc == 0.85", Severity.FAIL))
                .isInstanceOf(InputException.class)
                .hasMessage("malformed gate 'roc_auc == 0.85': == is only for exact counts (mlcd validate-data); "
                        + "state a direction with >= > <= <");
        assertThatThrownBy(() -> counts.parse("anomalies = 0", Severity.FAIL))
                .hasMessage("malformed gate 'anomalies = 0': expected 'metric OP threshold' with OP one of >= > <= < ==");
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

    @Test
    public void shouldRefuseThresholdsThatAreNotFiniteDecimals() {
        for (var threshold : new String[] {"NaN", "Infinity", "-Infinity", "inf", "0x1p-1", "0.7f", "0.7d", "1_0",
            "\u0661", "baseline * NaN", "baseline + Infinity", "baseline - 0x1"}) {
            assertThatThrownBy(() -> parser.parse("roc_auc >= " + threshold, Severity.FAIL)).as(threshold)
                    .isInstanceOf(InputException.class)
                    .hasMessage("malformed gate 'roc_auc >= " + threshold + "': the threshold '" + threshold
                            + "' is neither a number nor 'baseline', 'baseline + N', 'baseline - N', 'baseline * N'");
        }
        assertThatThrownBy(() -> parser.parse("roc_auc >= 1e999", Severity.FAIL))
                .hasMessage("malformed gate 'roc_auc >= 1e999': the number '1e999' is too large");
        assertThatThrownBy(() -> parser.parse("log_loss <= baseline + 1e309%", Severity.FAIL))
                .hasMessageContaining("is too large");
    }

    @Test
    public void shouldRefuseAFactorThatIsNotPositive() {
        assertThatThrownBy(() -> parser.parse("roc_auc >= baseline * -1", Severity.FAIL))
                .hasMessage("malformed gate 'roc_auc >= baseline * -1': the factor of 'baseline * N' must be positive, "
                        + "got '-1'");
        assertThatThrownBy(() -> parser.parse("log_loss <= baseline * 0", Severity.FAIL))
                .hasMessageContaining("must be positive, got '0'");
    }

    @Test
    public void shouldRefuseControlAndInvisibleCharactersAndShowWhereTheyAre() {
        assertThatThrownBy(() -> parser.parse("recall[sex=F\u0001] >= 0.5", Severity.FAIL))
                .hasMessage("malformed gate 'recall[sex=F\\u0001] >= 0.5': it contains the control or invisible "
                        + "character U+0001; write gates as plain text");
        assertThatThrownBy(() -> parser.parse("roc_auc >= 0.5\u001b[8m", Severity.FAIL))
                .hasMessageContaining("U+001B");
        assertThatThrownBy(() -> parser.parse("recall[sex=\u202EF] >= 0.5", Severity.FAIL))
                .hasMessageContaining("U+202E");
        assertThatThrownBy(() -> parser.parse("recall[sex=\uD800] >= 0.5", Severity.FAIL))
                .hasMessageContaining("U+D800");
        assertThat(parser.parse("\troc_auc >=\n0.5\r\n", Severity.FAIL).threshold()).isEqualTo(new Threshold.Fixed(0.5));
        assertThat(parser.parse("recall[city=Z\u00fcrich \uD83D\uDE00] >= 0.5", Severity.FAIL).metric().qualifier())
                .isEqualTo("city=Z\u00fcrich \uD83D\uDE00");
    }

    @Test(timeout = 10_000)
    public void shouldParseLongBlanksWithoutBacktracking() {
        // The former lazy threshold group took about 40 minutes on this (quadratic in the blanks).
        var blanks = " ".repeat(1_000_000);
        assertThatThrownBy(() -> parser.parse("roc_auc >= 1" + blanks + "x", Severity.FAIL))
                .hasMessageStartingWith("malformed gate 'roc_auc >= 1" + " ".repeat(188) + "... [cut 999,813 chars]': "
                        + "the threshold '1   ")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
        assertThat(parser.parse("roc_auc >= 1" + blanks, Severity.FAIL).threshold()).isEqualTo(new Threshold.Fixed(1));
    }
}
