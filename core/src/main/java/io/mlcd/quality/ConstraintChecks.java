package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.Binned;
import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.gate.Operator;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Severity;
import io.mlcd.util.Numbers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Evaluates each constraint of the schema on one batch: from the exact counts of the
 * {@link DataScan} when the batch was read as data, else from its profile, conservatively (an
 * estimate passes only when it passes with its error bound counted against it; no estimate at
 * all is an ERROR, never a pass).
 */
final class ConstraintChecks {
    private static final String NEEDS_DATA = "needs the data itself: ";

    private final Profile batch;
    @CheckForNull
    private final DataScan scan;
    @CheckForNull
    private final Profile reference;
    private final Map<String, double[]> skewEdges;

    /**
     * @param scan      the scan of the rows, null when the batch was given as profiles
     * @param skewEdges per numeric column with a skew constraint, the reference's decile edges the scan counted in
     */
    ConstraintChecks(final Profile batch, @CheckForNull final DataScan scan, @CheckForNull final Profile reference,
            final Map<String, double[]> skewEdges) {
        this.batch = batch;
        this.scan = scan;
        this.reference = reference;
        this.skewEdges = Map.copyOf(skewEdges);
    }

    long rows() {
        return batch.rows();
    }

    ConstraintResult check(final Constraint constraint) {
        if (constraint instanceof Constraint.Rows rows) {
            return rowCount(rows);
        }
        if (constraint instanceof Constraint.PrimaryKey key) {
            return primaryKey(key);
        }
        var onColumn = (Constraint.OnColumn) constraint;
        var column = batch.column(onColumn.column()).orElseThrow();
        if (constraint instanceof Constraint.Completeness completeness) {
            return completeness(completeness, column);
        }
        if (constraint instanceof Constraint.Range range) {
            return outside(range, column, range.bounds(), 1, "outside " + range.bounds().text().replace("in ", ""));
        }
        if (constraint instanceof Constraint.Between between) {
            return outside(between, column, between.bounds(), between.share(), "outside " + between.bounds().text()
                    .replace("in ", ""));
        }
        if (constraint instanceof Constraint.NonNegative nonNegative) {
            return outside(nonNegative, column, Bounds.atLeast(0), 1, "below 0");
        }
        if (constraint instanceof Constraint.Mean mean) {
            var summary = column.numericProfile().orElseThrow().summary();
            return statistic(mean, mean.bounds(), summary.count() == 0 ? Double.NaN : summary.mean(), true, 0, "mean");
        }
        if (constraint instanceof Constraint.Stddev stddev) {
            return statistic(stddev, stddev.bounds(), column.numericProfile().orElseThrow().summary().std(), true, 0,
                    "standard deviation");
        }
        if (constraint instanceof Constraint.Quantile quantile) {
            return quantile(quantile, column);
        }
        if (constraint instanceof Constraint.Domain domain) {
            return domain(domain, column);
        }
        if (constraint instanceof Constraint.Length length) {
            return values(length, column, AnomalyType.LENGTH_OUT_OF_RANGE, 1, "of a length outside [" + length.min()
                    + ", " + length.max() + "]", value -> {
                        var points = value.codePointCount(0, value.length());
                        return points < length.min() || points > length.max();
                    });
        }
        if (constraint instanceof Constraint.PatternMatch pattern) {
            return values(pattern, column, AnomalyType.PATTERN_MISMATCH, pattern.share(), "without a match of "
                    + pattern.source(), value -> !pattern.regex().matcher(value).find());
        }
        if (constraint instanceof Constraint.Unique unique) {
            return repeats(unique, unique.column(), column, ValueEvidence.repeats(column));
        }
        return skew((Constraint.Skew) constraint, column);
    }

