package io.mlcd.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON Lines: one flat JSON object per line. The first object's keys are the header; later
 * objects may omit keys (missing values) or list them in another order; keys the first object
 * lacks are ignored. Numbers keep their text as written, so nothing is rounded on the way.
 */
final class JsonLinesSource implements RecordSource {
    private static final int PROGRESS_EVERY = 1 << 16;

    private final String name;
    private final FilePosition position;
    private final Progress progress;
    private final JsonParser parser;
    private final List<String> header;
    private final Map<String, Integer> positions = new HashMap<>();
    private final String[] values;
    private String[] pending;
    private long pendingLine;
    private long line;
    private long rows;

    JsonLinesSource(final String name, final InputStream bytes, final FilePosition position,
            final Progress progress) {
        this.name = name;
        this.position = position;
        this.progress = progress;
        try {
            this.parser = new JsonFactory().createParser(bytes);
        }
        catch (IOException e) {
            throw new InputException("%s: cannot read: %s", name, e.getMessage());
        }
        var first = readObject(true);
        if (first == null) {
            close();
            throw new InputException("%s is empty: expected JSON objects, one per line", name);
        }
        this.header = List.copyOf(first.keySet());
        for (int i = 0; i < header.size(); i++) {
            positions.put(header.get(i), i);
        }
        this.values = new String[header.size()];
        this.pending = header.stream().map(first::get).toArray(String[]::new);
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
        if (pending != null) {
            System.arraycopy(pending, 0, values, 0, values.length);
            line = pendingLine;
            pending = null;
        }
        else {
            var object = readObject(false);
            if (object == null) {
                progress.update(name, rows, 1.0);
                return false;
            }
            Arrays.fill(values, "");
            object.forEach((key, value) -> {
                var position = positions.get(key);
                if (position != null) {
                    values[position] = value;
                }
            });
        }
        rows++;
        if ((rows & (PROGRESS_EVERY - 1)) == 0) {
            progress.update(name, rows, position.fraction());
        }
        return true;
    }

    /** Reads the next object as key to text, or null at the end of the file. */
    private Map<String, String> readObject(final boolean first) {
        try {
            var token = parser.nextToken();
            if (token == null) {
                return null;
            }
            var at = parser.currentTokenLocation().getLineNr();
            if (first) {
                pendingLine = at;
            }
            else {
                line = at;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new InputException("%s, line %d: expected a JSON object, found %s", name, at, token);
            }
            var object = new java.util.LinkedHashMap<String, String>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var key = parser.currentName();
                object.put(key, scalar(parser.nextToken(), key, at));
            }
            return object;
        }
        catch (IOException e) {
            throw new InputException("%s: not valid JSON Lines: %s", name, firstLine(e.getMessage()));
        }
    }

    private String scalar(final JsonToken token, final String key, final long at) throws IOException {
        return switch (token) {
            case VALUE_NULL -> "";
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
            default -> throw InputException.at(name, at, key, "nested values are not supported");
        };
    }

    private static String firstLine(final String message) {
        var text = message == null ? "unknown error" : message;
        var end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    @Override
    public String field(final int column) {
        return values[column];
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    @Override
    public void close() {
        try {
            parser.close();
        }
        catch (IOException e) {
            // Closing a file we only read cannot lose data; nothing to report.
        }
    }

}
