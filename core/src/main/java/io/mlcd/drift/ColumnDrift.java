package io.mlcd.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

/**
 * The drift verdict on one column.
 *
 * @param role       "prediction" or "target" when the user named the column so, else null
 * @param statistic  the test statistic (D, chi², z or the distance)
 * @param pValue     the p-value, NaN for distance tests
 * @param score      the number compared with the threshold (p-value or distance)
 * @param exact      computed from all values rather than sketches
 * @param errorBound bound on the statistic's error when computed from sketches, else 0
 * @param bins       labels, reference and current shares of the bins drawn in the report
 * @param edges      upper edges of the reference-decile bins (numeric columns), else empty
 */
public record ColumnDrift(String name, ColumnType type, @CheckForNull String role, DriftTest test, double statistic,
        double pValue, double score, double threshold, boolean drifted, boolean exact, double errorBound,
        ColumnProfile reference, ColumnProfile current, List<String> bins, double[] referenceShares,
        double[] currentShares, double[] edges) {
    public ColumnDrift {
        bins = List.copyOf(bins);
        referenceShares = referenceShares.clone();
        currentShares = currentShares.clone();
        edges = edges.clone();
    }

    /** How far the score is past its threshold, in the direction of drift (larger = more drift). */
    public double excess() {
        return test.isPValue() ? threshold - score : score - threshold;
    }
}
