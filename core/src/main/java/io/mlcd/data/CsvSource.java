package io.mlcd.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/** Reads a CSV file with a header row (RFC 4180 quoting, comma separated) through FastCSV. */
final class CsvSource implements RecordSource {
    private static final int PROGRESS_EVERY = 1 << 16;

    private final String name;
    private final CountingInputStream bytes;
    private final long size;
    private final Progress progress;
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final List<String> header;
    private CsvRecord current;
    private long rows;

    CsvSource(final String name, final CountingInputStream bytes, final long size, final Progress progress) {
        this.name = name;
        this.bytes = bytes;
        this.size = size;
        this.progress = progress;
        this.reader = CsvReader.builder().detectBomHeader(true)
                .ofCsvRecord(bytes, StandardCharsets.UTF_8);
        this.records = reader.iterator();
        if (!hasNext()) {
            close();
            throw new InputException("%s is empty: expected a header row with column names", name);
        }
        this.header = List.copyOf(records.next().getFields());
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
        try {
            current = records.next();
        }
        catch (CsvParseException e) {
            throw new InputException("%s: %s", name, e.getMessage());
        }
        if (current.getFieldCount() != header.size()) {
            throw new InputException("%s, line %d: %d fields, but the header has %d", name,
                    current.getStartingLineNumber(), current.getFieldCount(), header.size());
        }
        rows++;
        if ((rows & (PROGRESS_EVERY - 1)) == 0) {
            progress.update(name, rows, size > 0 ? Math.min(1.0, (double) bytes.count() / size) : -1);
        }
        return true;
    }

    private boolean hasNext() {
        try {
            return records.hasNext();
        }
        catch (CsvParseException e) {
            throw new InputException("%s: %s", name, e.getMessage());
        }
        catch (UncheckedIOException e) {
            throw new InputException("%s: cannot read: %s", name, e.getCause().getMessage());
        }
    }

    @Override
    public String field(final int column) {
        return current.getField(column);
    }

    @Override
    public long line() {
        return current.getStartingLineNumber();
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
}
