package io.mlcd.util;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Formats numbers for messages and reports the same way everywhere, and reads the numbers users
 * write (options, gate thresholds, policy and rollout files) one way: decimal notation as in CSV
 * and JSON files. {@link Double#parseDouble} would also take {@code 0.7f}, {@code 0x1p3},
 * {@code NaN}, {@code Infinity} and blanks around, none of which a user means as a threshold.
 */
public final class Numbers {
    /**
     * Decimal notation: an optional sign, digits with an optional fraction (or a bare fraction such
     * as {@code .5}) and an optional exponent; ASCII digits only.
     */
    public static final String DECIMAL = "[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?";
    private static final Pattern DECIMAL_PATTERN = Pattern.compile(DECIMAL);
    private static final Pattern WHOLE_PATTERN = Pattern.compile("[-+]?[0-9]+");

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
            return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5g", value).replaceAll("\\.?0+e", "e");
    }

    /** Whether the text is a number in {@link #DECIMAL} notation (its size unchecked). */
    public static boolean isDecimal(final CharSequence text) {
        return DECIMAL_PATTERN.matcher(text).matches();
    }

    /**
     * Reads a finite number in {@link #DECIMAL} notation.
     *
     * @param what names the value in the message, e.g. {@code --threshold}
     * @throws InputException for anything else, including NaN, infinities and numbers too large
     *                        for a double
     */
    public static double parse(final String what, final String text) {
        decimalProblem(text).ifPresent(problem -> {
            throw new InputException("%s: %s", what, problem);
        });
        return Double.parseDouble(text);
    }

    /** Why the text is not a finite number in {@link #DECIMAL} notation; empty when it is one. */
    public static Optional<String> decimalProblem(final String text) {
        if (!isDecimal(text)) {
            return Optional.of("'" + text + "' is not a number (write it like 0.05, 12 or 1e-3)");
        }
        return Double.isFinite(Double.parseDouble(text)) ? Optional.empty() : Optional.of(text + " is too large");
    }

    /**
     * Reads a whole number in decimal notation, such as {@code 200} or {@code -1}.
     *
     * @throws InputException for anything else, including {@code 1e3}, {@code 0x10} and numbers
     *                        beyond a long
     */
    public static long parseWhole(final String what, final String text) {
        wholeProblem(text).ifPresent(problem -> {
            throw new InputException("%s: %s", what, problem);
        });
        return Long.parseLong(text);
    }

    /** Why the text is not a whole number in decimal notation that fits a long; empty when it is one. */
    public static Optional<String> wholeProblem(final String text) {
        if (!WHOLE_PATTERN.matcher(text).matches()) {
            return Optional.of("'" + text + "' is not a whole number");
        }
        try {
            Long.parseLong(text);
            return Optional.empty();
        }
        catch (NumberFormatException e) {
            return Optional.of(text + " is too large");
        }
    }
}
