package io.mlcd.quality;

import io.mlcd.drift.ColumnType;
import io.mlcd.gate.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One check a {@link DataSchema} states about a batch of data, inferred or written by hand. Each
 * is evaluated as one gate of its own {@link #severity()}, named {@link #name()}; a failed one is
 * an anomaly of the type its javadoc gives.
 *
 * <p>Common words: a column's <em>rows</em> are all rows of the batch; a value is <em>missing</em>
 * when the profiler counts it missing (an empty cell, {@code NA}, {@code null}... the pandas set);
 * a value <em>present</em> is any other, and it is <em>readable</em> when it is of the column's
 * type (a finite number for numeric, {@code true}/{@code false} in any case for boolean, any text for
 * categorical). Value constraints (range, between, non-negative, domain, length, pattern,
 * unique) look at readable values only: missing values are completeness's business and
 * unreadable ones raise {@code type_mismatch}. Shares in the constraints ({@code share}) are
 * taken over the readable values, as Great Expectations' {@code mostly} is over non-null ones.
 */
public sealed interface Constraint {
    Severity severity();

    /** Whether {@code infer-schema} wrote it (the YAML marks it with an {@code # inferred} comment). */
    boolean inferred();

    /** What reports and JUnit call it, e.g. {@code range[age] in [18, 95]}. */
    String name();

    /** The YAML key it is written under, e.g. {@code range}. */
    String key();

    /** A constraint on one column. */
    sealed interface OnColumn extends Constraint {
        String column();

        /** The column types it may be stated for. */
        Set<ColumnType> types();
    }

    Set<ColumnType> NUMERIC = Set.of(ColumnType.NUMERIC);
    Set<ColumnType> CATEGORICAL = Set.of(ColumnType.CATEGORICAL);
    Set<ColumnType> DISCRETE = Set.of(ColumnType.CATEGORICAL, ColumnType.BOOLEAN);
    Set<ColumnType> ALL = Set.of(ColumnType.values());

    /**
     * Raises {@code low_completeness} when the share of the batch's rows whose value is present
     * (readable or not: a value of the wrong type is a {@code type_mismatch}, not a missing one) is
     * below {@code min}. Observed = present / rows, pandas' {@code notna().mean()} on the text.
     */
    record Completeness(String column, double min, Severity severity, boolean inferred) implements OnColumn {
        public Completeness {
            checkShare("completeness", min);
        }

        @Override
        public String name() {
            return "completeness[" + column + "] >= " + Bounds.number(min);
        }

        @Override
        public String key() {
            return "completeness";
        }

        @Override
        public Set<ColumnType> types() {
            return ALL;
        }
    }

    /**
     * Raises {@code out_of_range} for every readable value outside {@code bounds} (TFDV's float
     * domain, GE's {@code expect_column_values_to_be_between} with mostly 1); passes when none is.
     */
    record Range(String column, Bounds bounds, Severity severity, boolean inferred) implements OnColumn {
        public Range {
            Objects.requireNonNull(bounds);
        }

        @Override
        public String name() {
            return "range[" + column + "] " + bounds.text();
        }

        @Override
        public String key() {
            return "range";
        }

        @Override
        public Set<ColumnType> types() {
            return NUMERIC;
        }
    }

    /**
     * Raises {@code out_of_range} when fewer than {@code share} of the readable values lie in
     * {@code bounds} (Deequ's {@code isContainedIn} with an assertion, GE's between with
     * {@code mostly}); the count reported is the values outside. With no readable value it passes.
     */
    record Between(String column, Bounds bounds, double share, Severity severity, boolean inferred)
            implements OnColumn {
        public Between {
            Objects.requireNonNull(bounds);
            checkShare("share", share);
        }

        @Override
        public String name() {
            return "between[" + column + "] " + bounds.text() + (share < 1 ? " for " + Bounds.number(share) : "");
        }

        @Override
        public String key() {
            return "between";
        }

        @Override
        public Set<ColumnType> types() {
            return NUMERIC;
        }
    }

    /** Raises {@code out_of_range} for every readable value below 0 (Deequ's {@code isNonNegative}). */
    record NonNegative(String column, Severity severity, boolean inferred) implements OnColumn {
        @Override
        public String name() {
            return "non_negative[" + column + "]";
        }

        @Override
        public String key() {
            return "non_negative";
        }

        @Override
        public Set<ColumnType> types() {
            return NUMERIC;
        }
    }

    /**
     * Raises {@code statistic_out_of_range} when the mean of the readable values is outside
     * {@code bounds}; a column with no readable value has no mean and the check is an ERROR.
     */
    record Mean(String column, Bounds bounds, Severity severity, boolean inferred) implements OnColumn {
        public Mean {
            Objects.requireNonNull(bounds);
        }

        @Override
        public String name() {
            return "mean[" + column + "] " + bounds.text();
        }

        @Override
        public String key() {
            return "mean";
        }

        @Override
        public Set<ColumnType> types() {
            return NUMERIC;
        }
    }

    /**
     * Raises {@code statistic_out_of_range} when the population standard deviation (ddof 0, numpy's
     * default; pandas' {@code std()} is ddof 1) of the readable values is outside {@code bounds}.
     */
    record Stddev(String column, Bounds bounds, Severity severity, boolean inferred) implements OnColumn {
        public Stddev {
            Objects.requireNonNull(bounds);
        }

        @Override
        public String name() {
            return "stddev[" + column + "] " + bounds.text();
        }

        @Override
        public String key() {
            return "stddev";
        }

        @Override
        public Set<ColumnType> types() {
            return NUMERIC;
        }
    }

    /**
     * Raises {@code statistic_out_of_range} when the {@code q}-quantile of the readable values is
     * outside {@code bounds}. Exact while the profile keeps the values, else from the KLL sketch,
     * whose rank error is counted against the check. One per entry of the YAML list {@code quantiles}.
     */
    record Quantile(String column, double q, Bounds bounds, Severity severity, boolean inferred) implements OnColumn {
        public Quantile {
            Objects.requireNonNull(bounds);
            checkShare("q", q);
        }

        @Override
        public String name() {
            return "quantile[" + column + ", " + Bounds.number(q) + "] " + bounds.text();
        }

        @Override
        public String key() {
            return "quantiles";
        }

        @Override
        public Set<ColumnType> types() {
            return NUMERIC;
        }
    }

    /**
     * Raises {@code out_of_domain} for every readable value not in {@code values} (TFDV's string
     * domain, GE's {@code expect_column_values_to_be_in_set}). Values compare as exact text; a
     * boolean column's values are {@code true} and {@code false} (read in any case).
     *
     * @param values sorted, without duplicates
     */
    record Domain(String column, List<String> values, Severity severity, boolean inferred) implements OnColumn {
        public Domain {
            var sorted = new TreeSet<>(values);
            if (sorted.size() != values.size()) {
                throw new IllegalArgumentException("a value is listed twice");
            }
            if (sorted.isEmpty()) {
                throw new IllegalArgumentException("the domain lists no value");
            }
            values = List.copyOf(sorted);
        }

        @Override
        public String name() {
            return "domain[" + column + "]";
        }

        @Override
        public String key() {
            return "domain";
        }

        @Override
        public Set<ColumnType> types() {
            return DISCRETE;
        }
    }

    /**
     * Raises {@code length_out_of_range} for every readable value whose length, in Unicode code
     * points (Python's {@code len}), is outside [min, max] (GE's
     * {@code expect_column_value_lengths_to_be_between}).
     */
    record Length(String column, long min, long max, Severity severity, boolean inferred) implements OnColumn {
        public Length {
            if (min < 0 || min > max) {
                throw new IllegalArgumentException(min < 0 ? "min " + min + " is below 0"
                        : "min " + min + " is above max " + max);
            }
        }

        @Override
        public String name() {
            return "length[" + column + "] in [" + min + ", " + max + "]";
        }

        @Override
        public String key() {
            return "length";
        }

        @Override
        public Set<ColumnType> types() {
            return CATEGORICAL;
        }
    }

    /**
     * Raises {@code pattern_mismatch} when fewer than {@code share} of the readable values contain a
     * match of {@code regex} ({@link java.util.regex.Matcher#find()}, as Deequ's {@code hasPattern}
     * and GE's {@code expect_column_values_to_match_regex}: anchor it with {@code ^...$} to match
     * whole values); the count reported is the values without a match.
     *
     * @param source the expression as written, {@code regex.pattern()}
     */
    record PatternMatch(String column, Pattern regex, double share, Severity severity, boolean inferred)
            implements OnColumn {
        public PatternMatch {
            Objects.requireNonNull(regex);
            checkShare("share", share);
        }

        public String source() {
            return regex.pattern();
        }

        @Override
        public String name() {
            return "pattern[" + column + "]" + (share < 1 ? " for " + Bounds.number(share) : "");
        }

        @Override
        public String key() {
            return "pattern";
        }

        @Override
        public Set<ColumnType> types() {
            return CATEGORICAL;
        }

        /** Patterns compare by their source, which {@link Pattern} itself does not. */
        @Override
        public boolean equals(final Object other) {
            return other instanceof PatternMatch that && column.equals(that.column) && source().equals(that.source())
                    && Double.compare(share, that.share) == 0 && severity == that.severity && inferred == that.inferred;
        }

        @Override
        public int hashCode() {
            return Objects.hash(column, source(), share, severity, inferred);
        }
    }

    /**
     * Raises {@code not_unique} when a readable value occurs more than once (Deequ's
     * {@code isUnique}, GE's {@code expect_column_values_to_be_unique}); the count reported is the
     * rows whose value occurred before (pandas' {@code duplicated().sum()} on the readable values).
     */
    record Unique(String column, Severity severity, boolean inferred) implements OnColumn {
        @Override
        public String name() {
            return "unique[" + column + "]";
        }

        @Override
        public String key() {
            return "unique";
        }

        @Override
        public Set<ColumnType> types() {
            return ALL;
        }
    }

    /**
     * Raises {@code skew_too_high} when the distance between the batch's and the reference's
     * distribution of the column exceeds {@code max}: Jensen–Shannon distance for numeric columns,
     * L-infinity distance of the category shares for categorical and boolean ones (TFDV's skew
     * comparators). Needs {@code --reference}; without one the check is an ERROR.
     */
    record Skew(String column, Measure measure, double max, Severity severity, boolean inferred) implements OnColumn {
        public Skew {
            Objects.requireNonNull(measure);
            checkShare(measure.id(), max);
        }

        @Override
        public String name() {
            return "skew[" + column + "] <= " + Bounds.number(max);
        }

        @Override
        public String key() {
            return "skew";
        }

        @Override
        public Set<ColumnType> types() {
            return measure == Measure.JENSEN_SHANNON ? NUMERIC : DISCRETE;
        }

        /** The distance compared with the threshold; both lie in [0, 1]. */
        public enum Measure {
            JENSEN_SHANNON,
            L_INFINITY;

            public String id() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }

    /** Raises {@code row_count_out_of_range} when the batch's row count is outside [min, max]. */
    record Rows(long min, long max, Severity severity, boolean inferred) implements Constraint {
        public Rows {
            if (min < 0 || min > max) {
                throw new IllegalArgumentException(min < 0 ? "min " + min + " is below 0"
                        : "min " + min + " is above max " + max);
            }
        }

        @Override
        public String name() {
            return max == Long.MAX_VALUE ? "rows >= " + min : "rows in [" + min + ", " + max + "]";
        }

        @Override
        public String key() {
            return "rows";
        }
    }

    /**
     * Raises {@code not_unique} when two rows have the same values in all {@code columns} (GE's
     * {@code expect_compound_columns_to_be_unique}). Rows with a key column missing are not
     * compared (completeness is checked on its own); the count reported is the rows whose key
     * occurred before. Key values compare as their text.
     */
    record PrimaryKey(List<String> columns, Severity severity, boolean inferred) implements Constraint {
        public PrimaryKey {
            columns = List.copyOf(columns);
            if (columns.isEmpty() || Set.copyOf(columns).size() != columns.size()) {
                throw new IllegalArgumentException(columns.isEmpty() ? "no column" : "a column is listed twice");
            }
        }

        @Override
        public String name() {
            return "primary_key[" + String.join(", ", columns) + "]";
        }

        @Override
        public String key() {
            return "primary_key";
        }
    }

    private static void checkShare(final String what, final double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(what + " " + Bounds.number(share) + " is not a share in [0, 1]");
        }
    }
}
