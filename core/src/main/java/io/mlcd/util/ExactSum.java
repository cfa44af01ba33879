package io.mlcd.util;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sum of doubles kept exactly, as a short list of non-overlapping partial sums (Shewchuk 1997,
 * the algorithm of Python's {@code math.fsum}), and rounded once at the end. The result is the
 * correctly rounded exact sum, so it does not depend on the order of additions nor on how the
 * values were split into partial sums that were merged: a metric summed over one file and the
 * same metric summed over a cluster's partitions are the same double. Infinite or NaN terms are
 * summed apart and decide the result, as they would in a plain sum.
 */
public final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Veltkamp's splitter for doubles: 2^27 + 1. */
    private static final double SPLITTER = 134_217_729.0;

    private double[] partials = new double[4];
    private int size;
    private double special;
    private boolean hasSpecial;

    public void add(final double value) {
        if (!Double.isFinite(value)) {
            special += value;
            hasSpecial = true;
            return;
        }
        var x = value;
        var kept = 0;
        for (int k = 0; k < size; k++) {
            var y = partials[k];
            if (Math.abs(x) < Math.abs(y)) {
                var swap = x;
                x = y;
                y = swap;
            }
            var high = x + y;
            var low = y - (high - x);
            if (low != 0) {
                partials[kept++] = low;
            }
            x = high;
        }
        if (!Double.isFinite(x)) { // the sum itself overflows: it is infinite whatever comes
            special += x;
            hasSpecial = true;
            size = kept;
            return;
        }
        if (kept == partials.length) {
            partials = Arrays.copyOf(partials, 2 * kept);
        }
        partials[kept] = x;
        size = kept + 1;
    }

    /** Adds {@code a * b} exactly (Dekker's product: the rounded product plus its rounding error). */
    public void addProduct(final double a, final double b) {
        var product = a * b;
        if (!Double.isFinite(product)) {
            add(product);
            return;
        }
        var aSplit = SPLITTER * a;
        var aHigh = aSplit - (aSplit - a);
        var aLow = a - aHigh;
        var bSplit = SPLITTER * b;
        var bHigh = bSplit - (bSplit - b);
        var bLow = b - bHigh;
        var error = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow;
        add(product);
        add(error);
    }

    /** Adds everything another sum holds. */
    public void add(final ExactSum other) {
        for (int k = 0; k < other.size; k++) {
            add(other.partials[k]);
        }
        if (other.hasSpecial) {
            add(other.special);
        }
    }

    /** The exact sum rounded to the nearest double (ties to even). */
    public double value() {
        if (hasSpecial) {
            return special;
        }
        var n = size;
        if (n == 0) {
            return 0.0;
        }
        var high = partials[--n];
        var low = 0.0;
        while (n > 0) {
            var x = high;
            var y = partials[--n];
            high = x + y;
            low = y - (high - x);
            if (low != 0) {
                break;
            }
        }
        // Half-way case: the partials below decide the direction in which to round.
        if (n > 0 && (low < 0 && partials[n - 1] < 0 || low > 0 && partials[n - 1] > 0)) {
            var y = low * 2;
            var x = high + y;
            if (y == x - high) {
                high = x;
            }
        }
        return high;
    }
}
