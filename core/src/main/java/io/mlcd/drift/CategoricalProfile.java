package io.mlcd.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution of a categorical or boolean column: value counts, exact while there are at
 * most {@link #EXACT_LIMIT} distinct values; beyond that, the most frequent values as estimated
 * by a frequent-items sketch and the count of all others.
 *
 * @param counts value to count, most frequent first
 * @param other  count of values not listed in {@code counts} (0 when exact)
 * @param exact  whether {@code counts} are exact
 */
public record CategoricalProfile(Map<String, Long> counts, long other, boolean exact) {
    public static final int EXACT_LIMIT = 10_000;
    /** Values kept when a column has too many to count exactly. */
    public static final int FREQUENT_LIMIT = 1_000;

    public CategoricalProfile {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum() + other;
    }

    CategoricalProfile merge(final CategoricalProfile with) {
        var union = new LinkedHashMap<>(counts);
        with.counts.forEach((value, count) -> union.merge(value, count, Long::sum));
        var isExact = exact && with.exact && union.size() <= EXACT_LIMIT;
        return CategoricalCounter.top(union, other + with.other, isExact);
    }
}
