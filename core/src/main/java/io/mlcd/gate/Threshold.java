package io.mlcd.gate;

import io.mlcd.util.Numbers;

/**
 * The right-hand side of a gate: a fixed number, or a number derived from the baseline's value of
 * the same metric. The arithmetic is spelled out in messages so a reader can check it.
 */
public sealed interface Threshold {
    /** Whether resolving needs the baseline's value of the metric. */
    boolean needsBaseline();

    /** The threshold for the given baseline value (ignored by {@link Fixed}). */
    double resolve(double baseline);

    /** How the threshold was derived, e.g. {@code baseline 0.83 - 0.01}; empty for fixed ones. */
    String derivation(double baseline);

    /** {@code metric >= 0.85}. */
    record Fixed(double value) implements Threshold {
        @Override
        public boolean needsBaseline() {
            return false;
        }

        @Override
        public double resolve(final double baseline) {
            return value;
        }

        @Override
        public String derivation(final double baseline) {
            return "";
        }
    }

    /** {@code metric >= baseline - 0.01}: an absolute change; {@code offset} carries the sign. */
    record BaselineOffset(double offset) implements Threshold {
        @Override
        public boolean needsBaseline() {
            return true;
        }

        @Override
        public double resolve(final double baseline) {
            return baseline + offset;
        }

        @Override
        public String derivation(final double baseline) {
            var sign = offset < 0 ? " - " : " + ";
            return "baseline " + Numbers.format(baseline) + sign + Numbers.format(Math.abs(offset));
        }
    }

    /**
     * {@code metric <= baseline * 1.05}: a relative change. The factor multiplies the baseline as
     * it is, so a negative or zero baseline gives a threshold of the same sign or zero; no
     * special case hides that (MLflow silently treats a zero baseline as "any improvement").
     */
    record BaselineFactor(double factor) implements Threshold {
        @Override
        public boolean needsBaseline() {
            return true;
        }

        @Override
        public double resolve(final double baseline) {
            return baseline * factor;
        }

        @Override
        public String derivation(final double baseline) {
            return "baseline " + Numbers.format(baseline) + " * " + Numbers.format(factor);
        }
    }
}
