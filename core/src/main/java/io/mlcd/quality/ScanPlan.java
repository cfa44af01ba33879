package io.mlcd.quality;

import io.mlcd.drift.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link ScanRule}s a schema needs counted on the rows, each named after its constraint:
 * type mismatches of every numeric and boolean column, then the value constraints, the primary
 * key and the skews' bins.
 */
record ScanPlan(DataSchema schema, Map<String, double[]> skewEdges) {
    List<ScanRule> rules() {
        var rules = new ArrayList<ScanRule>();
        schema.primaryKey().ifPresent(key -> rules.add(new ScanRule.Repeats(key.name(), key.columns(),
                key.columns().size() == 1 ? kind(schema.column(key.columns().get(0)).orElseThrow().type())
                        : ScanRule.Repeats.Kind.TEXT)));
        for (ColumnSchema column : schema.columns()) {
            var name = column.name();
            if (column.type() != ColumnType.CATEGORICAL) {
                rules.add(new ScanRule.Unparseable("type[" + name + "] " + column.type().id(), name));
            }
            for (Constraint.OnColumn constraint : column.constraints()) {
                rule(column, constraint).ifPresent(rules::add);
            }
        }
        return rules;
    }

    private java.util.Optional<ScanRule> rule(final ColumnSchema column, final Constraint.OnColumn constraint) {
        var id = constraint.name();
        var name = column.name();
        ScanRule rule = null;
        if (constraint instanceof Constraint.Range range) {
            rule = new ScanRule.Outside(id, name, range.bounds().min(), range.bounds().max());
        }
        else if (constraint instanceof Constraint.Between between) {
            rule = new ScanRule.Outside(id, name, between.bounds().min(), between.bounds().max());
        }
        else if (constraint instanceof Constraint.NonNegative) {
            rule = new ScanRule.Outside(id, name, 0, Double.POSITIVE_INFINITY);
        }
        else if (constraint instanceof Constraint.Domain domain) {
            var lower = column.type() == ColumnType.BOOLEAN;
            Set<String> values = lower ? domain.values().stream().map(value -> value.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet()) : Set.copyOf(domain.values());
            rule = new ScanRule.NotIn(id, name, values, lower);
        }
        else if (constraint instanceof Constraint.Length length) {
            rule = new ScanRule.LengthOutside(id, name, length.min(), length.max());
        }
        else if (constraint instanceof Constraint.PatternMatch pattern) {
            rule = new ScanRule.NoMatch(id, name, pattern.regex());
        }
        else if (constraint instanceof Constraint.Unique) {
            rule = new ScanRule.Repeats(id, List.of(name), kind(column.type()));
        }
        else if (constraint instanceof Constraint.Skew && skewEdges.containsKey(name)) {
            rule = new ScanRule.Bins(id, name, skewEdges.get(name));
        }
        return java.util.Optional.ofNullable(rule);
    }

    private static ScanRule.Repeats.Kind kind(final ColumnType type) {
        return switch (type) {
            case NUMERIC -> ScanRule.Repeats.Kind.NUMBER;
            case BOOLEAN -> ScanRule.Repeats.Kind.BOOLEAN;
            case CATEGORICAL -> ScanRule.Repeats.Kind.TEXT;
        };
    }
}
