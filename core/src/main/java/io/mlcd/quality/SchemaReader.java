package io.mlcd.quality;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.ColumnType;
import io.mlcd.gate.Severity;
import io.mlcd.util.InputException;
import io.mlcd.util.SafeText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the JSON tree of a schema file into a {@link DataSchema}, refusing anything it does not
 * understand with one line that names the file, the column and the key.
 */
final class SchemaReader {
    private static final Set<String> ROOT_KEYS = Set.of("schema_version", "rows", "new_columns", "primary_key",
            "columns");
    private static final String SEVERITY = "severity";

    private final Path file;
    private final SchemaComments comments;
    /** The column being read, for messages; null for dataset keys. */
    @CheckForNull
    private String column;

    SchemaReader(final Path file, final SchemaComments comments) {
        this.file = file;
        this.comments = comments;
    }

    DataSchema read(final JsonNode root) {
        if (root.isMissingNode()) {
            throw new InputException("schema file %s is empty", file);
        }
        if (!root.isObject()) {
            throw new InputException("schema file %s: expected a mapping with schema_version and columns, found %s",
                    file, kind(root));
        }
        keys(root, "", ROOT_KEYS);
        version(root.get("schema_version"));
        var rows = Optional.ofNullable(root.get("rows")).map(this::rows);
        var newColumns = newColumns(root.get("new_columns"));
        var columnsNode = root.get("columns");
        if (columnsNode == null || !columnsNode.isObject()) {
            throw new InputException("schema file %s, key 'columns': %s", file, columnsNode == null ? "missing"
                    : "expected a mapping of column name to its constraints, found " + kind(columnsNode));
        }
        var columns = new ArrayList<ColumnSchema>();
        columnsNode.fields().forEachRemaining(entry -> columns.add(column(entry.getKey(), entry.getValue())));
        column = null;
        var primaryKey = Optional.ofNullable(root.get("primary_key")).map(this::primaryKey);
        primaryKey.ifPresent(key -> key.columns().stream().filter(name -> columns.stream()
                .noneMatch(c -> c.name().equals(name))).findFirst().ifPresent(name -> {
                    throw fail("primary_key", "column '%s' is not in the schema's columns", quote(name));
                }));
        return build("schema", () -> new DataSchema(rows, newColumns, primaryKey, columns, comments.notes(List.of())));
    }

    private void version(@CheckForNull final JsonNode node) {
        if (node == null) {
            throw new InputException("schema file %s: schema_version is missing (write schema_version: 1 first)", file);
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() != DataSchema.VERSION) {
            throw new InputException("schema file %s: schema_version %s is not supported; this mlcd reads version %d",
                    file, SafeText.line(node.toString(), SafeText.QUOTE_LIMIT), DataSchema.VERSION);
        }
    }

    private Constraint.Rows rows(final JsonNode node) {
        var key = "rows";
        object(node, key, "a mapping {min: N, max: N}");
        keys(node, key, Set.of("min", "max", SEVERITY));
        if (node.get("min") == null && node.get("max") == null) {
            throw fail(key, "give min, max or both");
        }
        var min = whole(node.get("min"), key + ".min", 0);
        var max = whole(node.get("max"), key + ".max", Long.MAX_VALUE);
        var inferred = comments.isInferred(List.of(key));
        return build(key, () -> new Constraint.Rows(min, max, severity(node, key), inferred));
    }

    private DataSchema.NewColumns newColumns(@CheckForNull final JsonNode node) {
        if (node == null) {
            return DataSchema.NewColumns.FAIL;
        }
        for (var policy : DataSchema.NewColumns.values()) {
            if (node.isTextual() && policy.id().equals(node.textValue())) {
                return policy;
            }
        }
        throw fail("new_columns", "%s is not fail, warn or ignore", shown(node));
    }

    private Constraint.PrimaryKey primaryKey(final JsonNode node) {
        var key = "primary_key";
        var long_ = node.isObject();
        if (long_) {
            keys(node, key, Set.of("columns", SEVERITY));
        }
        var list = long_ ? node.get("columns") : node;
        if (list == null || !list.isArray()) {
            throw fail(key, "expected a list of column names or {columns: [...], severity: warn}, found %s",
                    list == null ? "no columns" : kind(list));
        }
        var names = texts(list, key);
        var inferred = comments.isInferred(List.of(key));
        return build(key, () -> new Constraint.PrimaryKey(names, long_ ? severity(node, key) : Severity.FAIL, inferred));
    }

