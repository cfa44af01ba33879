package io.mlcd.quality;

import io.mlcd.drift.ColumnType;
import io.mlcd.gate.Severity;
import io.mlcd.util.SafeText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The schema a batch of data must meet (the YAML file {@code schema_version: 1}): the dataset's
 * constraints and its columns, in the order the data had them when it was inferred.
 *
 * @param rows       the row count range, if any
 * @param newColumns what a column of the batch that the schema does not name does
 * @param primaryKey columns whose values together identify a row, if any
 * @param notes      comment lines the YAML shows above the dataset's keys; not checked
 */
public record DataSchema(Optional<Constraint.Rows> rows, NewColumns newColumns,
        Optional<Constraint.PrimaryKey> primaryKey, List<ColumnSchema> columns, List<String> notes) {
    /** The one version of the schema format. */
    public static final int VERSION = 1;
    private static final int NOTE_LIMIT = 500;

    /**
     * Checks that column names are distinct and the primary key names columns of the schema.
     *
     * @throws IllegalArgumentException saying which
     */
    public DataSchema {
        Objects.requireNonNull(rows);
        Objects.requireNonNull(newColumns);
        Objects.requireNonNull(primaryKey);
        columns = List.copyOf(columns);
        notes = commentLines(notes);
        var names = new HashSet<String>();
        for (ColumnSchema column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' is given twice");
            }
        }
        for (String key : primaryKey.map(Constraint.PrimaryKey::columns).orElse(List.of())) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("primary_key: column '" + key + "' is not in the schema");
            }
        }
    }

    /**
     * Notes as YAML comments hold them: one line each, control characters shown, no trailing
     * blanks, at most {@value #NOTE_LIMIT} characters; the same again when read back.
     */
    static List<String> commentLines(final List<String> notes) {
        return notes.stream().map(note -> {
            var line = SafeText.line(note, Integer.MAX_VALUE).stripTrailing();
            return line.length() > NOTE_LIMIT ? line.substring(0, NOTE_LIMIT - 1) + "\u2026" : line;
        }).toList();
    }

    public Optional<ColumnSchema> column(final String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSchema::name).toList();
    }

    /** Column types for the profiler's pass, by column name. */
    public Map<String, ColumnType> types() {
        var types = new LinkedHashMap<String, ColumnType>();
        columns.forEach(column -> types.put(column.name(), column.type()));
        return types;
    }

    /** Every constraint in schema order: rows, primary key, then each column's. */
    public List<Constraint> constraints() {
        var all = new ArrayList<Constraint>();
        rows.ifPresent(all::add);
        primaryKey.ifPresent(all::add);
        columns.forEach(column -> all.addAll(column.constraints()));
        return all;
    }

    /** What a column the schema does not name does: an anomaly that fails or warns, or nothing. */
    public enum NewColumns {
        FAIL,
        WARN,
        IGNORE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The anomaly's severity; empty when new columns are ignored. */
        public Optional<Severity> severity() {
            return switch (this) {
                case FAIL -> Optional.of(Severity.FAIL);
                case WARN -> Optional.of(Severity.WARN);
                case IGNORE -> Optional.empty();
            };
        }
    }
}