    /** The missing_column check of a schema column: PASSED when present or optional. */
    static ConstraintResult presence(final ColumnSchema column, final boolean present, final long rows, final int skipped) {
        var name = "column[" + column.name() + "] present";
        var gate = ConstraintResult.gate(name, "missing_columns", column.name(), Operator.LESS_OR_EQUAL, 0,
                Severity.FAIL);
        if (present || column.optional()) {
            return new ConstraintResult(name, AnomalyType.MISSING_COLUMN, column.name(), Severity.FAIL, Outcome.PASSED,
                    0.0, "present" + (column.optional() ? " or absent (optional)" : ""), 0L, true, null, List.of(), false,
                    present ? "column " + column.name() + " is present" : "column " + column.name()
                            + " is absent, which its schema allows (optional: true)", gate);
        }
        return new ConstraintResult(name, AnomalyType.MISSING_COLUMN, column.name(), Severity.FAIL, Outcome.FAILED, 1.0,
                "present", rows, true, null, List.of(), false, "column " + column.name() + " is missing from the batch"
                        + (skipped > 0 ? "; its " + skipped + " other constraint" + (skipped > 1 ? "s were" : " was")
                                + " not checked" : ""), gate);
    }

    /** A primary key with a column the batch lacks cannot be checked: an ERROR (the column's absence is its own anomaly). */
    static ConstraintResult keyAbsent(final Constraint.PrimaryKey key, final List<String> absent) {
        return error(key, AnomalyType.NOT_UNIQUE, "0 repeated values", ConstraintResult.gate(key.name(), key.key(), null,
                Operator.LESS_OR_EQUAL, 0, key.severity()), "the batch lacks the key column" + (absent.size() > 1 ? "s "
                        : " ") + String.join(", ", absent) + ", so the key cannot be checked");
    }

    /** The type_mismatch check of a numeric or boolean column: no present value that is not of its type. */
    ConstraintResult type(final ColumnSchema schema) {
        var column = batch.column(schema.name()).orElseThrow();
        var name = "type[" + schema.name() + "] " + schema.type().id();
        var gate = ConstraintResult.gate(name, "type_mismatch_count", schema.name(), Operator.LESS_OR_EQUAL, 0,
                Severity.FAIL);
        if (column.type() != schema.type()) {
            return new ConstraintResult(name, AnomalyType.TYPE_MISMATCH, schema.name(), Severity.FAIL, Outcome.FAILED,
                    (double) column.count(), schema.type().id(), column.count(), true, null, List.of(), false,
                    String.format(Locale.ROOT, "column %s is %s in the profile %s; the schema says %s", schema.name(),
                            column.type().id(), batch.source(), schema.type().id()), gate);
        }
        var tally = tally(name);
        var count = column.unparseable();
        var examples = tally.map(DataScan.Tally::examples).orElse(List.<String>of());
        var outcome = count == 0 ? Outcome.PASSED : Outcome.FAILED;
        var message = count == 0 ? "every present value of " + schema.name() + " is " + typeWords(schema.type())
                : String.format(Locale.ROOT, "%s value%s of %s (%s of rows) %s not %s%s", Numbers.format(count),
                        count == 1 ? "" : "s", schema.name(), percent(count), count == 1 ? "is" : "are",
                        typeWords(schema.type()), examples(examples));
        return new ConstraintResult(name, AnomalyType.TYPE_MISMATCH, schema.name(), Severity.FAIL, outcome,
                (double) count, "0 values not " + typeWords(schema.type()), count, true, null, examples, false, message,
                gate);
    }

    private static String typeWords(final ColumnType type) {
        return type == ColumnType.NUMERIC ? "a number" : "true or false";
    }

    /** The new_column check: columns of the batch the schema does not name. */
    static ConstraintResult newColumns(final DataSchema schema, final List<String> extra, final long rows) {
        var severity = schema.newColumns().severity().orElse(Severity.FAIL);
        var name = "new_columns " + schema.newColumns().id();
        var gate = ConstraintResult.gate(name, "new_columns", null, Operator.LESS_OR_EQUAL, 0, severity);
        if (extra.isEmpty()) {
            return new ConstraintResult(name, AnomalyType.NEW_COLUMN, null, severity, Outcome.PASSED, 0.0,
                    "no column the schema does not name", 0L, true, null, List.of(), false,
                    "every column of the batch is in the schema", gate);
        }
        return new ConstraintResult(name, AnomalyType.NEW_COLUMN, null, severity, Outcome.FAILED, (double) extra.size(),
                "no column the schema does not name", rows, true, null, extra.stream().limit(DataScan.EXAMPLES).toList(),
                false, extra.size() + " column" + (extra.size() == 1 ? "" : "s") + " the schema does not name: "
                        + String.join(", ", extra), gate);
    }

