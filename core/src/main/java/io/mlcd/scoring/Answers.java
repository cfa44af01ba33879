package io.mlcd.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads the answer of MLflow's scoring protocol: {@code {"predictions": [...]}} (or, from older
 * servers, the bare list), one entry per row: numbers, strings or booleans, lists of numbers, or
 * objects whose {@link AnswerFormat#predictionField()} holds one of those; or named columns
 * {@code {"predictions": {"field": [...], ...}}}, of which the prediction field is taken.
 */
final class Answers {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Answers() {
    }

    /** What is wrong with an answer; the caller adds which batch it was. */
    static final class BadAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        BadAnswer(final String format, final Object... args) {
            super(String.format(Locale.ROOT, format, args));
        }
    }

    static Predictions parse(final String body, final int expected, final AnswerFormat format) throws BadAnswer {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw new BadAnswer("the answer is not JSON (%s)", e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadAnswer("the answer is empty");
        }
        var entries = root.isObject() ? root.get("predictions") : root;
        if (entries == null) {
            throw new BadAnswer("the answer has no 'predictions' (fields: %s)", fields(root));
        }
        if (entries.isObject()) {
            entries = column(entries, format);
        }
        if (!entries.isArray()) {
            throw new BadAnswer("'predictions' is not a list but %s",
                    entries.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (entries.size() != expected) {
            throw new BadAnswer("the model answered %d predictions for %d rows", entries.size(), expected);
        }
        var values = new ArrayList<JsonNode>(expected);
        for (int row = 0; row < expected; row++) {
            values.add(field(entries.get(row), row, format));
        }
        return read(values, format);
    }

    private static JsonNode column(final JsonNode columns, final AnswerFormat format) throws BadAnswer {
        var field = format.predictionField();
        if (field == null) {
            throw new BadAnswer("the model answered named columns (%s): choose one with --prediction-field",
                    fields(columns));
        }
        if (!columns.has(field)) {
            throw new BadAnswer("the model's answer has no column '%s' (columns: %s)", field, fields(columns));
        }
        return columns.get(field);
    }

    private static JsonNode field(final JsonNode entry, final int row, final AnswerFormat format) throws BadAnswer {
        if (!entry.isObject()) {
            return entry;
        }
        var field = format.predictionField();
        if (field == null) {
            throw new BadAnswer("the model answered objects (fields: %s): choose one with --prediction-field",
                    fields(entry));
        }
        if (!entry.has(field)) {
            throw new BadAnswer("prediction %d has no field '%s' (fields: %s)", row + 1, field, fields(entry));
        }
        var value = entry.get(field);
        if (value.isObject()) {
            throw new BadAnswer("field '%s' of prediction %d is an object, not a value", field, row + 1);
        }
        return value;
    }

    private static Predictions read(final List<JsonNode> values, final AnswerFormat format) throws BadAnswer {
        var vectors = values.stream().filter(JsonNode::isArray).count();
        if (vectors > 0) {
            if (vectors != values.size()) {
                throw new BadAnswer("the model answered lists for some rows and single values for others");
            }
            return vectors(values, format);
        }
        if (values.stream().allMatch(value -> value.isNumber() || value.isNull())) {
            var numbers = new double[values.size()];
            for (int row = 0; row < numbers.length; row++) {
                numbers[row] = values.get(row).isNull() ? Double.NaN : values.get(row).asDouble();
            }
            return Predictions.ofNumbers(numbers);
        }
        var texts = new String[values.size()];
        for (int row = 0; row < texts.length; row++) {
            var value = values.get(row);
            texts[row] = value.isNull() ? null
                    : value.isNumber() ? Frame.render(value.asDouble(), false) : value.asText();
        }
        return Predictions.ofTexts(texts);
    }

    private static Predictions vectors(final List<JsonNode> values, final AnswerFormat format) throws BadAnswer {
        var length = values.get(0).size();
        var vectors = new double[values.size()][];
        for (int row = 0; row < vectors.length; row++) {
            var value = values.get(row);
            if (value.size() != length) {
                throw new BadAnswer("prediction %d has %d components, prediction 1 has %d", row + 1, value.size(),
                        length);
            }
            vectors[row] = new double[length];
            for (int i = 0; i < length; i++) {
                var component = value.get(i);
                if (!component.isNumber() && !component.isNull()) {
                    throw new BadAnswer("prediction %d holds %s, not a number", row + 1,
                            component.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                vectors[row][i] = component.isNull() ? Double.NaN : component.asDouble();
            }
        }
        if (length == 0) {
            throw new BadAnswer("the model answered empty lists");
        }
        if (format.scoreIndex() >= length) {
            throw new BadAnswer("--score-index is %d, but the model answered lists of %d (indexes 0..%d)",
                    format.scoreIndex(), length, length - 1);
        }
        return Predictions.ofVectors(vectors, format.scoreIndex());
    }

    private static String fields(final JsonNode node) {
        var names = new ArrayList<String>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext() && names.size() < 20;) {
            names.add(it.next());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
