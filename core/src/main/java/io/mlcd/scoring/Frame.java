package io.mlcd.scoring;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.data.RecordSource;
import io.mlcd.data.Tables;
import io.mlcd.drift.MissingValues;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * A table of feature rows to score, column-wise and immutable. A column is numeric when every
 * value that is not missing is a number (the profiler's rule and parser: pandas' missing markers,
 * NaN and infinities count as missing, NaN here); numeric columns whose values are all written as
 * whole numbers are <em>whole</em> and go to the model as JSON integers, as pandas would read
 * them (int64). Every other column is text ({@code null} = missing).
 */
public final class Frame {
    private final List<Column> columns;
    private final int from;
    private final int rows;

    /** One column's values; exactly one of numbers and texts is set. */
    private record Column(String name, @CheckForNull double[] numbers, @CheckForNull String[] texts, boolean whole) {
    }

    private Frame(final List<Column> columns, final int from, final int rows) {
        this.columns = List.copyOf(columns);
        this.from = from;
        this.rows = rows;
    }

    /**
     * Reads a CSV or JSON Lines file (as {@link Tables} does), without the columns named in
     * {@code dropColumns}; two passes, the first deciding the column types. A drop column the file
     * lacks is an input error.
     */
    public static Frame read(final Path csvOrJsonl, final List<String> dropColumns, final Progress progress) {
        boolean[] text;
        boolean[] fraction;
        int count = 0;
        List<String> header;
        try (var source = Tables.open(csvOrJsonl, progress)) {
            header = source.header();
            for (String drop : dropColumns) {
                source.column(drop);
            }
            text = new boolean[header.size()];
            fraction = new boolean[header.size()];
            while (source.next()) {
                count++;
                for (int c = 0; c < header.size(); c++) {
                    if (!text[c]) {
                        classify(source.field(c), c, text, fraction);
                    }
                }
            }
        }
        var kept = new ArrayList<Integer>();
        var dropped = new HashSet<>(dropColumns);
        for (int c = 0; c < header.size(); c++) {
            if (!dropped.contains(header.get(c))) {
                kept.add(c);
            }
        }
        var numbers = new double[header.size()][];
        var texts = new String[header.size()][];
        for (int c : kept) {
            if (text[c]) {
                texts[c] = new String[count];
            }
            else {
                numbers[c] = new double[count];
            }
        }
        try (var source = Tables.open(csvOrJsonl, progress)) {
            fill(source, kept, numbers, texts, count);
        }
        var columns = new ArrayList<Column>();
        for (int c : kept) {
            columns.add(new Column(header.get(c), numbers[c], texts[c], !text[c] && !fraction[c]));
        }
        return new Frame(columns, 0, count);
    }

    private static void classify(final String value, final int column, final boolean[] text, final boolean[] fraction) {
        var number = number(value);
        if (number == null) {
            text[column] = true;
        }
        else if (!number.isNaN() && !isWhole(value)) {
            fraction[column] = true;
        }
    }

    /**
     * The value as the profiler reads it: a number, NaN when missing (pandas' markers, NaN and
     * infinities), or null when it is no number.
     */
    @CheckForNull
    private static Double number(final String value) {
        if (mayBeNumber(value)) {
            try {
                var number = JavaDoubleParser.parseDouble(value) + 0.0; // -0.0 and 0.0 are one value
                return Double.isFinite(number) ? number : Double.NaN;
            }
            catch (NumberFormatException e) {
                // a missing-value marker or text: decided below, without an exception per value of a number column
            }
        }
        return MissingValues.isMissing(value) || MissingValues.isInfinity(value) ? Double.NaN : null;
    }

    private static boolean mayBeNumber(final String value) {
        if (value.isEmpty()) {
            return false;
        }
        var first = value.charAt(0);
        return first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.' || first <= ' ';
    }

    /** Whether a number is written as a whole number of at most 15 digits (exact as a double, int64 for pandas). */
    private static boolean isWhole(final String value) {
        var text = value.strip();
        var start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.length() == start || text.length() - start > 15) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void fill(final RecordSource source, final List<Integer> kept, final double[][] numbers,
            final String[][] texts, final int count) {
        int row = 0;
        while (source.next()) {
            if (row == count) {
                throw new InputException("%s changed while it was read (more rows than before)", source.name());
            }
            for (int c : kept) {
                var value = source.field(c);
                if (texts[c] != null) {
                    texts[c][row] = MissingValues.isMissing(value) ? null : value;
                }
                else {
                    var number = number(value);
                    if (number == null) {
                        throw new InputException("%s changed while it was read (line %d)", source.name(), source.line());
                    }
                    numbers[c][row] = number;
                }
            }
            row++;
        }
        if (row != count) {
            throw new InputException("%s changed while it was read (fewer rows than before)", source.name());
        }
    }

    /** A frame of these columns, all rows the same length; a column is text when {@code texts} holds it. */
    public static Frame of(final List<String> names, final List<double[]> numbers, final List<String[]> texts) {
        var columns = new ArrayList<Column>();
        int length = -1;
        for (int c = 0; c < names.size(); c++) {
            var values = numbers.get(c);
            var strings = texts.get(c);
            if ((values == null) == (strings == null)) {
                throw new IllegalArgumentException("column " + names.get(c) + " needs numbers or texts");
            }
            var size = values != null ? values.length : strings.length;
            if (length >= 0 && size != length) {
                throw new IllegalArgumentException("column " + names.get(c) + " has " + size + " rows, not " + length);
            }
            length = size;
            columns.add(new Column(names.get(c), values, strings, values != null && allWhole(values)));
        }
        return new Frame(columns, 0, Math.max(length, 0));
    }

