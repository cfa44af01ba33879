package io.mlcd.validation;

/**
 * Counts of a binary confusion matrix and the rates derived from them. A rate whose denominator
 * is zero is 0, as scikit-learn's {@code zero_division=0} and its normalised confusion matrix do.
 */
public record Confusion(long tp, long fp, long tn, long fn) {
    /** Reads counts kept as {@code [tp, fp, tn, fn]} at {@code offset} of a counter array. */
    static Confusion of(final long[] counts, final int offset) {
        return new Confusion(counts[offset], counts[offset + 1], counts[offset + 2], counts[offset + 3]);
    }

    public long count() {
        return tp + fp + tn + fn;
    }

    public double accuracy() {
        return rate(tp + tn, count());
    }

    public double precision() {
        return rate(tp, tp + fp);
    }

    public double recall() {
        return rate(tp, tp + fn);
    }

    public double f1() {
        return rate(2 * tp, 2 * tp + fp + fn);
    }

    public double selectionRate() {
        return rate(tp + fp, count());
    }

    public double truePositiveRate() {
        return recall();
    }

    public double falsePositiveRate() {
        return rate(fp, fp + tn);
    }

    private static double rate(final long numerator, final long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
