package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcd.util.SafeText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Text that comes from a batch of data or a hand-written schema (values, column names, regular
 * expressions, messages quoting them) as the data validation page shows it: on one line, with
 * control characters, escape sequences and direction overrides made visible, cut with a count of
 * what was left out, and empty or missing values named rather than shown as nothing. Escaping for
 * HTML is still {@link Html}'s job; this only decides what a reader sees.
 */
final class ValueText {
    /** How much of an example value a chip or a chart label shows. */
    static final int SHOWN = 60;
    /** How much of a value a tooltip shows. */
    static final int TOOLTIP = 500;
    /** How much of a name (column, constraint, series, file) is shown. */
    static final int NAME = 160;
    /** How much of a message or an expected value is shown. */
    static final int MESSAGE = 600;

    /** Shares below this have no digit to show at one decimal of a percent. */
    private static final double SMALLEST_SHOWN = 0.001;
    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_EVEN);

    private ValueText() {
    }

    /** A name as it is shown: one line, at most {@link #NAME} characters. */
    static String name(final String name) {
        return SafeText.line(name, NAME);
    }

    /** A message or expectation as it is shown: one line, at most {@link #MESSAGE} characters. */
    static String message(final String message) {
        return SafeText.line(message, MESSAGE);
    }

    /**
     * A value as it is shown in at most {@code limit} characters: a JSON string by its text, a
     * number as it was written, null as {@code (missing)} and the empty string as {@code (empty)}.
     */
    static String value(final JsonNode value, final int limit) {
        if (isNone(value)) {
            return value.isTextual() ? "(empty)" : "(missing)";
        }
        return SafeText.line(value.asText(), limit);
    }

    /** Whether the value is missing or empty, shown by a word in place of the value. */
    static boolean isNone(final JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.isTextual() && value.textValue().isEmpty();
    }

    /** Example values as chips; a cut value has its longer text in a tooltip. Nothing for none. */
    static void examples(final Html page, final JsonNode examples) {
        if (!examples.isArray() || examples.isEmpty()) {
            return;
        }
        page.open("ul", "class", "examples");
        for (JsonNode example : examples) {
            var shown = value(example, SHOWN);
            var longer = isNone(example) ? shown : value(example, TOOLTIP);
            page.open("li").element("code", shown, "class", isNone(example) ? "none" : null,
                    "title", longer.equals(shown) ? null : longer).close("li");
        }
        page.close("ul");
    }

    /**
     * A share of rows as a percentage with one decimal; below 0.1% with two significant digits
     * ({@code 0.015%}), and just short of all as {@code > 99.9%}, so a few bad rows never read
     * as none and a few good ones never as all.
     */
    static String share(final JsonNode share) {
        if (!share.isNumber() || !Double.isFinite(share.doubleValue())) {
            return Format.MISSING;
        }
        return share(share.doubleValue());
    }

    static String share(final double share) {
        if (share > 0 && share < SMALLEST_SHOWN) {
            return new BigDecimal(share * 100).round(TWO_DIGITS).stripTrailingZeros().toPlainString() + "%";
        }
        if (share < 1 && share > 1 - SMALLEST_SHOWN) {
            return "> 99.9%";
        }
        return Format.percent(share);
    }

    /** A count of rows with its share, e.g. {@code 1,234 (12.3%)}; a dash when there is no count. */
    static String rows(final JsonNode count, final JsonNode share) {
        if (!count.isNumber()) {
            return share.isNumber() ? share(share) : Format.MISSING;
        }
        return share.isNumber() ? Format.number(count) + " (" + share(share) + ")" : Format.number(count);
    }
}
