package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.CategoricalProfile;
import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.NumericProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * What a profile alone tells about the values of a column that break a rule, for a batch given
 * as a profile: an exact count when the profile kept the values (or their counts), else an
 * estimate with its error bound, or nothing.
 *
 * @param count      the count, exact or estimated; null when the profile cannot tell
 * @param exact      whether {@code count} is exact
 * @param errorBound bound on the error of {@code count} (values), 0 when exact
 * @param certain    whether at least one value surely breaks the rule, even when the count is estimated
 * @param examples   offending values the profile lists, most frequent first
 */
record ValueEvidence(@CheckForNull Long count, boolean exact, double errorBound, boolean certain,
        List<String> examples) {
    /**
     * Error of one value's count in a frequent-items sketch of the profiler, relative to the
     * column's count (CategoricalCounter: about 3.5 / 4096).
     */
    static final double FREQUENT_ERROR = 3.5 / 4096;

    static ValueEvidence none() {
        return new ValueEvidence(null, false, 0, false, List.of());
    }

    static ValueEvidence exactly(final long count, final List<String> examples) {
        return new ValueEvidence(count, true, 0, count > 0, examples);
    }

    /** Values of a categorical or boolean column that break the rule. */
    static ValueEvidence categories(final ColumnProfile column, final Predicate<String> breaks) {
        var categorical = column.categoricalProfile().orElseThrow();
        long count = 0;
        var examples = new ArrayList<String>();
        var bound = FREQUENT_ERROR * column.count();
        long surely = 0;
        for (var entry : categorical.counts().entrySet()) {
            if (breaks.test(entry.getKey())) {
                count += entry.getValue();
                surely += (long) Math.max(0, Math.floor(entry.getValue() - bound));
                if (examples.size() < DataScan.EXAMPLES) {
                    examples.add(entry.getKey());
                }
            }
        }
        if (categorical.exact()) {
            return exactly(count, examples);
        }
        // the values not listed ("other") may all break the rule or none
        return surely > 0 ? new ValueEvidence(surely, false, categorical.other() + bound * categorical.counts().size(),
                true, examples) : none();
    }

    /** Numbers of a numeric column that break the rule, when the profile kept them or their counts. */
    static ValueEvidence numbers(final ColumnProfile column, final DoublePredicate breaks) {
        var numeric = column.numericProfile().orElseThrow();
        var exact = numeric.exact();
        if (exact.isPresent()) {
            var examples = new ArrayList<String>();
            long count = 0;
            for (double value : exact.get()) {
                if (breaks.test(value)) {
                    count++;
                    if (examples.size() < DataScan.EXAMPLES) {
                        examples.add(io.mlcd.util.Numbers.format(value));
                    }
                }
            }
            return exactly(count, examples);
        }
        var distinct = numeric.distinct();
        if (distinct.isPresent()) {
            var examples = new ArrayList<String>();
            long count = 0;
            for (var entry : distinct.get().entrySet()) {
                if (breaks.test(entry.getKey())) {
                    count += entry.getValue();
                    if (examples.size() < DataScan.EXAMPLES) {
                        examples.add(io.mlcd.util.Numbers.format(entry.getKey()));
                    }
                }
            }
            return exactly(count, examples);
        }
        return none();
    }

    /**
     * Numbers outside [min, max]: exact from kept values, else estimated from the KLL sketch with
     * its rank error (twice: one bound at each end); the summary's exact minimum and maximum say
     * whether any value is outside at all.
     */
    static ValueEvidence outside(final ColumnProfile column, final double min, final double max) {
        var numeric = column.numericProfile().orElseThrow();
        var summary = numeric.summary();
        if (summary.count() == 0 || summary.min() >= min && summary.max() <= max) {
            return exactly(0, List.of());
        }
        var kept = numbers(column, value -> !(value >= min && value <= max));
        if (kept.count() != null) {
            return kept;
        }
        var sketch = numeric.sketch();
        var below = Double.isInfinite(min) ? 0 : sketch.getRank(min, QuantileSearchCriteria.EXCLUSIVE);
        var above = Double.isInfinite(max) ? 0 : 1 - sketch.getRank(max, QuantileSearchCriteria.INCLUSIVE);
        var error = sketch.getNormalizedRankError(false);
        var ends = (Double.isInfinite(min) ? 0 : 1) + (Double.isInfinite(max) ? 0 : 1);
        var estimate = Math.max(1, Math.round((below + above) * summary.count()));
        var examples = new ArrayList<String>();
        if (summary.min() < min) {
            examples.add(io.mlcd.util.Numbers.format(summary.min()));
        }
        if (summary.max() > max) {
            examples.add(io.mlcd.util.Numbers.format(summary.max()));
        }
        return new ValueEvidence(estimate, false, ends * error * summary.count(), true, examples);
    }

    /** Rows whose value repeats an earlier one, from a profile's exact values or counts. */
    static ValueEvidence repeats(final ColumnProfile column) {
        if (column.categoricalProfile().isPresent()) {
            return repeatedCategories(column, column.categoricalProfile().get());
        }
        NumericProfile numeric = column.numericProfile().orElseThrow();
        if (numeric.exact().isPresent()) {
            var values = numeric.exact().get();
            Arrays.sort(values);
            long count = 0;
            var examples = new ArrayList<String>();
            for (int i = 1; i < values.length; i++) {
                if (values[i] == values[i - 1]) {
                    count++;
                    if (examples.size() < DataScan.EXAMPLES) {
                        examples.add(io.mlcd.util.Numbers.format(values[i]));
                    }
                }
            }
            return exactly(count, examples);
        }
        return numeric.distinct().map(distinct -> {
            long count = 0;
            var examples = new ArrayList<String>();
            for (var entry : distinct.entrySet()) {
                count += entry.getValue() - 1;
                if (entry.getValue() > 1 && examples.size() < DataScan.EXAMPLES) {
                    examples.add(io.mlcd.util.Numbers.format(entry.getKey()));
                }
            }
            return exactly(count, examples);
        }).orElse(none());
    }

    private static ValueEvidence repeatedCategories(final ColumnProfile column, final CategoricalProfile categorical) {
        long count = 0;
        long surely = 0;
        var bound = FREQUENT_ERROR * column.count();
        var examples = new ArrayList<String>();
        for (var entry : categorical.counts().entrySet()) {
            count += entry.getValue() - 1;
            var least = (long) Math.floor(entry.getValue() - bound);
            surely += Math.max(0, least - 1);
            if (entry.getValue() > 1 && examples.size() < DataScan.EXAMPLES) {
                examples.add(entry.getKey());
            }
        }
        if (categorical.exact()) {
            return exactly(count, examples);
        }
        return surely > 0 ? new ValueEvidence(surely, false, categorical.other() + bound * categorical.counts().size(),
                true, examples) : none();
    }
}
