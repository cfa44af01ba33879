package io.mlcd.quality;

import java.math.BigDecimal;

/**
 * A closed interval [min, max] a number must lie in; an infinite end is no bound on that side.
 * Both ends are inclusive, as in TFDV's float domain, Deequ's and Great Expectations' between.
 */
public record Bounds(double min, double max) {
    public static final Bounds ANY = new Bounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Checks the interval: no NaN, min ≤ max, not [∞, ∞]. */
    public Bounds {
        if (Double.isNaN(min) || Double.isNaN(max)) {
            throw new IllegalArgumentException("a bound is not a number");
        }
        if (min > max) {
            throw new IllegalArgumentException("min " + number(min) + " is above max " + number(max));
        }
        if (min == Double.POSITIVE_INFINITY || max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("a bound is infinite");
        }
        min += 0.0; // -0 is 0: the file writes both as 0
        max += 0.0;
    }

    public static Bounds atLeast(final double min) {
        return new Bounds(min, Double.POSITIVE_INFINITY);
    }

    public static Bounds atMost(final double max) {
        return new Bounds(Double.NEGATIVE_INFINITY, max);
    }

    public boolean hasMin() {
        return min != Double.NEGATIVE_INFINITY;
    }

    public boolean hasMax() {
        return max != Double.POSITIVE_INFINITY;
    }

    /** Whether the number lies in the interval; NaN never does. */
    public boolean contains(final double value) {
        return value >= min && value <= max;
    }

    /** The interval as constraint names write it: {@code in [18, 95]}, {@code >= 0.99}, {@code <= 20}. */
    public String text() {
        if (hasMin() && hasMax()) {
            return "in [" + number(min) + ", " + number(max) + "]";
        }
        if (hasMin()) {
            return ">= " + number(min);
        }
        return hasMax() ? "<= " + number(max) : "any";
    }

    /**
     * A number as the schema file and constraint names write it: whole numbers without a
     * fraction ({@code 18}), others in the shortest decimal that reads back as the same double.
     */
    public static String number(final double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return Double.toString(value);
        }
        var abs = Math.abs(value);
        var text = Double.toString(value);
        return abs >= 1e-4 && abs < 1e15 ? new BigDecimal(text).stripTrailingZeros().toPlainString() : text;
    }
}
