package io.mlcd.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * rejected with a message that says so.
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
            throw new InputException("cannot write the profile %s: %s", file, e.getMessage());
        }
    }

    public static Profile read(final Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        }
        catch (NoSuchFileException e) {
            throw new InputException("profile %s does not exist", file);
        }
        catch (IOException e) {
            throw new InputException("%s is not a profile: not valid JSON", file);
        }
        if (root == null || !root.isObject() || !root.has("profile_version")) {
            throw new InputException("%s is not a profile: no profile_version (write one with mlcd profile)", file);
        }
        var version = root.path("profile_version").asInt(-1);
        if (version != Profile.VERSION) {
            throw new InputException("profile %s has version %s; this mlcd reads version %d", file,
                    root.path("profile_version").asText(), Profile.VERSION);
        }
        try {
            var columns = new ArrayList<ColumnProfile>();
            for (JsonNode node : required(root, "columns")) {
                columns.add(column(node));
            }
            return new Profile(required(root, "source").asText(), required(root, "rows").asLong(), columns);
        }
        catch (RuntimeException e) {
            throw new InputException("profile %s is corrupt: %s", file, e.getMessage());
        }
    }

    private static ColumnProfile column(final JsonNode node) {
        var type = ColumnType.fromId(required(node, "type").asText());
        NumericProfile numeric = null;
        CategoricalProfile categorical = null;
        if (type == ColumnType.NUMERIC) {
            var n = required(node, "numeric");
            var s = required(n, "summary");
            var summary = new NumericSummary(required(s, "count").asLong(), required(s, "mean").asDouble(),
                    required(s, "m2").asDouble(), s.path("min").isNumber() ? s.get("min").asDouble()
                            : Double.POSITIVE_INFINITY,
                    s.path("max").isNumber() ? s.get("max").asDouble() : Double.NEGATIVE_INFINITY);
            var sketch = KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(required(n, "sketch").asText())));
            double[] exact = null;
            if (n.has("exact")) {
                exact = new double[n.get("exact").size()];
                for (int i = 0; i < exact.length; i++) {
                    exact[i] = n.get("exact").get(i).asDouble();
                }
            }
            HashMap<Double, Long> distinct = null;
            if (n.has("distinct")) {
                distinct = new HashMap<>();
                for (JsonNode pair : n.get("distinct")) {
                    distinct.put(pair.get(0).asDouble(), pair.get(1).asLong());
                }
            }
            numeric = new NumericProfile(sketch, summary, exact, distinct);
        }
        else {
            var c = required(node, "categorical");
            var counts = new LinkedHashMap<String, Long>();
            required(c, "counts").fields().forEachRemaining(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
            categorical = new CategoricalProfile(counts, c.path("other").asLong(), c.path("exact").asBoolean());
        }
        return new ColumnProfile(required(node, "name").asText(), type, required(node, "count").asLong(),
                required(node, "missing").asLong(), node.path("unparseable").asLong(), numeric, categorical);
    }

    private static JsonNode required(final JsonNode node, final String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value;
    }
}
