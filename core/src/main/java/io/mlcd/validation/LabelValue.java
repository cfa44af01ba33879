package io.mlcd.validation;

import io.mlcd.util.Numbers;
import java.util.Locale;

/**
 * Canonical text of a class label, so that the same class written differently in different
 * files or rows is one class: surrounding blanks are dropped, integral numbers lose their
 * fraction ({@code 1.0} is {@code 1}), and booleans are lower case.
 */
public final class LabelValue {
    private LabelValue() {
    }

    public static String canonical(final String raw) {
        var text = raw.strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return text.toLowerCase(Locale.ROOT);
        }
        if (Numbers.isDecimal(text)) { // else an ordinary class name such as "A1", "0x1" or "NaN"
            var number = Double.parseDouble(text);
            if (number == Math.rint(number) && Math.abs(number) < 1e15) {
                return Long.toString((long) number);
            }
        }
        return text;
    }
}
