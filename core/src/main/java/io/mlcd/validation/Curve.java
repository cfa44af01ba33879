package io.mlcd.validation;

import java.util.Arrays;

/** A curve for reports as parallel coordinate arrays, e.g. false positive rate against true positive rate. */
public record Curve(double[] x, double[] y) {
    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Curve curve && Arrays.equals(x, curve.x) && Arrays.equals(y, curve.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Curve" + Arrays.toString(x) + Arrays.toString(y);
    }
}
