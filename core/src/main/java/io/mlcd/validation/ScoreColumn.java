package io.mlcd.validation;

import io.mlcd.util.DoubleSort;
import java.util.Arrays;

/** The scores of one label class, collected while reading and sorted once when first needed. */
final class ScoreColumn {
    private double[] values = new double[1 << 12];
    private int size;
    private boolean sorted = true;

    void add(final double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.toIntExact(Math.min(Integer.MAX_VALUE - 16L, 2L * size)));
        }
        values[size++] = value;
        sorted = false;
    }

    /** All values ascending. */
    double[] sorted() {
        if (!sorted) {
            values = Arrays.copyOf(values, size);
            DoubleSort.sort(values, size);
            sorted = true;
        }
        return values.length == size ? values : Arrays.copyOf(values, size);
    }

    /** Both columns' values in one ascending array. */
    static double[] union(final ScoreColumn a, final ScoreColumn b) {
        var all = Arrays.copyOf(a.values, a.size + b.size);
        System.arraycopy(b.values, 0, all, a.size, b.size);
        DoubleSort.sort(all, all.length);
        return all;
    }
}
