package io.mlcd.quality;

import io.mlcd.drift.ColumnType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the schema says about one column: its type, whether it may be absent, and its constraints
 * in the schema's order (completeness, range, between, non_negative, mean, stddev, quantiles by q,
 * domain, length, pattern, unique, skew), whatever order they were given in.
 *
 * @param optional whether a batch without the column is fine (else {@code missing_column})
 * @param notes    comment lines the YAML shows at the top of the column's block, e.g. why no
 *                 domain was inferred; they do not change what is checked (made one line each,
 *                 control characters shown, trailing blanks dropped)
 */
public record ColumnSchema(String name, ColumnType type, boolean optional, List<Constraint.OnColumn> constraints,
        List<String> notes) {
    /** The YAML keys of column constraints, in the order the schema lists them. */
    public static final List<String> KEYS = List.of("completeness", "range", "between", "non_negative", "mean", "stddev",
            "quantiles", "domain", "length", "pattern", "unique", "skew");

    /**
     * Checks that every constraint is on this column and fits its type, and that each is given
     * once (quantiles once per q).
     *
     * @throws IllegalArgumentException naming the constraint's key
     */
    public ColumnSchema {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        var ordered = new ArrayList<>(constraints);
        ordered.sort(Comparator.comparingInt((Constraint.OnColumn c) -> KEYS.indexOf(c.key()))
                .thenComparingDouble(c -> c instanceof Constraint.Quantile quantile ? quantile.q() : 0));
        var seen = new HashSet<String>();
        for (var constraint : ordered) {
            if (!constraint.column().equals(name)) {
                throw new IllegalArgumentException(constraint.key() + ": constraint on column '" + constraint.column()
                        + "' given for column '" + name + "'");
            }
            if (!constraint.types().contains(type)) {
                throw new IllegalArgumentException(constraint.key() + ": not for a " + type.id() + " column");
            }
            var id = constraint instanceof Constraint.Quantile quantile ? "quantile " + Bounds.number(quantile.q())
                    : constraint.key();
            if (!seen.add(id)) {
                throw new IllegalArgumentException(constraint.key() + ": given twice" + (id.equals(constraint.key()) ? ""
                        : " for q " + Bounds.number(((Constraint.Quantile) constraint).q())));
            }
        }
        constraints = List.copyOf(ordered);
        notes = DataSchema.commentLines(notes);
    }

    public ColumnSchema(final String name, final ColumnType type, final List<Constraint.OnColumn> constraints) {
        this(name, type, false, constraints, List.of());
    }
}
