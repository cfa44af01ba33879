package io.mlcd.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON Lines: one flat JSON object per line. The first object's keys are the header; later
 * objects may omit keys (missing values) or list them in another order; keys the first object
 * lacks are ignored; a key twice in one object is an error. Numbers keep their text as written,
 * so nothing is rounded on the way; NaN and Infinity, which Python's json module writes, are
 * read as those words.
 */
final class JsonLinesSource implements RecordSource {
    private static final int PROGRESS_EVERY = 1 << 16;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final String name;
    private final FilePosition position;
    private final Progress progress;
    private final JsonParser parser;
    private final List<String> header;
    private final Map<String, Integer> positions = new HashMap<>();
    private final String[] values;
    private String[] pending;
    private long pendingLine;
    /** Where the object being read starts; 0 before its first token. */
    private long objectLine;
    private long line;
    private long rows;

    /** @param text the file's characters, without a byte order mark */
    JsonLinesSource(final String name, final Reader text, final FilePosition position, final Progress progress)
            throws IOException {
        this.name = name;
        this.position = position;
        this.progress = progress;
        this.parser = JSON.createParser(text);
        var first = readObject(true);
        if (first == null) {
            close();
            throw new InputException("%s is empty: expected JSON objects, one per line", name);
        }
        if (first.isEmpty()) {
            close();
            throw new InputException("%s, line %d: the first object has no keys, so the data has no columns", name,
                    pendingLine);
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
        objectLine = 0;
        try {
            var token = parser.nextToken();
            if (token == null) {
                return null;
            }
            var at = parser.currentTokenLocation().getLineNr();
            objectLine = at;
            if (first) {
                pendingLine = at;
            }
            else {
                line = at;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new InputException("%s, line %d: expected a JSON object, found %s", name, at, kind(token));
            }
            var object = new LinkedHashMap<String, String>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var key = parser.currentName();
                if (object.put(key, scalar(parser.nextToken(), key, at)) != null) {
                    throw new InputException("%s, line %d: key '%s' appears twice in one object", name,
                            parser.currentTokenLocation().getLineNr(), key);
                }
            }
            return object;
        }
        catch (NotUtf8Exception e) {
            throw new InputException("%s", e.getMessage());
        }
        catch (JsonEOFException e) {
            // the end of the file is after the last line; the object that it cut short is the news
            throw new InputException("%s, line %d: not valid JSON: %s", name,
                    objectLine > 0 ? objectLine : JsonErrors.line(e, parser), JsonErrors.describe(e));
        }
        catch (JsonProcessingException e) {
            throw new InputException("%s, line %d: not valid JSON: %s", name, JsonErrors.line(e, parser),
                    JsonErrors.describe(e));
        }
        catch (IOException e) {
            throw new InputException("%s cannot be read: %s", name, InputFiles.reason(e));
        }
    }

    private static String kind(final JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + token.asString() + "'";
        };
    }

    private String scalar(final JsonToken token, final String key, final long at) throws IOException {
        return switch (token) {
            case VALUE_NULL -> "";
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
            default -> throw InputException.at(name, at, key, "nested values are not supported");
        };
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