    private ConstraintResult rowCount(final Constraint.Rows rows) {
        var n = batch.rows();
        var passed = n >= rows.min() && n <= rows.max();
        var expected = rows.max() == Long.MAX_VALUE ? ">= " + rows.min() : "in [" + rows.min() + ", " + rows.max() + "]";
        var below = n < rows.min();
        var gate = ConstraintResult.gate(rows.name(), "row_count", null, below || rows.max() == Long.MAX_VALUE
                ? Operator.GREATER_OR_EQUAL : Operator.LESS_OR_EQUAL, below || rows.max() == Long.MAX_VALUE ? rows.min()
                        : rows.max(), rows.severity());
        return new ConstraintResult(rows.name(), AnomalyType.ROW_COUNT_OUT_OF_RANGE, null, rows.severity(),
                passed ? Outcome.PASSED : Outcome.FAILED, (double) n, expected, passed ? 0L : n, true, null, List.of(),
                rows.inferred(), "the batch has " + Numbers.format(n) + " rows" + (passed ? ", " : ", not ") + expected,
                gate);
    }

    private ConstraintResult completeness(final Constraint.Completeness completeness, final ColumnProfile column) {
        var present = column.count() + column.unparseable();
        var observed = (double) present / batch.rows();
        var missing = batch.rows() - present;
        var passed = observed >= completeness.min();
        var gate = ConstraintResult.gate(completeness.name(), "completeness", column.name(), Operator.GREATER_OR_EQUAL,
                completeness.min(), completeness.severity());
        return new ConstraintResult(completeness.name(), AnomalyType.LOW_COMPLETENESS, column.name(),
                completeness.severity(), passed ? Outcome.PASSED : Outcome.FAILED, observed, ">= "
                        + Bounds.number(completeness.min()), missing, true, null, List.of(), completeness.inferred(),
                String.format(Locale.ROOT, "completeness[%s] = %s %s %s (%s of %s rows missing)", column.name(),
                        Numbers.format(observed), passed ? ">=" : "is not >=", Bounds.number(completeness.min()),
                        Numbers.format(missing), Numbers.format(batch.rows())), gate);
    }

    /**
     * Range, between and non-negative: values outside the bounds, allowed up to 1 − share of the
     * readable values (none for share 1).
     */
    private ConstraintResult outside(final Constraint.OnColumn constraint, final ColumnProfile column,
            final Bounds bounds, final double share, final String what) {
        var evidence = tally(constraint.name()).map(tally -> new ValueEvidence(tally.count(), true, 0, tally.count() > 0,
                tally.examples())).orElseGet(() -> ValueEvidence.outside(column, bounds.min(), bounds.max()));
        return judgeShare(constraint, column, AnomalyType.OUT_OF_RANGE, share, what, evidence);
    }

    private ConstraintResult domain(final Constraint.Domain domain, final ColumnProfile column) {
        var lower = column.type() == ColumnType.BOOLEAN;
        var values = new TreeSet<String>();
        domain.values().forEach(value -> values.add(lower ? value.toLowerCase(Locale.ROOT) : value));
        var evidence = tally(domain.name()).map(tally -> new ValueEvidence(tally.count(), true, 0, tally.count() > 0,
                tally.examples())).orElseGet(() -> ValueEvidence.categories(column, value -> !values.contains(value)));
        return judgeShare(domain, column, AnomalyType.OUT_OF_DOMAIN, 1, "not in the domain (" + domain.values().size()
                + " values)", evidence);
    }

    private ConstraintResult values(final Constraint.OnColumn constraint, final ColumnProfile column,
            final AnomalyType type, final double share, final String what,
            final java.util.function.Predicate<String> breaks) {
        var evidence = tally(constraint.name()).map(tally -> new ValueEvidence(tally.count(), true, 0, tally.count() > 0,
                tally.examples())).orElseGet(() -> ValueEvidence.categories(column, breaks));
        return judgeShare(constraint, column, type, share, what, evidence);
    }