    private ColumnSchema column(final String name, final JsonNode node) {
        column = name;
        object(node, "", "a mapping with type and constraints");
        var allowed = new HashSet<>(ColumnSchema.KEYS);
        allowed.add("type");
        allowed.add("optional");
        keys(node, "", allowed);
        var typeNode = node.get("type");
        if (typeNode == null) {
            throw fail("type", "missing (numeric, categorical or boolean)");
        }
        ColumnType type;
        try {
            type = ColumnType.fromId(typeNode.isTextual() ? typeNode.textValue() : "");
        }
        catch (IllegalArgumentException e) {
            throw fail("type", "%s is not numeric, categorical or boolean", shown(typeNode));
        }
        var optional = flag(node.get("optional"), "optional");
        var constraints = new ArrayList<Constraint.OnColumn>();
        for (String key : ColumnSchema.KEYS) {
            var value = node.get(key);
            if (value != null) {
                constraints.addAll(constraint(key, value, type));
            }
        }
        var notes = comments.notes(List.of("columns", name));
        return build("", () -> new ColumnSchema(name, type, optional, constraints, notes));
    }

    private List<Constraint.OnColumn> constraint(final String key, final JsonNode node, final ColumnType type) {
        var inferred = comments.isInferred(List.of("columns", column, key));
        List<Constraint.OnColumn> constraints = switch (key) {
            case "completeness" -> List.<Constraint.OnColumn>of(completeness(node, inferred));
            case "range" -> List.of(build(key, () -> new Constraint.Range(column, bounds(node, key, Set.of()),
                    severity(node, key), inferred)));
            case "between" -> List.of(build(key, () -> new Constraint.Between(column, bounds(node, key,
                    Set.of("share")), share(node.get("share"), key + ".share"), severity(node, key), inferred)));
            case "non_negative" -> toggle(node, key, severity -> new Constraint.NonNegative(column, severity, inferred));
            case "mean" -> List.of(build(key, () -> new Constraint.Mean(column, bounds(node, key, Set.of()),
                    severity(node, key), inferred)));
            case "stddev" -> List.of(build(key, () -> new Constraint.Stddev(column, bounds(node, key, Set.of()),
                    severity(node, key), inferred)));
            case "quantiles" -> quantiles(node);
            case "domain" -> List.of(domain(node, type, inferred));
            case "length" -> List.of(length(node, inferred));
            case "pattern" -> List.of(pattern(node, inferred));
            case "unique" -> toggle(node, key, severity -> new Constraint.Unique(column, severity, inferred));
            case "skew" -> List.of(skew(node, inferred));
            default -> throw new IllegalStateException("no reader for " + key);
        };
        for (Constraint.OnColumn constraint : constraints) {
            if (!constraint.types().contains(type)) {
                throw fail(key, "not for a %s column (only %s)", type.id(), typesText(constraint.types()));
            }
        }
        return constraints;
    }

    private Constraint.OnColumn completeness(final JsonNode node, final boolean inferred) {
        var key = "completeness";
        if (node.isNumber()) {
            var min = share(node, key);
            return build(key, () -> new Constraint.Completeness(column, min, Severity.FAIL, inferred));
        }
        object(node, key, "a share like 0.99 or {min: 0.99, severity: warn}");
        keys(node, key, Set.of("min", SEVERITY));
        if (node.get("min") == null) {
            throw fail(key, "min is missing");
        }
        var min = share(node.get("min"), key + ".min");
        return build(key, () -> new Constraint.Completeness(column, min, severity(node, key), inferred));
    }

    /** {@code key: true}, {@code key: false} (no constraint) or {@code key: {severity: warn}}. */
    private List<Constraint.OnColumn> toggle(final JsonNode node, final String key,
            final Function<Severity, Constraint.OnColumn> make) {
        if (node.isBoolean()) {
            return node.booleanValue() ? List.of(make.apply(Severity.FAIL)) : List.of();
        }
        object(node, key, "true, false or {severity: warn}");
        keys(node, key, Set.of(SEVERITY));
        return List.of(make.apply(severity(node, key)));
    }

