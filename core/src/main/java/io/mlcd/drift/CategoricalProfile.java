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
        if (other < 0 || counts.values().stream().anyMatch(count -> count <= 0)) {
            throw new IllegalArgumentException("value counts must be > 0 and 'other' >= 0");
        }
        if (exact && other != 0) {
            throw new IllegalArgumentException("exact value counts with " + other + " other values");
        }
        if (counts.size() > (exact ? EXACT_LIMIT : FREQUENT_LIMIT)) {
            throw new IllegalArgumentException(counts.size() + " value counts, more than a profile keeps");
        }
    }

    public long total() {
        var sum = other;
        for (long count : counts.values()) {
            sum = Math.addExact(sum, count);
        }
        return sum;
    }

    /**
     * Checks the counts against the column's count: equal when exact; when estimated by the
     * frequent-items sketch, its estimates may exceed the true counts, by at most 3.5 / 4096 of
     * the total each, so 1,000 of them by less than the total again.
     */
    void checkTotal(final long count) {
        var total = total();
        if (exact ? total != count : total < count || total / 2 > count) {
            throw new IllegalArgumentException("the value counts add up to " + total + ", the column counts " + count);
        }
    }

    CategoricalProfile merge(final CategoricalProfile with) {
        var union = new LinkedHashMap<>(counts);
        with.counts.forEach((value, count) -> union.merge(value, count, Long::sum));
        var isExact = exact && with.exact && union.size() <= EXACT_LIMIT;
        return CategoricalCounter.top(union, other + with.other, isExact);
    }
}
