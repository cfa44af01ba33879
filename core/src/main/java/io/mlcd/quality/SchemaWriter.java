package io.mlcd.quality;

import io.mlcd.gate.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link DataSchema} as YAML people read and edit: dataset keys first, then one block a
 * column in schema order, the short form of a constraint unless it needs the long one, notes as
 * comments at the top of a block and {@code # inferred} after every inferred constraint.
 */
final class SchemaWriter {
    /** Flow lists longer than this are wrapped. */
    private static final int WIDTH = 100;
    /** YAML limits an implicit key to 1024 characters; longer column names are written as explicit keys. */
    private static final int KEY_LIMIT = 1000;
    private static final String COLUMN = "  ";
    private static final String ENTRY = "    ";

    private final StringBuilder out = new StringBuilder();

    String write(final DataSchema schema, final String header) {
        comments("", header.isEmpty() ? List.of() : header.lines().toList());
        out.append("schema_version: ").append(DataSchema.VERSION).append('\n');
        comments("", schema.notes());
        schema.rows().ifPresent(rows -> {
            var bounds = new ArrayList<String>();
            bounds.add("min: " + rows.min());
            if (rows.max() != Long.MAX_VALUE) {
                bounds.add("max: " + rows.max());
            }
            line("", "rows", map(bounds, rows.severity()), rows);
        });
        out.append("new_columns: ").append(schema.newColumns().id())
                .append("  # fail | warn | ignore: a batch column the schema does not name\n");
        schema.primaryKey().ifPresent(key -> line("", "primary_key", key.severity() == Severity.FAIL
                ? list(key.columns(), "primary_key: ".length()) : "{columns: " + list(key.columns(), 0)
                        + ", severity: warn}", key));
        if (schema.columns().isEmpty()) {
            out.append("columns: {}\n");
        }
        else {
            out.append("columns:\n");
        }
        var first = true;
        for (ColumnSchema column : schema.columns()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            column(column);
        }
        return out.toString();
    }

    private void column(final ColumnSchema column) {
        var key = YamlText.scalar(column.name());
        if (key.length() > KEY_LIMIT) {
            out.append(COLUMN).append("? ").append(key).append('\n').append(COLUMN).append(":\n");
        }
        else {
            out.append(COLUMN).append(key).append(":\n");
        }
        comments(ENTRY, column.notes());
        out.append(ENTRY).append("type: ").append(column.type().id()).append('\n');
        if (column.optional()) {
            out.append(ENTRY).append("optional: true\n");
        }
        var quantiles = column.constraints().stream().filter(Constraint.Quantile.class::isInstance).toList();
        for (Constraint.OnColumn constraint : column.constraints()) {
            if (constraint instanceof Constraint.Quantile quantile) {
                if (quantile == quantiles.get(0)) {
                    out.append(ENTRY).append("quantiles:\n");
                }
                out.append(ENTRY).append("  - ").append(quantileMap(quantile)).append(inferred(quantile)).append('\n');
            }
            else {
                line(ENTRY, constraint.key(), value(constraint), constraint);
            }
        }
    }

    private String value(final Constraint.OnColumn constraint) {
        var severity = constraint.severity();
        var plain = severity == Severity.FAIL;
        if (constraint instanceof Constraint.Completeness c) {
            return plain ? Bounds.number(c.min()) : map(List.of("min: " + Bounds.number(c.min())), severity);
        }
        if (constraint instanceof Constraint.Range c) {
            return map(bounds(c.bounds()), severity);
        }
        if (constraint instanceof Constraint.Between c) {
            var entries = bounds(c.bounds());
            if (c.share() < 1) {
                entries.add("share: " + Bounds.number(c.share()));
            }
            return map(entries, severity);
        }
        if (constraint instanceof Constraint.Mean c) {
            return map(bounds(c.bounds()), severity);
        }
        if (constraint instanceof Constraint.Stddev c) {
            return map(bounds(c.bounds()), severity);
        }
        if (constraint instanceof Constraint.Domain c) {
            return plain ? list(c.values(), ENTRY.length() + "domain: ".length())
                    : "{values: " + list(c.values(), ENTRY.length() + "domain: {values: ".length()) + ", severity: warn}";
        }
        if (constraint instanceof Constraint.Length c) {
            var entries = new ArrayList<String>();
            entries.add("min: " + c.min());
            if (c.max() != Long.MAX_VALUE) {
                entries.add("max: " + c.max());
            }
            return map(entries, severity);
        }
        if (constraint instanceof Constraint.PatternMatch c) {
            return plain && c.share() == 1 ? YamlText.scalar(c.source()) : patternMap(c);
        }
        if (constraint instanceof Constraint.Skew c) {
            return map(List.of(c.measure().id() + ": " + Bounds.number(c.max())), severity);
        }
        // non_negative and unique: a flag
        return plain ? "true" : map(List.of(), severity);
    }

    private static String patternMap(final Constraint.PatternMatch pattern) {
        var entries = new ArrayList<String>();
        entries.add("regex: " + YamlText.scalar(pattern.source()));
        if (pattern.share() < 1) {
            entries.add("share: " + Bounds.number(pattern.share()));
        }
        return map(entries, pattern.severity());
    }

    private static String quantileMap(final Constraint.Quantile quantile) {
        var entries = new ArrayList<String>();
        entries.add("q: " + Bounds.number(quantile.q()));
        entries.addAll(bounds(quantile.bounds()));
        return map(entries, quantile.severity());
    }

    private static List<String> bounds(final Bounds bounds) {
        var entries = new ArrayList<String>();
        if (bounds.hasMin()) {
            entries.add("min: " + Bounds.number(bounds.min()));
        }
        if (bounds.hasMax()) {
            entries.add("max: " + Bounds.number(bounds.max()));
        }
        return entries;
    }

    private static String map(final List<String> entries, final Severity severity) {
        var all = new ArrayList<>(entries);
        if (severity == Severity.WARN) {
            all.add("severity: warn");
        }
        return all.stream().collect(Collectors.joining(", ", "{", "}"));
    }

    /** A flow list of texts, wrapped before {@link #WIDTH} with continuation lines indented under the entry. */
    private static String list(final List<String> values, final int start) {
        var text = new StringBuilder("[");
        var width = start + 1;
        for (int i = 0; i < values.size(); i++) {
            var item = YamlText.scalar(values.get(i)) + (i < values.size() - 1 ? "," : "");
            if (i > 0 && width + 1 + item.length() > WIDTH) {
                text.append('\n').append(ENTRY).append("  ");
                width = ENTRY.length() + 2;
            }
            else if (i > 0) {
                text.append(' ');
                width++;
            }
            text.append(item);
            width += item.length();
        }
        return text.append(']').toString();
    }

    private void line(final String indent, final String key, final String value, final Constraint constraint) {
        out.append(indent).append(key).append(": ").append(value).append(inferred(constraint)).append('\n');
    }

    private static String inferred(final Constraint constraint) {
        return constraint.inferred() ? "  # " + SchemaComments.INFERRED : "";
    }

    private void comments(final String indent, final List<String> lines) {
        for (String line : lines) {
            out.append(indent).append('#');
            if (!line.isEmpty()) {
                out.append(' ').append(line);
            }
            out.append('\n');
        }
    }
}
