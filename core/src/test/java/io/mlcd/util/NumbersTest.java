package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

/** Users' numbers are read one way: decimal notation, finite, nothing Double.parseDouble adds. */
public class NumbersTest {
    @Test
    public void shouldReadDecimalNotation() {
        assertThat(Numbers.parse("--threshold", "0.05")).isEqualTo(0.05);
        assertThat(Numbers.parse("--threshold", ".5")).isEqualTo(0.5);
        assertThat(Numbers.parse("--threshold", "5.")).isEqualTo(5.0);
        assertThat(Numbers.parse("--threshold", "-1e-3")).isEqualTo(-0.001);
        assertThat(Numbers.parse("--threshold", "+2E2")).isEqualTo(200.0);
        assertThat(Numbers.parseWhole("--min-requests", "200")).isEqualTo(200L);
        assertThat(Numbers.parseWhole("--min-requests", "-7")).isEqualTo(-7L);
    }

    @Test
    public void shouldRefuseWhatParseDoubleWouldTake() {
        for (var text : new String[] {"NaN", "Infinity", "-Infinity", "0x1p3", "0.7f", "0.7d", "1_000", " 0.5",
            "0.5 ", "\u0661", "1,5", "", "e5", "."}) {
            assertThatThrownBy(() -> Numbers.parse("--threshold", text)).as(text).isInstanceOf(InputException.class)
                    .hasMessage("--threshold: '" + text + "' is not a number (write it like 0.05, 12 or 1e-3)");
        }
        assertThatThrownBy(() -> Numbers.parse("--threshold", "1e999")).hasMessage("--threshold: 1e999 is too large");
    }

    @Test
    public void shouldRefuseWholeNumbersInOtherNotations() {
        for (var text : new String[] {"1e3", "0x10", "1.0", "10L", "\u0663", " 1", ""}) {
            assertThatThrownBy(() -> Numbers.parseWhole("--min-requests", text)).as(text)
                    .hasMessage("--min-requests: '" + text + "' is not a whole number");
        }
        assertThatThrownBy(() -> Numbers.parseWhole("--min-requests", "99999999999999999999"))
                .hasMessage("--min-requests: 99999999999999999999 is too large");
    }
}
