package io.mlcd.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a CSV file with a header row (RFC 4180 quoting, comma separated) through FastCSV. Fields
 * are handed out as {@link CharSlice} windows on one reused buffer, so reading a record creates
 * no String per field; FastCSV checks that every record has as many fields as the header, and
 * this class that no column name appears twice.
 */
final class CsvSource implements RecordSource {
    private static final int PROGRESS_EVERY = 1 << 16;

    private final String name;
    private final FilePosition position;
    private final Progress progress;
    private final CsvReader<Fields> reader;
    private final Iterator<Fields> records;
    private final List<String> header;
    private Fields current;
    private long rows;

    /** @param text the file's characters, without a byte order mark */
    CsvSource(final String name, final Reader text, final FilePosition position, final Progress progress) {
        this.name = name;
        this.position = position;
        this.progress = progress;
        this.reader = CsvReader.builder().build(new Fields(), text);
        this.records = reader.iterator();
        if (!hasNext()) {
            close();
            throw new InputException("%s is empty: expected a header row with column names", name);
        }
        var first = records.next();
        var names = new ArrayList<String>();
        for (int i = 0; i < first.count(); i++) {
            names.add(first.slice(i).toString());
        }
        this.header = List.copyOf(names);
        checkUnique(first.line());
    }

    /** Two columns of one name would make every look-up by name pick one of them silently. */
    private void checkUnique(final long line) {
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < header.size(); i++) {
            var earlier = seen.putIfAbsent(header.get(i), i);
            if (earlier != null) {
                close();
                throw new InputException("%s, line %d: column '%s' appears twice in the header (columns %d and %d)",
                        name, line, header.get(i), earlier + 1, i + 1);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public boolean next() {
        if (!hasNext()) {
            current = null;
            progress.update(name, rows, 1.0);
            return false;
        }
        current = records.next(); // hasNext() has read it
        rows++;
        if ((rows & (PROGRESS_EVERY - 1)) == 0) {
            progress.update(name, rows, position.fraction());
        }
        return true;
    }

    private boolean hasNext() {
        try {
            return records.hasNext();
        }
        catch (CsvParseException e) {
            if (e.getCause() instanceof OutOfMemoryError error) {
                throw error; // FastCSV wraps every Throwable; memory is not a parse error
            }
            throw parseError(e);
        }
        catch (UncheckedIOException e) {
            if (e.getCause() instanceof NotUtf8Exception notUtf8) {
                throw new InputException("%s", notUtf8.getMessage());
            }
            throw new InputException("%s cannot be read: %s", name, InputFiles.reason(e.getCause()));
        }
    }

    /** FastCSV says where ("record that started in line 9"); its cause says what. */
    private InputException parseError(final CsvParseException e) {
        var cause = e.getCause() != null && e.getCause().getMessage() != null ? ": " + e.getCause().getMessage() : "";
        return new InputException("%s: %s%s", name, e.getMessage(), cause);
    }

    @Override
    public String field(final int column) {
        return current.slice(column).toString();
    }

    @Override
    public CharSlice chars(final int column) {
        return current.slice(column);
    }

    @Override
    public long line() {
        return current.line();
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    @Override
    public void close() {
        try {
            reader.close();
        }
        catch (IOException e) {
            // Closing a file we only read cannot lose data; nothing to report.
        }
    }

    /**
     * Receives FastCSV's fields and copies them into one buffer; the same instance is every
     * record, valid until the next one is read.
     */
    private static final class Fields extends AbstractBaseCsvCallbackHandler<Fields> {
        private char[] buffer = new char[256];
        private int used;
        private int[] starts = new int[16];
        private int[] lengths = new int[16];
        private CharSlice[] slices = new CharSlice[0];
        private int count;
        private long line;

        @Override
        protected void handleBegin(final long startingLine) {
            used = 0;
            count = 0;
            line = startingLine;
        }

        @Override
        protected void handleField(final int index, final char[] chars, final int offset, final int length,
                final boolean quoted) {
            if (index >= starts.length) {
                starts = Arrays.copyOf(starts, 2 * index);
                lengths = Arrays.copyOf(lengths, 2 * index);
            }
            if (used + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, used + length));
            }
            System.arraycopy(chars, offset, buffer, used, length);
            starts[index] = used;
            lengths[index] = length;
            used += length;
            count = index + 1;
        }

        @Override
        protected Fields buildRecord() {
            return this;
        }

        int count() {
            return count;
        }

        long line() {
            return line;
        }

        CharSlice slice(final int index) {
            if (index >= slices.length) {
                var grown = Arrays.copyOf(slices, Math.max(count, index + 1));
                for (int i = slices.length; i < grown.length; i++) {
                    grown[i] = new CharSlice();
                }
                slices = grown;
            }
            var slice = slices[index];
            slice.set(buffer, starts[index], lengths[index]);
            return slice;
        }
    }
}
