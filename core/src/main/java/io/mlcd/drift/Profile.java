package io.mlcd.drift;

import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A compact, mergeable description of a data set: its row count and one {@link ColumnProfile}
 * per column, in file order. Written once per training set, it stands in for the raw data.
 *
 * @param source where the rows came from (file names, joined by " + " after merges)
 */
public record Profile(String source, long rows, List<ColumnProfile> columns) {
    /** Version of the profile file format this mlcd reads and writes. */
    public static final int VERSION = 1;

    /** Checks what holds for every profile of data: columns, each with a value or a missing mark per row. */
    public Profile {
        columns = List.copyOf(columns);
        if (rows <= 0 || columns.isEmpty()) {
            throw new IllegalArgumentException(rows <= 0 ? "a profile of no rows" : "a profile without columns");
        }
        var names = new HashSet<String>();
        for (ColumnProfile column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' appears twice");
            }
            if (Math.addExact(column.count(), column.missing()) != rows) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "column '%s' has %d values and "
                        + "%d missing, but the profile has %d rows", column.name(), column.count(), column.missing(), rows));
            }
        }
    }

    public Optional<ColumnProfile> column(final String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnProfile::name).toList();
    }

    /** The profile of the union of both data sets' rows; columns must match in name and type. */
    public Profile merge(final Profile other) {
        if (!columnNames().equals(other.columnNames())) {
            throw new InputException("cannot merge profiles of %s and %s: columns differ (%s vs %s)", source,
                    other.source, columnNames(), other.columnNames());
        }
        var merged = new ArrayList<ColumnProfile>();
        for (int i = 0; i < columns.size(); i++) {
            var mine = columns.get(i);
            var theirs = other.columns.get(i);
            if (mine.type() != theirs.type()) {
                throw new InputException("cannot merge profiles of %s and %s: column '%s' is %s in one and %s in the other",
                        source, other.source, mine.name(), mine.type().id(), theirs.type().id());
            }
            merged.add(mine.merge(theirs));
        }
        return new Profile(source + " + " + other.source, rows + other.rows, merged);
    }
}
