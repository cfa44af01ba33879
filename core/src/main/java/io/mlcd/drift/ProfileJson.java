package io.mlcd.drift;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.data.InputFiles;
import io.mlcd.data.JsonErrors;
import io.mlcd.data.NotUtf8Exception;
import io.mlcd.data.Utf8Reader;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Reads and writes profile files: JSON with {@code profile_version}, sketches as base64 of their
 * DataSketches serialization. A file of another version, or one that is not a profile, is
 * rejected with a message that says so. A profile is checked as it is read (types and signs of
 * every field here, consistency of counts, moments and sketches in the profile records), so a
 * damaged or edited profile is an input error rather than a column that silently did not drift.
 */
public final class ProfileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProfileJson() {
    }

    public static ObjectNode of(final Profile profile) {
        var root = JSON.objectNode();
        root.put("profile_version", Profile.VERSION);
        root.put("source", profile.source());
        root.put("rows", profile.rows());
        var columns = root.putArray("columns");
        for (ColumnProfile column : profile.columns()) {
            var node = columns.addObject();
            node.put("name", column.name());
            node.put("type", column.type().id());
            node.put("count", column.count());
            node.put("missing", column.missing());
            node.put("unparseable", column.unparseable());
            column.numericProfile().ifPresent(numeric -> node.set("numeric", numeric(numeric)));
            column.categoricalProfile().ifPresent(categorical -> node.set("categorical", categorical(categorical)));
        }
        return root;
    }

    private static ObjectNode numeric(final NumericProfile numeric) {
        var node = JSON.objectNode();
        var summary = numeric.summary();
        var stats = node.putObject("summary");
        stats.put("count", summary.count());
        stats.put("mean", summary.mean());
        stats.put("m2", summary.m2());
        stats.put("min", summary.count() == 0 ? null : summary.min());
        stats.put("max", summary.count() == 0 ? null : summary.max());
        node.put("sketch", Base64.getEncoder().encodeToString(numeric.sketchBytes()));
        numeric.exact().ifPresent(values -> {
            var array = node.putArray("exact");
            for (double value : values) {
                array.add(value);
            }
        });
        numeric.distinct().ifPresent(distinct -> {
            var array = node.putArray("distinct");
            distinct.forEach((value, count) -> array.addArray().add(value).add(count));
        });
        return node;
    }

    private static ObjectNode categorical(final CategoricalProfile categorical) {
        var node = JSON.objectNode();
        var counts = node.putObject("counts");
        categorical.counts().forEach(counts::put);
        node.put("other", categorical.other());
        node.put("exact", categorical.exact());
        return node;
    }

    public static void write(final Profile profile, final Path file) {
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(of(profile)));
        }
        catch (IOException e) {
            throw new InputException("cannot write the profile %s: %s", file, InputFiles.reason(e));
        }
    }

    public static Profile read(final Path file) {
        return profile(parse(file), file.toString());
    }

    /** The profile as the JSON bytes {@link #write} writes: how a distributed pass ships partial profiles. */
    public static byte[] toBytes(final Profile profile) {
        try {
            return MAPPER.writeValueAsBytes(of(profile));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("a profile could not be written as JSON", e);
        }
    }

    /** A profile from {@link #toBytes}, checked as a file is; {@code name} says where it came from. */
    public static Profile fromBytes(final String name, final byte[] bytes) {
        try {
            return profile(MAPPER.readTree(bytes), name);
        }
        catch (IOException e) {
            throw new InputException("%s is not a profile: not valid JSON (%s)", name, e.getMessage());
        }
    }

    private static Profile profile(final JsonNode root, final String file) {
        if (!root.isObject() || !root.has("profile_version")) {
            throw new InputException("%s is not a profile: no profile_version (write one with mlcd profile)", file);
        }
        var version = root.get("profile_version");
        if (!version.isIntegralNumber() || version.asLong() != Profile.VERSION) {
            throw new InputException("profile %s has version %s; this mlcd reads version %d", file, version,
                    Profile.VERSION);
        }
        try {
            var columns = new ArrayList<ColumnProfile>();
            for (JsonNode node : array(root, "columns")) {
                columns.add(column(node));
            }
            return new Profile(text(root, "source"), count(root, "rows"), columns);
        }
        catch (IllegalArgumentException | ArithmeticException e) {
            throw new InputException("profile %s is corrupt: %s", file, e.getMessage());
        }
    }

    /** The file's JSON: strict UTF-8, no key twice in an object, nothing after the profile. */
    private static JsonNode parse(final Path file) {
        try (var text = new Utf8Reader(file.toString(), file, InputFiles.open(file));
                var parser = MAPPER.getFactory().createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            try {
                JsonNode root = MAPPER.readTree(parser);
                if (root == null || root.isMissingNode()) {
                    throw new InputException("%s is empty: expected a profile written by mlcd profile", file);
                }
                if (parser.nextToken() != null) {
                    throw new InputException("%s is not a profile: line %d: more JSON after the profile", file,
                            parser.currentTokenLocation().getLineNr());
                }
                return root;
            }
            catch (JsonProcessingException e) {
                throw new InputException("%s is not a profile: not valid JSON (line %d: %s)", file,
                        JsonErrors.line(e, parser), JsonErrors.describe(e));
            }
        }
        catch (NotUtf8Exception e) {
            throw new InputException("%s", e.getMessage());
        }
        catch (IOException e) {
            throw new InputException("%s cannot be read: %s", file, InputFiles.reason(e));
        }
    }

    private static ColumnProfile column(final JsonNode node) {
        var name = text(node, "name");
        try {
            var type = ColumnType.fromId(text(node, "type"));
            NumericProfile numeric = null;
            CategoricalProfile categorical = null;
            if (type == ColumnType.NUMERIC) {
                numeric = numeric(object(node, "numeric"));
            }
            else {
                var c = object(node, "categorical");
                var counts = new LinkedHashMap<String, Long>();
                object(c, "counts").fields().forEachRemaining(entry -> counts.put(entry.getKey(),
                        asCount(entry.getValue(), "counts." + entry.getKey())));
                categorical = new CategoricalProfile(counts, count(c, "other"), flag(c, "exact"));
            }
            return new ColumnProfile(name, type, count(node, "count"), count(node, "missing"),
                    node.has("unparseable") ? count(node, "unparseable") : 0, numeric, categorical);
        }
        catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("column '" + name + "': " + e.getMessage(), e);
        }
    }

    private static NumericProfile numeric(final JsonNode n) {
        var s = object(n, "summary");
        var count = count(s, "count");
        var summary = new NumericSummary(count, number(s, "mean"), number(s, "m2"),
                count == 0 ? Double.POSITIVE_INFINITY : number(s, "min"),
                count == 0 ? Double.NEGATIVE_INFINITY : number(s, "max"));
        KllDoublesSketch sketch;
        try {
            sketch = KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(text(n, "sketch"))));
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("the quantile sketch cannot be read");
        }
        double[] exact = null;
        if (n.has("exact")) {
            var values = array(n, "exact");
            exact = new double[values.size()];
            for (int i = 0; i < exact.length; i++) {
                exact[i] = asNumber(values.get(i), "exact[" + i + "]");
            }
        }
        HashMap<Double, Long> distinct = null;
        if (n.has("distinct")) {
            distinct = new HashMap<>();
            for (JsonNode pair : array(n, "distinct")) {
                if (!pair.isArray() || pair.size() != 2) {
                    throw new IllegalArgumentException("'distinct' must hold [value, count] pairs, got " + pair);
                }
                var value = asNumber(pair.get(0), "distinct value");
                if (distinct.put(value, asCount(pair.get(1), "distinct count")) != null) {
                    throw new IllegalArgumentException("distinct value " + value + " is listed twice");
                }
            }
        }
        return new NumericProfile(sketch, summary, exact, distinct);
    }

    private static JsonNode required(final JsonNode node, final String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value;
    }

    private static JsonNode object(final JsonNode node, final String field) {
        var value = required(node, field);
        if (!value.isObject()) {
            throw new IllegalArgumentException("'" + field + "' must be an object");
        }
        return value;
    }

    private static JsonNode array(final JsonNode node, final String field) {
        var value = required(node, field);
        if (!value.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array");
        }
        return value;
    }

    private static String text(final JsonNode node, final String field) {
        var value = required(node, field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static boolean flag(final JsonNode node, final String field) {
        var value = required(node, field);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    private static long count(final JsonNode node, final String field) {
        return asCount(required(node, field), field);
    }

    /** A count: a whole number, not negative, that fits a long (Jackson would otherwise round or wrap it). */
    private static long asCount(final JsonNode value, final String what) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new IllegalArgumentException("'" + what + "' must be a whole number >= 0, got " + value);
        }
        return value.asLong();
    }

    private static double number(final JsonNode node, final String field) {
        return asNumber(required(node, field), field);
    }

    private static double asNumber(final JsonNode value, final String what) {
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new IllegalArgumentException("'" + what + "' must be a finite number, got " + value);
        }
        return value.asDouble();
    }
}