    /**
     * Decides a constraint that allows at most 1 − share of the readable values to break it: the
     * observed number is the share of readable values that keep it.
     */
    private ConstraintResult judgeShare(final Constraint.OnColumn constraint, final ColumnProfile column,
            final AnomalyType type, final double share, final String what, final ValueEvidence evidence) {
        var readable = column.count();
        var shareText = share < 1 ? " for at least " + Bounds.number(share) + " of the values" : "";
        var expected = share < 1 ? "share of values kept >= " + Bounds.number(share) : "0 values " + what;
        var gate = share < 1
                ? ConstraintResult.gate(constraint.name(), constraint.key(), column.name(), Operator.GREATER_OR_EQUAL,
                        share, constraint.severity())
                : ConstraintResult.gate(constraint.name(), constraint.key(), column.name(), Operator.LESS_OR_EQUAL, 0,
                        constraint.severity());
        if (evidence.count() == null) {
            return error(constraint, type, expected, gate, NEEDS_DATA + "the profile of " + column.name()
                    + " lists only its most frequent values, so how many are " + what + " is unknown");
        }
        long count = evidence.count();
        var kept = readable == 0 ? 1.0 : 1 - (double) count / readable;
        var bound = readable == 0 ? 0 : evidence.errorBound() / readable;
        boolean passed;
        if (share >= 1) {
            passed = evidence.exact() ? count == 0 : !evidence.certain() && count + evidence.errorBound() < 1;
        }
        else {
            passed = kept - bound >= share;
        }
        var observed = share < 1 ? kept : (double) count;
        var message = String.format(Locale.ROOT, "%s%s value%s of %s (%s of rows) %s %s%s%s", evidence.exact() ? ""
                : "about ", Numbers.format(count), count == 1 ? "" : "s", column.name(), percent(count),
                count == 1 ? "is" : "are", what, share < 1 ? "; " + Numbers.format(kept) + " of the values keep it, "
                        + (passed ? "at least " : "not at least ") + Bounds.number(share) : shareText,
                examples(evidence.examples()));
        if (!evidence.exact()) {
            message += String.format(Locale.ROOT, " (estimated from the profile's sketch, error up to %s values%s)",
                    Numbers.format(Math.ceil(evidence.errorBound())), passed ? "" : "; it fails unless it passes with "
                            + "that error counted against it");
        }
        return new ConstraintResult(constraint.name(), type, column.name(), constraint.severity(),
                passed ? Outcome.PASSED : Outcome.FAILED, observed, expected, count, evidence.exact(),
                evidence.exact() ? null : evidence.errorBound(), evidence.examples(), constraint.inferred(), message,
                gate);
    }

    private ConstraintResult repeats(final Constraint constraint, @CheckForNull final String column,
            final ColumnProfile profile, final ValueEvidence fromProfile) {
        var evidence = tally(constraint.name()).map(tally -> new ValueEvidence(tally.count(), true, 0, tally.count() > 0,
                tally.examples())).orElse(fromProfile);
        var gate = ConstraintResult.gate(constraint.name(), constraint.key(), column, Operator.LESS_OR_EQUAL, 0,
                constraint.severity());
        var subject = column != null ? column : "the key (" + String.join(", ",
                ((Constraint.PrimaryKey) constraint).columns()) + ")";
        if (evidence.count() == null) {
            return error(constraint, AnomalyType.NOT_UNIQUE, "0 repeated values", gate, NEEDS_DATA + "the profile "
                    + (profile == null ? "keeps no keys of several columns"
                            : "of " + column + " keeps too many distinct values to count repeats"));
        }
        long count = evidence.count();
        var passed = evidence.exact() && count == 0;
        var message = count == 0 ? "no value of " + subject + " repeats"
                : String.format(Locale.ROOT, "%s%s row%s repeat%s a value of %s from an earlier row (%s of rows)%s",
                        evidence.exact() ? "" : "at least ", Numbers.format(count), count == 1 ? "" : "s",
                        count == 1 ? "s" : "", subject, percent(count), examples(evidence.examples()));
        return new ConstraintResult(constraint.name(), AnomalyType.NOT_UNIQUE, column, constraint.severity(),
                passed ? Outcome.PASSED : Outcome.FAILED, (double) count, "0 repeated values", count, evidence.exact(),
                evidence.exact() ? null : evidence.errorBound(), evidence.examples(), constraint.inferred(), message,
                gate);
    }