    public List<String> columns() {
        return columns.stream().map(Column::name).toList();
    }

    public int rows() {
        return rows;
    }

    public boolean isNumeric(final int column) {
        return columns.get(column).numbers() != null;
    }

    /** Whether a numeric column holds whole numbers only (sent as JSON integers); false for text. */
    public boolean isWhole(final int column) {
        return columns.get(column).whole();
    }

    /** The index of a column, or an input error listing the columns there are. */
    public int column(final String name) {
        var names = columns();
        var index = names.indexOf(name);
        if (index < 0) {
            throw new InputException("no column '%s' (columns: %s)", name, String.join(", ", names));
        }
        return index;
    }

    /** A numeric column's value; NaN = missing. */
    public double number(final int column, final int row) {
        var values = columns.get(column).numbers();
        if (values == null) {
            throw new IllegalStateException("column " + columns.get(column).name() + " is text");
        }
        return values[from + checked(row)];
    }

    /** A value as text: a text column's value or a number as {@link #writeCsv} writes it; null = missing. */
    public String text(final int column, final int row) {
        var value = columns.get(column);
        if (value.texts() != null) {
            return value.texts()[from + checked(row)];
        }
        var number = value.numbers()[from + checked(row)];
        return Double.isNaN(number) ? null : render(number, value.whole());
    }

    /** A copy of this frame with a numeric column's values replaced (it stays whole only if they all are). */
    public Frame withNumbers(final int column, final double[] values) {
        checkLength(values.length);
        var old = columns.get(column);
        var copy = slice();
        copy.set(column, new Column(old.name(), values.clone(), null, old.whole() && allWhole(values)));
        return new Frame(copy, 0, rows);
    }

    /** A copy of this frame with a column's values replaced by texts (null = missing). */
    public Frame withTexts(final int column, final String[] values) {
        checkLength(values.length);
        var copy = slice();
        copy.set(column, new Column(columns.get(column).name(), null, values.clone(), false));
        return new Frame(copy, 0, rows);
    }

    /** This frame with a numeric column added at the end, e.g. the scored predictions. */
    public Frame plusNumbers(final String name, final double[] values) {
        return plus(new Column(name, values.clone(), null, allWhole(values)), values.length);
    }

    /** This frame with a text column added at the end. */
    public Frame plusTexts(final String name, final String[] values) {
        return plus(new Column(name, null, values.clone(), false), values.length);
    }

    /** The rows from (inclusive) to (exclusive), sharing this frame's arrays. */
    public Frame rows(final int fromRow, final int toRow) {
        if (fromRow < 0 || toRow > rows || fromRow > toRow) {
            throw new IndexOutOfBoundsException("rows " + fromRow + ".." + toRow + " of " + rows);
        }
        return new Frame(columns, from + fromRow, toRow - fromRow);
    }

    /** The rows at these indexes, in this order (copied). */
    public Frame select(final int[] rowIndexes) {
        var copy = new ArrayList<Column>();
        for (Column column : columns) {
            if (column.numbers() != null) {
                var values = new double[rowIndexes.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = column.numbers()[from + checked(rowIndexes[i])];
                }
                copy.add(new Column(column.name(), values, null, column.whole()));
            }
            else {
                var values = new String[rowIndexes.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = column.texts()[from + checked(rowIndexes[i])];
                }
                copy.add(new Column(column.name(), null, values, false));
            }
        }
        return new Frame(copy, 0, rowIndexes.length);
    }

    /** This frame without the named columns (names it lacks are ignored). */
    public Frame without(final List<String> names) {
        var kept = columns.stream().filter(column -> !names.contains(column.name())).toList();
        return new Frame(kept, from, rows);
    }

    /**
     * Writes the frame as CSV (RFC 4180 quoting, header row, empty field = missing), atomically:
     * whole numbers without a fraction, other numbers in the shortest form that reads back as
     * the same double.
     */
    public void writeCsv(final Path file) {
        var csv = new StringBuilder();
        var names = columns();
        for (int c = 0; c < names.size(); c++) {
            csv.append(c == 0 ? "" : ",").append(quote(names.get(c)));
        }
        csv.append('\n');
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < names.size(); c++) {
                var value = text(c, r);
                csv.append(c == 0 ? "" : ",").append(value == null ? "" : quote(value));
            }
            csv.append('\n');
        }
        try {
            AtomicFiles.write(file, csv.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String render(final double number, final boolean whole) {
        if (whole || number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }

    private static String quote(final String value) {
        if (value.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static boolean allWhole(final double[] values) {
        return Arrays.stream(values).allMatch(value -> Double.isNaN(value)
                || value == Math.rint(value) && Math.abs(value) < 1e15);
    }

    private Frame plus(final Column column, final int length) {
        checkLength(length);
        if (columns().contains(column.name())) {
            throw new InputException("there is a column '%s' already", column.name());
        }
        var copy = slice();
        copy.add(column);
        return new Frame(copy, 0, rows);
    }

    /** The columns copied down to this frame's rows, so that a new frame can start at row 0. */
    private List<Column> slice() {
        var copy = new ArrayList<Column>();
        for (Column column : columns) {
            copy.add(column.numbers() != null
                    ? new Column(column.name(), Arrays.copyOfRange(column.numbers(), from, from + rows), null,
                            column.whole())
                    : new Column(column.name(), null, Arrays.copyOfRange(column.texts(), from, from + rows), false));
        }
        return copy;
    }

    private void checkLength(final int length) {
        if (length != rows) {
            throw new IllegalArgumentException("a column of " + length + " values for " + rows + " rows");
        }
    }

    private int checked(final int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return row;
    }
}
