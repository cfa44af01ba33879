package io.mlcd.data;

import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers the distinct values of a categorical column in order of first appearance. Look-ups
 * take any {@link CharSequence} and compare characters, so a field read as a reused character
 * window finds its code without creating a String (the hot path of reading 10 million rows).
 */
public final class Dictionary {
    private final List<String> values = new ArrayList<>();
    private final int limit;
    private final String what;
    /** Open addressing: code + 1 per slot, 0 for an empty slot. */
    private int[] slots = new int[16];

    /**
     * @param limit most distinct values allowed
     * @param what  what the values are, for the error when there are too many
     */
    public Dictionary(final int limit, final String what) {
        this.limit = limit;
        this.what = what;
    }

    /** The code of a value, adding it when new; too many values is an input error at that row. */
    public int code(final CharSequence value, final String file, final long line) {
        var code = indexOf(value);
        if (code >= 0) {
            return code;
        }
        if (values.size() == limit) {
            throw new InputException("%s, line %d: more than %d distinct %s (%s, ...)", file, line, limit, what,
                    String.join(", ", values.subList(0, Math.min(5, values.size()))));
        }
        return add(value.toString());
    }

    /** The code of a value, adding it when new and there is room; -1 when the dictionary is full. */
    public int codeIfRoom(final CharSequence value) {
        var code = indexOf(value);
        if (code >= 0 || values.size() == limit) {
            return code;
        }
        return add(value.toString());
    }

    /** The code of a value, or -1 when it has none. */
    public int indexOf(final CharSequence value) {
        var mask = slots.length - 1;
        for (int slot = hash(value) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            var candidate = values.get(slots[slot] - 1);
            if (value instanceof CharSlice slice ? slice.contentEquals(candidate) : candidate.contentEquals(value)) {
                return slots[slot] - 1;
            }
        }
        return -1;
    }

    private int add(final String value) {
        values.add(value);
        if (2 * values.size() > slots.length) {
            slots = new int[2 * slots.length];
            for (int code = 0; code < values.size(); code++) {
                place(values.get(code), code);
            }
        }
        else {
            place(value, values.size() - 1);
        }
        return values.size() - 1;
    }

    private void place(final String value, final int code) {
        var mask = slots.length - 1;
        var slot = hash(value) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = code + 1;
    }

    /** Same as {@link String#hashCode()} for the same characters, spread over the low bits. */
    private static int hash(final CharSequence value) {
        if (value instanceof CharSlice slice) {
            var hash = slice.contentHash();
            return hash ^ (hash >>> 16);
        }
        var hash = 0;
        for (int i = 0; i < value.length(); i++) {
            hash = 31 * hash + value.charAt(i);
        }
        return hash ^ (hash >>> 16);
    }

    public int size() {
        return values.size();
    }

    public String value(final int code) {
        return values.get(code);
    }

    public List<String> values() {
        return List.copyOf(values);
    }

    @Override
    public String toString() {
        return what + Arrays.toString(values.toArray());
    }
}