    private List<Constraint.OnColumn> quantiles(final JsonNode node) {
        var key = "quantiles";
        if (!node.isArray() || node.isEmpty()) {
            throw fail(key, "expected a list like [{q: 0.5, min: 30, max: 40}], found %s", node.isArray() ? "an empty list"
                    : kind(node));
        }
        var quantiles = new ArrayList<Constraint.OnColumn>();
        for (int i = 0; i < node.size(); i++) {
            var item = node.get(i);
            var where = key + "[" + i + "]";
            object(item, where, "a mapping {q: 0.5, min: 30, max: 40}");
            if (item.get("q") == null) {
                throw fail(where, "q is missing");
            }
            var q = share(item.get("q"), where + ".q");
            var inferred = comments.isInferred(List.of("columns", column, key, Integer.toString(i)));
            quantiles.add(build(where, () -> new Constraint.Quantile(column, q, bounds(item, where, Set.of("q")),
                    severity(item, where), inferred)));
        }
        return quantiles;
    }

    private Constraint.OnColumn domain(final JsonNode node, final ColumnType type, final boolean inferred) {
        var key = "domain";
        var long_ = node.isObject();
        if (long_) {
            keys(node, key, Set.of("values", SEVERITY));
        }
        var list = long_ ? node.get("values") : node;
        if (list == null || !list.isArray()) {
            throw fail(key, "expected a list of values or {values: [...], severity: warn}, found %s",
                    list == null ? "no values" : kind(list));
        }
        var values = new ArrayList<String>();
        for (JsonNode value : list) {
            if (type == ColumnType.BOOLEAN && (value.isBoolean() || value.isTextual())) {
                var text = value.asText();
                if (!text.equals("true") && !text.equals("false")) {
                    throw fail(key, "'%s' is not a value of a boolean column (true or false)", quote(text));
                }
                values.add(text);
            }
            else if (value.isTextual()) {
                values.add(value.textValue());
            }
            else {
                throw fail(key, "value %s is not text; quote it ('%s') so that it means the text in the data",
                        shown(value), SafeText.line(value.asText(), SafeText.QUOTE_LIMIT));
            }
        }
        return build(key, () -> new Constraint.Domain(column, values, long_ ? severity(node, key) : Severity.FAIL,
                inferred));
    }

    private Constraint.OnColumn length(final JsonNode node, final boolean inferred) {
        var key = "length";
        object(node, key, "a mapping {min: 1, max: 20}");
        keys(node, key, Set.of("min", "max", SEVERITY));
        if (node.get("min") == null && node.get("max") == null) {
            throw fail(key, "give min, max or both");
        }
        var min = whole(node.get("min"), key + ".min", 0);
        var max = whole(node.get("max"), key + ".max", Long.MAX_VALUE);
        return build(key, () -> new Constraint.Length(column, min, max, severity(node, key), inferred));
    }

    private Constraint.OnColumn pattern(final JsonNode node, final boolean inferred) {
        var key = "pattern";
        var long_ = node.isObject();
        if (long_) {
            keys(node, key, Set.of("regex", "share", SEVERITY));
        }
        var source = long_ ? node.get("regex") : node;
        if (source == null || !source.isTextual()) {
            throw fail(key, "expected a regular expression in quotes or {regex: '...', share: 0.99}, found %s",
                    source == null ? "no regex" : kind(source));
        }
        Pattern regex;
        try {
            regex = Pattern.compile(source.textValue());
        }
        catch (PatternSyntaxException e) {
            throw fail(key, "'%s' is not a Java regular expression: %s at index %d", quote(source.textValue()),
                    e.getDescription(), e.getIndex());
        }
        catch (StackOverflowError e) {
            throw fail(key, "the regular expression is nested too deeply");
        }
        var share = long_ ? share(node.get("share"), key + ".share") : 1.0;
        return build(key, () -> new Constraint.PatternMatch(column, regex, share, long_ ? severity(node, key)
                : Severity.FAIL, inferred));
    }

    private Constraint.OnColumn skew(final JsonNode node, final boolean inferred) {
        var key = "skew";
        object(node, key, "{jensen_shannon: 0.1} for a numeric column or {l_infinity: 0.1} for another");
        keys(node, key, Set.of("jensen_shannon", "l_infinity", SEVERITY));
        var measures = new ArrayList<Constraint.Skew.Measure>();
        for (var measure : Constraint.Skew.Measure.values()) {
            if (node.get(measure.id()) != null) {
                measures.add(measure);
            }
        }
        if (measures.size() != 1) {
            throw fail(key, "give one of jensen_shannon (numeric columns) or l_infinity (categorical, boolean)");
        }
        var measure = measures.get(0);
        var max = share(node.get(measure.id()), key + "." + measure.id());
        return build(key, () -> new Constraint.Skew(column, measure, max, severity(node, key), inferred));
    }

