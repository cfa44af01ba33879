package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.Test;

public class FormatTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    public void shouldShowAtMostFourDecimals() {
        assertThat(Format.number(0.8455671709244789)).isEqualTo("0.8456");
        assertThat(Format.number(0.702)).isEqualTo("0.702");
        assertThat(Format.number(4.7873191821525225)).isEqualTo("4.7873");
    }

    @Test
    public void shouldShowWholeNumbersWithoutDecimalsAndWithGrouping() {
        assertThat(Format.number(3000.0)).isEqualTo("3,000");
        assertThat(Format.number(0.0)).isEqualTo("0");
    }

    @Test
    public void shouldNotLetTinyValuesReadAsZero() {
        assertThat(Format.number(3.075741692550596E-13)).isEqualTo("3.08e-13");
        assertThat(Format.pValue(JSON.numberNode(3.075741692550596E-13))).isEqualTo("< 0.0001");
        assertThat(Format.pValue(JSON.numberNode(0.016525172912716712))).isEqualTo("0.0165");
    }

    @Test
    public void shouldShowUndefinedValuesAsDash() {
        assertThat(Format.number(JSON.nullNode())).isEqualTo("—");
        assertThat(Format.number(JSON.missingNode())).isEqualTo("—");
        assertThat(Format.number(Double.NaN)).isEqualTo("—");
        assertThat(Format.pValue(JSON.nullNode())).isEqualTo("—");
        assertThat(Format.signed(Double.NaN)).isEqualTo("—");
    }

    @Test
    public void shouldSignChanges() {
        assertThat(Format.signed(0.08272700737490357)).isEqualTo("+0.0827");
        assertThat(Format.signed(-0.0993)).isEqualTo("\u22120.0993");
        assertThat(Format.signed(0)).isEqualTo("0");
    }

    @Test
    public void shouldFormatSharesAndTimes() {
        assertThat(Format.percent(0.95)).isEqualTo("95%");
        assertThat(Format.percent(1 - 0.95)).isEqualTo("5%");
        assertThat(Format.time("2026-11-26T15:44:18.827840383Z")).isEqualTo("2026-11-26 15:44:18 UTC");
        assertThat(Format.time("yesterday")).isEqualTo("yesterday");
    }
}
