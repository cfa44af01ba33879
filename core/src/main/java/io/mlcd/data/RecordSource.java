package io.mlcd.data;

import java.io.Closeable;
import java.util.List;

/**
 * A streaming, forward-only view of a table file: a header and one record at a time. Reading
 * never holds more than the current record, so memory does not grow with the file.
 */
public interface RecordSource extends Closeable {
    /** The file name used in messages. */
    String name();

    /** Column names in file order. */
    List<String> header();

    /** Advances to the next record; false at the end of the file. */
    boolean next();

    /** The current record's value in a column; an empty string when the value is missing. */
    String field(int column);

    /**
     * The current record's value in a column as characters, valid only until {@link #next()};
     * cheaper than {@link #field(int)} where the source can avoid creating a String.
     */
    default CharSequence chars(final int column) {
        return field(column);
    }

    /** The line in the file where the current record starts (1-based, header included). */
    long line();

    /** Data records read so far. */
    long rowsRead();

    /** Closes the file; reading errors were already reported by {@link #next()}. */
    @Override
    void close();

    /** The index of a column, or an error that lists the columns there are. */
    default int column(final String name) {
        var index = header().indexOf(name);
        if (index < 0) {
            throw new io.mlcd.util.InputException("%s has no column '%s' (columns: %s)", name(), name,
                    String.join(", ", header()));
        }
        return index;
    }
}