    /** {min, max} with at least one given, plus severity and the {@code extra} keys. */
    private Bounds bounds(final JsonNode node, final String key, final Set<String> extra) {
        object(node, key, "a mapping {min: ..., max: ...}");
        var allowed = new HashSet<>(extra);
        allowed.addAll(Set.of("min", "max", SEVERITY));
        keys(node, key, allowed);
        if (node.get("min") == null && node.get("max") == null) {
            throw fail(key, "give min, max or both");
        }
        var min = node.get("min") == null ? Double.NEGATIVE_INFINITY : number(node.get("min"), key + ".min");
        var max = node.get("max") == null ? Double.POSITIVE_INFINITY : number(node.get("max"), key + ".max");
        return build(key, () -> new Bounds(min, max));
    }

    private Severity severity(final JsonNode node, final String key) {
        var value = node.get(SEVERITY);
        if (value == null) {
            return Severity.FAIL;
        }
        if (value.isTextual() && (value.textValue().equals("fail") || value.textValue().equals("warn"))) {
            return Severity.valueOf(value.textValue().toUpperCase(Locale.ROOT));
        }
        throw fail(key + ".severity", "%s is not fail or warn", shown(value));
    }

    private boolean flag(@CheckForNull final JsonNode node, final String key) {
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw fail(key, "expected true or false, found %s", shown(node));
        }
        return node.booleanValue();
    }

    private double number(final JsonNode node, final String key) {
        if (!node.isNumber()) {
            throw fail(key, "expected a number, found %s", shown(node));
        }
        var value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw fail(key, "%s is too large", shown(node));
        }
        return value;
    }

    private double share(@CheckForNull final JsonNode node, final String key) {
        if (node == null) {
            return 1.0;
        }
        var value = number(node, key);
        if (value < 0 || value > 1) {
            throw fail(key, "%s is not a share in [0, 1]", Bounds.number(value));
        }
        return value;
    }

    private long whole(@CheckForNull final JsonNode node, final String key, final long absent) {
        if (node == null) {
            return absent;
        }
        if (!node.isNumber() || !(node.isIntegralNumber() ? node.canConvertToLong()
                : node.doubleValue() == Math.rint(node.doubleValue()) && Math.abs(node.doubleValue()) < 0x1p53)) {
            throw fail(key, "expected a whole number, found %s", shown(node));
        }
        var value = node.longValue();
        if (value < 0) {
            throw fail(key, "%d is below 0", value);
        }
        return value;
    }

    private List<String> texts(final JsonNode list, final String key) {
        var texts = new ArrayList<String>();
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw fail(key, "%s is not a column name in quotes", shown(item));
            }
            texts.add(item.textValue());
        }
        return texts;
    }

    private void object(final JsonNode node, final String key, final String expected) {
        if (!node.isObject()) {
            throw fail(key, "expected %s, found %s", expected, kind(node));
        }
    }

    private void keys(final JsonNode node, final String key, final Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            var name = names.next();
            if (!allowed.contains(name)) {
                var where = key.isEmpty() ? name : key + "." + name;
                throw fail(where, "unknown key (expected %s)", String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** Builds a model value, turning its own complaint into one naming the file, column and key. */
    private <T> T build(final String key, final Supplier<T> make) {
        try {
            return make.get();
        }
        catch (IllegalArgumentException e) {
            throw fail(key, "%s", e.getMessage());
        }
    }

    private InputException fail(final String key, final String format, final Object... args) {
        var problem = String.format(Locale.ROOT, format, args);
        var where = column == null ? "" : ", column '" + quote(column) + "'";
        var what = key.isEmpty() ? "" : ", key '" + key + "'";
        return new InputException("schema file %s%s%s: %s", file, where, what, SafeText.line(problem));
    }

    private static String quote(final String text) {
        return SafeText.line(text, SafeText.QUOTE_LIMIT);
    }

    private static String shown(final JsonNode node) {
        return (node.isTextual() ? "'" + quote(node.textValue()) + "'" : SafeText.line(node.toString(),
                SafeText.QUOTE_LIMIT));
    }

    private static String kind(final JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isNull() ? "nothing" : shown(node);
    }

    private static String typesText(final Set<ColumnType> types) {
        return String.join(" or ", types.stream().map(ColumnType::id).sorted().toList()) + " columns";
    }
}
