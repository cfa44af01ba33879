package io.mlcd.drift;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts of distinct doubles in an open-addressing table of primitives: counting a value neither
 * boxes it nor allocates, which a map of {@code Double} did for every value of every numeric column.
 */
final class DoubleCounts {
    private long[] keys = new long[16];
    private long[] counts = new long[16];
    private int size;

    /** Adds {@code count} occurrences of a value; -0.0 and NaN are not expected (the profiler folds and drops them). */
    void add(final double value, final long count) {
        var bits = Double.doubleToRawLongBits(value);
        var mask = keys.length - 1;
        var slot = spread(bits) & mask;
        while (counts[slot] != 0) {
            if (keys[slot] == bits) {
                counts[slot] += count;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = bits;
        counts[slot] = count;
        if (2 * ++size > keys.length) {
            grow();
        }
    }

    /** Adds every count of {@code other}. */
    void addAll(final DoubleCounts other) {
        for (int slot = 0; slot < other.keys.length; slot++) {
            if (other.counts[slot] != 0) {
                add(Double.longBitsToDouble(other.keys[slot]), other.counts[slot]);
            }
        }
    }

    int size() {
        return size;
    }

    Map<Double, Long> toMap() {
        var map = new HashMap<Double, Long>();
        for (int slot = 0; slot < keys.length; slot++) {
            if (counts[slot] != 0) {
                map.put(Double.longBitsToDouble(keys[slot]), counts[slot]);
            }
        }
        return map;
    }

    private void grow() {
        var oldKeys = keys;
        var oldCounts = counts;
        keys = new long[2 * oldKeys.length];
        counts = new long[2 * oldKeys.length];
        size = 0;
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldCounts[slot] != 0) {
                add(Double.longBitsToDouble(oldKeys[slot]), oldCounts[slot]);
            }
        }
    }

    /**
     * Mixes every bit into the low ones the mask keeps (MurmurHash3's finalizer): doubles of
     * small integers differ only in their high bits, and a plain multiply keeps their low bits 0.
     */
    private static int spread(final long bits) {
        var mixed = (bits ^ (bits >>> 33)) * 0xff51afd7ed558ccdL;
        mixed = (mixed ^ (mixed >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (mixed ^ (mixed >>> 33));
    }
}
