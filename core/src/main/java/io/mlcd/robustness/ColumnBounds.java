package io.mlcd.robustness;

import java.util.List;

/**
 * What keeps a perturbed value of one column plausible, from the training profile or, without
 * one, from the rows themselves.
 *
 * @param numeric  whether the rows hold numbers in this column
 * @param low      the 1st percentile: noise and shifts do not push a value below it
 * @param high     the 99th percentile
 * @param spread   the IQR, or the MAD when the IQR is 0 (0 when both are: noise changes nothing)
 * @param spreadBy {@code iqr}, {@code mad} or {@code none}
 * @param integral whether every value is a whole number: perturbed values are rounded to stay so
 * @param frequent the most frequent values, most frequent first, as the rows spell them
 * @param weights  their counts
 * @param source   {@code profile} or {@code data}
 */
public record ColumnBounds(String name, boolean numeric, double low, double high, double spread, String spreadBy,
        boolean integral, List<String> frequent, List<Long> weights, String source) {
    /** Values a swap draws from: enough to cover the categories that matter, few enough to stay frequent. */
    public static final int FREQUENT = 20;

    public ColumnBounds {
        frequent = List.copyOf(frequent);
        weights = List.copyOf(weights);
        if (frequent.size() != weights.size()) {
            throw new IllegalArgumentException(frequent.size() + " frequent values with " + weights.size() + " counts");
        }
    }

    /** Whether a swap has another value to draw. */
    public boolean canSwap() {
        return frequent.size() >= 2;
    }

    /** Whether noise and shifts move values. */
    public boolean canMove() {
        return numeric && spread > 0;
    }
}
