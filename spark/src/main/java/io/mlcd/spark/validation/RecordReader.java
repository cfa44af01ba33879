package io.mlcd.spark.validation;

import io.mlcd.validation.LabelValue;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Turns the selected columns of a row into a {@link PredictionRecord}, refusing what the CLI
 * refuses in a predictions file: a missing label, a score that is missing, not a number, NaN or
 * outside [0, 1], a regression value that is not finite, a missing id.
 */
final class RecordReader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final Task task;
    private final String label;
    private final String value;
    private final boolean scorer;
    private final String id;
    private final int groups;

    RecordReader(final String name, final ValidationSpec spec, final Task task) {
        this.name = name;
        this.task = task;
        this.label = spec.label();
        this.scorer = spec.score() != null;
        this.value = scorer ? spec.score() : spec.prediction();
        this.id = spec.id();
        this.groups = spec.groups().size();
    }

    /** The columns to select, in the order {@link #read} expects them. */
    static List<String> columns(final ValidationSpec spec) {
        var columns = new ArrayList<String>();
        columns.add(spec.label());
        columns.add(spec.score() != null ? spec.score() : spec.prediction());
        if (spec.id() != null) {
            columns.add(spec.id());
        }
        columns.addAll(spec.groups());
        return columns;
    }

    /** @throws BadValue when a value is refused */
    PredictionRecord read(final long order, final Row row) {
        var first = id != null ? 3 : 2;
        var groupValues = new String[groups];
        for (int g = 0; g < groups; g++) {
            groupValues[g] = Cells.text(row.get(first + g));
        }
        var rowId = id == null ? null : id(row.get(2));
        if (task == Task.REGRESSION) {
            return new PredictionRecord(order, null, finite(row.get(0), label), null, finite(row.get(1), value), rowId,
                    groupValues);
        }
        var labelClass = className(row.get(0), label);
        if (scorer) {
            return new PredictionRecord(order, labelClass, score(row.get(1)), null, Double.NaN, rowId, groupValues);
        }
        return new PredictionRecord(order, labelClass, Double.NaN, className(row.get(1), value), Double.NaN, rowId,
                groupValues);
    }

    private String className(final Object cell, final String column) {
        var canonical = LabelValue.canonical(Cells.text(cell));
        if (canonical.isEmpty()) {
            throw new BadValue(name, column, "the value is missing");
        }
        return canonical;
    }

    private double score(final Object cell) {
        var score = number(cell, value, "score");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new BadValue(name, value, String.format(java.util.Locale.ROOT,
                    "score %s is outside [0, 1]; give the probability of the positive class", Cells.text(cell)));
        }
        return score + 0.0; // -0.0 becomes 0.0, so equal scores are one key
    }

    private double finite(final Object cell, final String column) {
        var number = number(cell, column, "value");
        if (!Double.isFinite(number)) {
            throw new BadValue(name, column, Cells.text(cell) + " is not a finite number");
        }
        return number;
    }

    private double number(final Object cell, final String column, final String what) {
        if (Cells.missing(cell)) {
            throw new BadValue(name, column, "the " + what + " is missing");
        }
        double number;
        try {
            number = Cells.number(cell);
        }
        catch (NumberFormatException e) {
            throw new BadValue(name, column, "'" + Cells.text(cell) + "' is not a number");
        }
        if (Double.isNaN(number)) {
            throw new BadValue(name, column, "the " + what + " is NaN");
        }
        return number;
    }

    private String id(final Object cell) {
        var text = Cells.text(cell).strip();
        if (text.isEmpty()) {
            throw new BadValue(name, id, "the id is missing");
        }
        return text;
    }

    /** A value validation refuses; the scan keeps the first in row order. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(final String name, final String column, final String message) {
            super(name + ", column '" + column + "': " + message, null, false, false);
        }
    }
}
