package io.mlcd.drift;

import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.List;
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

    public Profile {
        columns = List.copyOf(columns);
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
