package io.mlcd.drift;

import io.mlcd.data.CharSlice;

/**
 * One row as the profiler saw it: each value's text and, for a numeric column, the number it was
 * read as, so a {@link RowCheck} neither parses a value again nor judges a value differently
 * from the profile. Columns are given by their position in the file's header.
 */
public interface ProfiledRow {
    /** The value's text, valid only until the check returns. */
    CharSlice text(int column);

    /** The finite number a numeric column's value was read as; NaN when it counts as missing or is not numeric. */
    double number(int column);

    /** Whether the profile counts the value as missing (this includes unparseable values). */
    boolean isMissing(int column);

    /** Whether the value is present but not of the column's type (a number or a boolean). */
    boolean isUnparseable(int column);

    /** The line where the row starts in the file. */
    long line();
}
