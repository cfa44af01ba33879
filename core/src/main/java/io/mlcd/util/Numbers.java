package io.mlcd.util;

import java.util.Locale;

/** Formats numbers for messages and reports the same way everywhere. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Formats with up to six significant digits, no exponent for ordinary magnitudes, and
     * {@code NaN} spelled out, e.g. 0.85, 0.912345, 1.5e-07.
     */
    public static String format(final double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        var abs = Math.abs(value);
        if (abs >= 1e-4 && abs < 1e9) {
            return new java.math.BigDecimal(value).round(new java.math.MathContext(6))
                    .stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5g", value).replaceAll("\\.?0+e", "e");
    }
}
