package io.mlcd.spark.validation;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;

/**
 * A cell of a Spark row as the CLI reads the same value from a CSV file: whole numbers by
 * {@link Long#toString}, doubles by {@link Double#toString}, floats by {@link Float#toString} (the
 * text Spark writes for them), decimals in full, booleans as true/false, null as missing.
 */
final class Cells {
    private Cells() {
    }

    /** The text of a cell; empty for null. */
    static String text(final Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            return Double.toString(number);
        }
        if (value instanceof Float number) {
            return Float.toString(number);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toString();
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant().toString();
        }
        return value.toString();
    }

    /**
     * A numeric cell as the double the CLI parses from its text: doubles and whole numbers as they
     * are, floats and decimals through their text, strings parsed like the CLI parses CSV fields.
     *
     * @return NaN when the cell is missing or blank (NaN itself is refused as input before)
     * @throws NumberFormatException when the text is not a number
     */
    static double number(final Object value) {
        if (value instanceof Double number) {
            return number;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        var text = text(value).strip();
        if (text.isEmpty()) {
            return Double.NaN;
        }
        return JavaDoubleParser.parseDouble(text);
    }

    /** Whether a cell is missing: null, or text that is blank. */
    static boolean missing(final Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }
}
