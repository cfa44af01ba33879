package io.mlcd.data;

/**
 * A reusable window on a char array: a field of the current record without a String per field.
 * Valid until the source moves to the next record; call {@link #toString()} to keep it.
 */
public final class CharSlice implements CharSequence {
    private char[] chars = new char[0];
    private int offset;
    private int length;
    /** The slice's own buffer for {@link #copyOf}, reused from one value to the next. */
    private char[] own = new char[0];

    void set(final char[] chars, final int offset, final int length) {
        this.chars = chars;
        this.offset = offset;
        this.length = length;
    }

    /** Points the slice at a copy of {@code text} in a buffer of its own (for sources that hand out Strings). */
    public void copyOf(final CharSequence text) {
        var size = text.length();
        if (own.length < size) {
            own = new char[Math.max(size, 2 * own.length)];
        }
        if (text instanceof String string) {
            string.getChars(0, size, own, 0);
        }
        else {
            for (int i = 0; i < size; i++) {
                own[i] = text.charAt(i);
            }
        }
        set(own, 0, size);
    }

    public char[] array() {
        return chars;
    }

    public int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(final int index) {
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end) {
        return toString().substring(start, end);
    }

    /** Whether the slice holds exactly the characters of {@code text}. */
    public boolean contentEquals(final String text) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Hash of the characters, equal to {@link String#hashCode()} of the same text. */
    public int contentHash() {
        var hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return new String(chars, offset, length);
    }
}
