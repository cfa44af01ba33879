package io.mlcd.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import java.util.Map;

/**
 * How to test drift: overrides of the automatic test choice and thresholds, and the columns whose
 * role puts them first in reports.
 *
 * @param test             one test for every column, or null to choose per column
 * @param columnTests      tests for single columns
 * @param threshold        one threshold for every column, or null for each test's default
 * @param columnThresholds thresholds for single columns
 */
public record DriftSpec(@CheckForNull DriftTest test, Map<String, DriftTest> columnTests, @CheckForNull Double threshold,
        Map<String, Double> columnThresholds, @CheckForNull String predictionColumn, @CheckForNull String targetColumn) {
    public DriftSpec {
        columnTests = Map.copyOf(columnTests);
        columnThresholds = Map.copyOf(columnThresholds);
        // The upper end depends on each column's test (DriftDetector); these are wrong for any test.
        if (threshold != null && !(threshold > 0 && Double.isFinite(threshold))) {
            throw new InputException("--threshold must be a number above 0, got %s", Numbers.format(threshold));
        }
        columnThresholds.forEach((column, value) -> {
            if (!(value > 0 && Double.isFinite(value))) {
                throw new InputException("--column-threshold %s must be a number above 0, got %s", column,
                        Numbers.format(value));
            }
        });
    }

    public static DriftSpec defaults() {
        return new DriftSpec(null, Map.of(), null, Map.of(), null, null);
    }
}
