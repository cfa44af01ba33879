package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.Test;

public class ValueTextTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    public void shouldNeverShowAFewRowsAsNoneOrAlmostAllAsAll() {
        assertThat(ValueText.share(0.0)).isEqualTo("0%");
        assertThat(ValueText.share(0.00015)).isEqualTo("0.015%");
        assertThat(ValueText.share(1e-7)).isEqualTo("0.00001%");
        assertThat(ValueText.share(0.000999)).isEqualTo("0.1%");
        assertThat(ValueText.share(0.0625)).isEqualTo("6.2%");
        assertThat(ValueText.share(0.9996)).isEqualTo("> 99.9%");
        assertThat(ValueText.share(1.0)).isEqualTo("100%");
        assertThat(ValueText.share(JSON.numberNode(Double.NaN))).isEqualTo("—");
        assertThat(ValueText.share(JSON.nullNode())).isEqualTo("—");
        assertThat(ValueText.rows(JSON.numberNode(1250), JSON.numberNode(0.0625))).isEqualTo("1,250 (6.2%)");
        assertThat(ValueText.rows(JSON.numberNode(3), JSON.nullNode())).isEqualTo("3");
        assertThat(ValueText.rows(JSON.nullNode(), JSON.nullNode())).isEqualTo("—");
    }

    @Test
    public void shouldNameEmptyAndMissingValuesAndShowOthersOnOneLineCut() {
        assertThat(ValueText.value(JSON.nullNode(), 60)).isEqualTo("(missing)");
        assertThat(ValueText.value(MissingNode.getInstance(), 60)).isEqualTo("(missing)");
        assertThat(ValueText.value(JSON.textNode(""), 60)).isEqualTo("(empty)");
        assertThat(ValueText.value(JSON.textNode(" "), 60)).isEqualTo(" ");
        assertThat(ValueText.value(JSON.numberNode(12.5), 60)).isEqualTo("12.5");
        assertThat(ValueText.value(JSON.textNode("a\tb\u001b[0m\u200fc"), 60)).isEqualTo("a\\tb\\e[0m\\u200fc");
        assertThat(ValueText.value(JSON.textNode("é".repeat(100)), 10)).isEqualTo("é".repeat(10) + "... [cut 90 chars]");
        assertThat(ValueText.name("n".repeat(1000))).hasSize(ValueText.NAME + "... [cut 840 chars]".length());
    }
}
