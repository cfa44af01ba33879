package io.mlcd.validation;

import java.util.Locale;

/**
 * Canonical text of a class label, so that the same class written differently in different
 * files or rows is one class: surrounding blanks are dropped, integral numbers lose their
 * fraction ({@code 1.0} is {@code 1}), and booleans are lower case.
 */
final class LabelValue {
    private LabelValue() {
    }

    static String canonical(final String raw) {
        var text = raw.strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return text.toLowerCase(Locale.ROOT);
        }
        if (!text.isEmpty() && (Character.isDigit(text.charAt(text.length() - 1)) || text.endsWith("."))) {
            try {
                var number = Double.parseDouble(text);
                if (number == Math.rint(number) && Math.abs(number) < 1e15) {
                    return Long.toString((long) number);
                }
            }
            catch (NumberFormatException e) {
                return text; // not a number: an ordinary class name such as "A1"
            }
        }
        return text;
    }
}
