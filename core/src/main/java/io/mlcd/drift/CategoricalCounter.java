package io.mlcd.drift;

import io.mlcd.data.Dictionary;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Counts the values of a categorical column while it streams by: exactly while there are at
 * most {@link CategoricalProfile#EXACT_LIMIT} distinct values, then with a frequent-items sketch
 * (Misra-Gries, DataSketches), which bounds memory whatever the cardinality.
 */
final class CategoricalCounter {
    /** Map size of the frequent-items sketch; its error is about 3.5 / 4096 of the count. */
    private static final int SKETCH_MAP = 4096;

    private final Dictionary codes = new Dictionary(CategoricalProfile.EXACT_LIMIT, "values");
    private long[] counts = new long[16];
    private ItemsSketch<String> sketch;
    private long total;

    void add(final CharSequence value) {
        total++;
        if (sketch != null) {
            sketch.update(value.toString());
            return;
        }
        var code = codes.codeIfRoom(value);
        if (code < 0) {
            overflow(value.toString());
            return;
        }
        if (code == counts.length) {
            counts = java.util.Arrays.copyOf(counts, 2 * counts.length);
        }
        counts[code]++;
    }

    private void overflow(final String value) {
        toSketch();
        sketch.update(value);
    }

    private void toSketch() {
        sketch = new ItemsSketch<>(SKETCH_MAP);
        for (int code = 0; code < codes.size(); code++) {
            sketch.update(codes.value(code), counts[code]);
        }
        counts = null;
    }

    /**
     * Adds the counts of the chunk right after this one's. Values keep their order of first
     * appearance, so exact counts come out as one counter would have counted them; past
     * {@link CategoricalProfile#EXACT_LIMIT} values the sketch takes the rest, within its error.
     */
    void merge(final CategoricalCounter next) {
        if (next.sketch != null) {
            if (sketch == null) {
                toSketch();
            }
            sketch.merge(next.sketch);
        }
        else {
            for (int code = 0; code < next.codes.size(); code++) {
                add(next.codes.value(code), next.counts[code]);
            }
        }
        total += next.total;
    }

    private void add(final String value, final long count) {
        if (sketch != null) {
            sketch.update(value, count);
            return;
        }
        var code = codes.codeIfRoom(value);
        if (code < 0) {
            toSketch();
            sketch.update(value, count);
            return;
        }
        if (code == counts.length) {
            counts = java.util.Arrays.copyOf(counts, 2 * counts.length);
        }
        counts[code] += count;
    }

    CategoricalProfile profile() {
        var map = new LinkedHashMap<String, Long>();
        if (sketch == null) {
            for (int code = 0; code < codes.size(); code++) {
                map.put(codes.value(code), counts[code]);
            }
            return top(map, 0, true);
        }
        for (var row : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            map.put(row.getItem(), row.getEstimate());
        }
        var listed = map.values().stream().mapToLong(Long::longValue).sum();
        return top(map, Math.max(0, total - listed), false);
    }

    /**
     * Orders values by count (ties by value) and, unless exact, keeps the
     * {@link CategoricalProfile#FREQUENT_LIMIT} most frequent, adding the rest to {@code other}.
     */
    static CategoricalProfile top(final Map<String, Long> counts, final long other, final boolean exact) {
        var sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        var kept = new LinkedHashMap<String, Long>();
        var rest = other;
        for (var entry : sorted) {
            if (exact || kept.size() < CategoricalProfile.FREQUENT_LIMIT) {
                kept.put(entry.getKey(), entry.getValue());
            }
            else {
                rest += entry.getValue();
            }
        }
        return new CategoricalProfile(kept, rest, exact);
    }
}
