package io.mlcd.quality;

/**
 * A set of 64-bit numbers with open addressing and linear probing in one {@code long[]}: 8 bytes
 * per slot, at most 3/4 of the slots used, so about 11 to 21 bytes per element and no object per
 * element (a {@code HashSet<Long>} costs about 60). Keys are expected to be hashes already; they
 * are mixed once more to spread them over the slots. Zero marks an empty slot, so the key 0 is
 * kept aside in a flag.
 */
final class LongHashSet {
    private static final int INITIAL = 16;

    private long[] slots = new long[INITIAL];
    private int size;
    private boolean hasZero;

    /** Adds the key; returns whether it was new. */
    boolean add(final long key) {
        if (key == 0) {
            var added = !hasZero;
            hasZero = true;
            return added;
        }
        var mask = slots.length - 1;
        var i = (int) spread(key) & mask;
        while (slots[i] != 0) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        if (++size > slots.length / 4 * 3) {
            grow();
        }
        return true;
    }

    boolean contains(final long key) {
        if (key == 0) {
            return hasZero;
        }
        var mask = slots.length - 1;
        var i = (int) spread(key) & mask;
        while (slots[i] != 0) {
            if (slots[i] == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    /** Calls the action on every key, in no particular order. */
    void forEach(final java.util.function.LongConsumer action) {
        if (hasZero) {
            action.accept(0);
        }
        for (long key : slots) {
            if (key != 0) {
                action.accept(key);
            }
        }
    }

    private void grow() {
        if (slots.length >= 1 << 30) {
            throw new IllegalStateException("more distinct values than a set of 2^30 slots holds");
        }
        var old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long key : old) {
            if (key != 0) {
                add(key);
            }
        }
    }

    /** The finaliser of MurmurHash3 (fmix64): a bijection that lets every bit of the key reach the low bits. */
    static long spread(final long key) {
        var h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e45b98ec5L;
        h ^= h >>> 33;
        return h;
    }
}