    private ConstraintResult primaryKey(final Constraint.PrimaryKey key) {
        if (key.columns().size() == 1) {
            var column = batch.column(key.columns().get(0)).orElseThrow();
            return repeats(key, null, column, ValueEvidence.repeats(column));
        }
        return repeats(key, null, null, ValueEvidence.none());
    }

    private ConstraintResult statistic(final Constraint.OnColumn constraint, final Bounds bounds, final double value,
            final boolean exact, final double error, final String what) {
        var gate = boundsGate(constraint, bounds, value);
        if (Double.isNaN(value)) {
            return error(constraint, AnomalyType.STATISTIC_OUT_OF_RANGE, bounds.text(), gate, constraint.column()
                    + " has no readable value, so no " + what);
        }
        var passed = bounds.contains(value - error) && bounds.contains(value + error);
        var message = String.format(Locale.ROOT, "%s of %s = %s%s %s %s", what, constraint.column(),
                Numbers.format(value), exact ? "" : " ± " + Numbers.format(error), passed ? "is" : "is not",
                bounds.text());
        if (!exact && !passed && bounds.contains(value)) {
            message += " with the sketch's error counted against it";
        }
        return new ConstraintResult(constraint.name(), AnomalyType.STATISTIC_OUT_OF_RANGE, constraint.column(),
                constraint.severity(), passed ? Outcome.PASSED : Outcome.FAILED, value, bounds.text(), null, exact,
                exact ? null : error, List.of(), constraint.inferred(), message, gate);
    }

    private static io.mlcd.gate.Gate boundsGate(final Constraint.OnColumn constraint, final Bounds bounds,
            final double value) {
        var lower = bounds.hasMin() && (!bounds.hasMax() || value < bounds.min());
        return ConstraintResult.gate(constraint.name(), constraint.key(), constraint.column(),
                lower ? Operator.GREATER_OR_EQUAL : Operator.LESS_OR_EQUAL, lower ? bounds.min() : bounds.max(),
                constraint.severity());
    }

    /**
     * A quantile: linear interpolation between the kept values (pandas' and numpy's default), else
     * the sketch's quantiles at q ± its rank error, between which every definition of the true
     * quantile lies.
     */
    private ConstraintResult quantile(final Constraint.Quantile quantile, final ColumnProfile column) {
        var numeric = column.numericProfile().orElseThrow();
        var what = "quantile " + Bounds.number(quantile.q());
        if (numeric.summary().count() == 0) {
            return statistic(quantile, quantile.bounds(), Double.NaN, true, 0, what);
        }
        var exact = numeric.exact();
        if (exact.isPresent()) {
            var values = exact.get();
            Arrays.sort(values);
            var position = quantile.q() * (values.length - 1);
            var low = (int) Math.floor(position);
            var high = Math.min(values.length - 1, low + 1);
            var value = values[low] + (values[high] - values[low]) * (position - low);
            return statistic(quantile, quantile.bounds(), value, true, 0, what);
        }
        var sketch = numeric.sketch();
        var error = sketch.getNormalizedRankError(false);
        var lowest = sketch.getQuantile(Math.max(0, quantile.q() - error), QuantileSearchCriteria.INCLUSIVE);
        var highest = sketch.getQuantile(Math.min(1, quantile.q() + error), QuantileSearchCriteria.INCLUSIVE);
        var middle = (lowest + highest) / 2;
        return statistic(quantile, quantile.bounds(), middle, false, (highest - lowest) / 2, what);
    }

