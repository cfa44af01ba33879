package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Numbers as a reader of the HTML report sees them: at most four decimals (metrics live mostly in
 * [0, 1], where more digits are noise), tiny values in scientific notation so they do not read as
 * zero, and an em dash for values that are undefined (null in the JSON).
 */
final class Format {
    static final String MISSING = "—";

    private static final double TINY = 1e-4;
    private static final double HUGE = 1e12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** A metric value, threshold or count; anything that is not a finite number is missing. */
    static String number(final JsonNode node) {
        return node.isNumber() ? number(node.doubleValue()) : MISSING;
    }

    static String number(final double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        var abs = Math.abs(value);
        if (value == Math.rint(value) && abs < HUGE) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        if (abs < TINY || abs >= HUGE) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** A change, always with its sign; see {@link #signed(double)}. */
    static String signed(final JsonNode node) {
        return node.isNumber() ? signed(node.doubleValue()) : MISSING;
    }

    /** A change, always with its sign; the minus is the typographic one so columns line up. */
    static String signed(final double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        if (value == 0) {
            return "0";
        }
        return (value > 0 ? "+" : "\u2212") + number(Math.abs(value));
    }

    /** A p-value; below 0.0001 only the bound matters to a reader. */
    static String pValue(final JsonNode node) {
        if (!node.isNumber()) {
            return MISSING;
        }
        return node.doubleValue() < TINY ? "< 0.0001" : number(node.doubleValue());
    }

    /** A share as a whole percentage, e.g. 0.95 as 95%. */
    static String percent(final double share) {
        return new BigDecimal(share * 100).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /** An ISO instant as a readable UTC time; any other text as it is. */
    static String time(final String instant) {
        try {
            return TIME.format(Instant.parse(instant));
        }
        catch (DateTimeParseException e) {
            return instant;
        }
    }
}
