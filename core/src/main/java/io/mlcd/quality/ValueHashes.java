package io.mlcd.quality;

import io.mlcd.data.CharSlice;

/**
 * A set of 64-bit value hashes in one open-addressing array (8 bytes a value at a load of at most
 * one half, so about 16 bytes a distinct value), to tell whether any value of a column occurs
 * twice without keeping the values. Numbers hash by a bijective mix of their bits, so numbers
 * never collide; texts by a 64-bit hash, so n distinct texts collide with probability about
 * n²/2⁶⁵ (under 3·10⁻⁸ for a million values), which would wrongly make a column look not unique.
 */
final class ValueHashes {
    private static final long EMPTY = 0;
    /** Stands for a hash that happens to be {@link #EMPTY}. */
    private static final long ZERO = 0x9E3779B97F4A7C15L;

    private long[] slots = new long[16];
    private int size;

    /** Adds a hash; false when it was there already. */
    boolean add(final long hash) {
        var key = hash == EMPTY ? ZERO : hash;
        var mask = slots.length - 1;
        var i = (int) (key ^ key >>> 32) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == key) {
                return false;
            }
            i = i + 1 & mask;
        }
        slots[i] = key;
        size++;
        if (size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size;
    }

    /** Adds every hash of {@code other}; false when one of them was here already. */
    boolean addAll(final ValueHashes other) {
        var distinct = true;
        for (long key : other.slots) {
            if (key != EMPTY) {
                distinct &= add(key);
            }
        }
        return distinct;
    }

    private void grow() {
        var old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long key : old) {
            if (key != EMPTY) {
                add(key);
            }
        }
    }

    static long ofNumber(final double number) {
        return mix(Double.doubleToLongBits(number + 0.0)); // -0 and 0 are one number
    }

    static long ofText(final CharSlice text) {
        return ofText(text.array(), text.offset(), text.length());
    }

    static long ofText(final char[] array, final int offset, final int length) {
        long hash = 0xCBF29CE484222325L ^ length;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = mix(hash ^ array[i]);
        }
        return mix(hash + 0x632BE59BD9B4E019L);
    }

    /** Murmur3's 64-bit finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(final long value) {
        var x = value;
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB93FE1A85EC3L;
        x ^= x >>> 33;
        return x;
    }
}
