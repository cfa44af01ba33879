package io.mlcd.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The request body of MLflow's scoring protocol for a batch of rows:
 * {@code {"dataframe_split": {"columns": [...], "data": [[...], ...]}}}. Missing values are
 * {@code null}; whole-number columns are JSON integers and other numeric columns JSON numbers
 * with a fraction or exponent, so that the server's pandas gets int64 and float64 columns as it
 * would from the file; text columns are strings.
 */
final class Requests {
    private static final JsonFactory JSON = new JsonFactory();

    private Requests() {
    }

    static byte[] dataframeSplit(final Frame rows) {
        var bytes = new ByteArrayOutputStream(64 + rows.rows() * rows.columns().size() * 12);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeObjectFieldStart("dataframe_split");
            json.writeArrayFieldStart("columns");
            for (String column : rows.columns()) {
                json.writeString(column);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("data");
            var columns = rows.columns().size();
            for (int r = 0; r < rows.rows(); r++) {
                json.writeStartArray();
                for (int c = 0; c < columns; c++) {
                    write(json, rows, c, r);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return bytes.toByteArray();
    }

    private static void write(final JsonGenerator json, final Frame rows, final int column, final int row)
            throws IOException {
        if (!rows.isNumeric(column)) {
            var text = rows.text(column, row);
            if (text == null) {
                json.writeNull();
            }
            else {
                json.writeString(text);
            }
            return;
        }
        var number = rows.number(column, row);
        if (!Double.isFinite(number)) { // JSON has no NaN or infinity
            json.writeNull();
        }
        else if (rows.isWhole(column)) {
            json.writeNumber((long) number);
        }
        else {
            json.writeNumber(number);
        }
    }
}