    /**
     * TFDV's skew comparators against the reference: L-infinity distance of the value shares for
     * categorical and boolean columns, Jensen–Shannon divergence (base 2) over the reference's
     * decile bins for numeric ones, with the batch's side counted exactly in the rows when read as
     * data. From a profile's sketch, the largest divergence the sketch's rank error allows is used.
     */
    private ConstraintResult skew(final Constraint.Skew skew, final ColumnProfile column) {
        var gate = ConstraintResult.gate(skew.name(), "skew", column.name(), Operator.LESS_OR_EQUAL, skew.max(),
                skew.severity());
        if (reference == null) {
            return error(skew, AnomalyType.SKEW_TOO_HIGH, "<= " + Bounds.number(skew.max()), gate,
                    "a skew needs a reference: give --reference PROFILE|DATA");
        }
        var ref = reference.column(column.name()).orElseThrow();
        if (ref.count() == 0 || column.count() == 0) {
            return error(skew, AnomalyType.SKEW_TOO_HIGH, "<= " + Bounds.number(skew.max()), gate, column.name()
                    + " has no readable value in the " + (ref.count() == 0 ? "reference" : "batch"));
        }
        double value;
        boolean exact;
        double bound = 0;
        String measure;
        if (column.type() == ColumnType.NUMERIC) {
            measure = "Jensen–Shannon divergence";
            var edges = skewEdges.get(column.name());
            var tally = tally(skew.name());
            var bins = Binned.of(ref, column);
            if (bins.edges().length == 0) {
                exact = true; // one bin per value: both sides' value counts are exact
            }
            else if (tally.isPresent() && edges != null) {
                bins = Binned.withCurrentCounts(ref, edges, tally.get().bins());
                exact = true;
            }
            else {
                exact = column.numericProfile().orElseThrow().exact().isPresent();
            }
            value = Skews.jensenShannon(bins.referenceShares(), bins.currentShares());
            if (!exact) {
                var error = column.numericProfile().orElseThrow().sketch().getNormalizedRankError(false);
                bound = Skews.worstJensenShannon(bins.referenceShares(), bins.currentShares(), error) - value;
            }
        }
        else {
            measure = "L-infinity distance";
            var bins = Binned.of(ref, column);
            value = Skews.lInfinity(bins.referenceShares(), bins.currentShares());
            var refCounts = ref.categoricalProfile().orElseThrow();
            var cur = column.categoricalProfile().orElseThrow();
            exact = refCounts.exact() && cur.exact();
            if (!exact) {
                bound = side(refCounts) + side(cur);
            }
        }
        var passed = value + bound <= skew.max();
        var message = String.format(Locale.ROOT, "%s of %s from the reference = %s%s %s %s", measure, column.name(),
                Numbers.format(value), exact ? "" : " (+ up to " + Numbers.format(bound) + " from the sketch)",
                passed ? "<=" : "is not <=", Bounds.number(skew.max()));
        return new ConstraintResult(skew.name(), AnomalyType.SKEW_TOO_HIGH, column.name(), skew.severity(),
                passed ? Outcome.PASSED : Outcome.FAILED, value, "<= " + Bounds.number(skew.max()), null, exact,
                exact ? null : bound, List.of(), skew.inferred(), message, gate);
    }

    /** Error of one category's share from an inexact profile: the sketch's error plus all unlisted values. */
    private static double side(final io.mlcd.drift.CategoricalProfile profile) {
        if (profile.exact()) {
            return 0;
        }
        return ValueEvidence.FREQUENT_ERROR + (double) profile.other() / profile.total();
    }

    private static ConstraintResult error(final Constraint constraint, final AnomalyType type, final String expected,
            final io.mlcd.gate.Gate gate, final String message) {
        var column = constraint instanceof Constraint.OnColumn onColumn ? onColumn.column() : null;
        return new ConstraintResult(constraint.name(), type, column, constraint.severity(), Outcome.ERROR, null, expected,
                null, false, null, List.of(), constraint.inferred(), message, gate);
    }

    private Optional<DataScan.Tally> tally(final String id) {
        return scan == null ? Optional.empty() : scan.tally(id);
    }

    /** The share of rows as a percentage, to 3 significant digits. */
    private String percent(final long count) {
        var percent = 100.0 * count / batch.rows();
        return (percent == 0 ? "0" : new java.math.BigDecimal(percent).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString()) + "%";
    }

    private static String examples(final List<String> examples) {
        if (examples.isEmpty()) {
            return "";
        }
        return ", e.g. " + String.join(", ", examples.stream().map(ConstraintChecks::quoted).toList());
    }

    private static String quoted(final String value) {
        return "'" + io.mlcd.util.SafeText.line(value, 60) + "'";
    }
}
