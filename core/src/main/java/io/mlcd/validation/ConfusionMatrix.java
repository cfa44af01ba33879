package io.mlcd.validation;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of true class (rows) against predicted class (columns), classes in {@code labels} order;
 * for binary tasks the negative class comes first, as in scikit-learn.
 */
public record ConfusionMatrix(List<String> labels, long[][] counts) {
    public ConfusionMatrix {
        labels = List.copyOf(labels);
        counts = Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new);
    }

    @Override
    public long[][] counts() {
        return Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ConfusionMatrix matrix && labels.equals(matrix.labels)
                && Arrays.deepEquals(counts, matrix.counts);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + labels + Arrays.deepToString(counts);
    }
}
