package io.mlcd.robustness;

import java.util.List;

/**
 * A slice of the rows (one or two column conditions) where the model reacts more to the
 * perturbations than elsewhere: one-sided Mann-Whitney test of the slice's per-row sensitivity
 * against the other rows', Benjamini-Hochberg adjusted over every slice tested.
 *
 * @param conditions        e.g. {@code income <= 35000}, {@code region = north}
 * @param sensitivity       mean per-row sensitivity in the slice (flip share, or mean absolute change)
 * @param otherSensitivity  the same outside the slice
 * @param adjustedP         Benjamini-Hochberg adjusted p-value
 * @param significant       adjusted p-value at most the false discovery rate
 */
public record WeakSegment(List<String> conditions, int rows, double sensitivity, double otherSensitivity,
        double pValue, double adjustedP, boolean significant) {
    public WeakSegment {
        conditions = List.copyOf(conditions);
    }

    /** The conditions joined, as reports show the slice. */
    public String description() {
        return String.join(" and ", conditions);
    }
}
