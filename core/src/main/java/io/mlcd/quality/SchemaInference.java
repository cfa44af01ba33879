package io.mlcd.quality;

import io.mlcd.data.RecordSource;
import io.mlcd.data.Tables;
import io.mlcd.drift.CategoricalProfile;
import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.ColumnType;
import io.mlcd.drift.NumericProfile;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.drift.Profiles;
import io.mlcd.gate.Severity;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Infers a {@link DataSchema} from data or profiles, as TFDV's {@code infer_schema} and Deequ's
 * constraint suggestion do: per column its type, completeness, a domain for a categorical column
 * with few values, the numeric range, the length range of texts, uniqueness when every value was
 * distinct; and the dataset's row count range. Data files are read in one streaming pass (the
 * profile plus an {@link InferenceCheck}); from profiles, what needs every value (lengths,
 * uniqueness, a domain) is inferred only where the profile kept every value. Each column's notes
 * say what was observed and why a constraint was not inferred.
 */
public final class SchemaInference {
    /**
     * Completeness is the lower end of a Wilson interval at this many standard errors, floored to
     * two decimals, so that a batch like the one inferred from rarely falls below it by chance.
     */
    static final double COMPLETENESS_Z = 4;

    private final InferenceOptions options;

    public SchemaInference(final InferenceOptions options) {
        this.options = options;
    }

    /**
     * Infers the schema of the union of the inputs: data files (CSV, JSON Lines) or profiles
     * ({@code .json}, {@code mlcd profile} output), all with the same columns.
     *
     * @throws InputException when an input cannot be read or inputs do not fit together
     */
    public DataSchema infer(final List<Path> inputs, final Progress progress) {
        return run(inputs, progress).schema();
    }

    /** As {@link #infer}, with what the schema was inferred from, for the file's header. */
    public Inference run(final List<Path> inputs, final Progress progress) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input to infer a schema from");
        }
        Profile merged = null;
        InferenceCheck check = null;
        var fromData = true;
        var types = new LinkedHashMap<>(options.types());
        for (Path input : inputs) {
            Profile profile;
            if (Profiles.isProfileFile(input)) {
                profile = ProfileJson.read(input);
                checkUserTypes(profile, input);
                fromData = false;
            }
            else {
                sameColumns(merged, input);
                var profiled = new Profiler(progress, types).profile(input, InferenceCheck::new);
                profile = profiled.profile();
                if (check == null) {
                    check = profiled.check();
                }
                else {
                    check.merge(profiled.check());
                }
            }
            if (merged == null) {
                // later files are read with the first one's types, so that the profiles merge
                profile.columns().forEach(column -> types.putIfAbsent(column.name(), column.type()));
            }
            merged = merged == null ? profile : merged.merge(profile);
        }
        return new Inference(infer(merged, fromData ? Optional.of(check) : Optional.empty()), merged.rows(),
                fromData);
    }

    /**
     * A schema and what it was inferred from.
     *
     * @param rows     rows of all inputs together
     * @param fromData whether every input was a data file (else lengths, uniqueness and domains
     *                 came from profiles, where they kept every value)
     */
    public record Inference(DataSchema schema, long rows, boolean fromData) {
    }

    /** The schema of a profile; {@code check} is what the profiling pass saw of every row, if it ran. */
    DataSchema infer(final Profile profile, final Optional<InferenceCheck> check) {
        var columns = new ArrayList<ColumnSchema>();
        for (ColumnProfile column : profile.columns()) {
            columns.add(new ColumnInference(column, profile.rows(), check).schema());
        }
        var rows = profile.rows();
        var min = (long) Math.max(0, Math.floor(rows * (1 - options.rowsMargin())));
        var max = (long) Math.ceil(rows * (1 + options.rowsMargin()));
        var note = String.format(Locale.ROOT, "rows: %,d observed, range ±%s%%", rows,
                Numbers.format(100 * options.rowsMargin()));
        return new DataSchema(Optional.of(new Constraint.Rows(min, max, Severity.FAIL, true)),
                DataSchema.NewColumns.FAIL, Optional.empty(), columns, List.of(note));
    }

    private void checkUserTypes(final Profile profile, final Path input) {
        for (Map.Entry<String, ColumnType> type : options.types().entrySet()) {
            var column = profile.column(type.getKey()).orElseThrow(() -> new InputException(
                    "--type names column '%s', which the profile %s does not have", type.getKey(), input));
            if (column.type() != type.getValue()) {
                throw new InputException("--type %s=%s: the profile %s has the column as %s; a profile's types are "
                        + "fixed when it is made (mlcd profile --type)", type.getKey(), type.getValue().id(), input,
                        column.type().id());
            }
        }
    }

    /** A data file after the first must have the first one's columns, said before profiling it. */
    private static void sameColumns(final Profile first, final Path input) {
        if (first == null) {
            return;
        }
        List<String> header;
        try (RecordSource source = Tables.open(input, Progress.NONE)) {
            header = source.header();
        }
        if (!header.equals(first.columnNames())) {
            throw new InputException("%s has columns %s, but %s has %s; infer a schema from files of the same columns",
                    input, String.join(", ", header), first.source(), String.join(", ", first.columnNames()));
        }
    }

    /** The constraints and notes of one column. */
    private final class ColumnInference {
        private final ColumnProfile column;
        private final long rows;
        private final Optional<InferenceCheck> check;
        private final List<Constraint.OnColumn> constraints = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        ColumnInference(final ColumnProfile column, final long rows, final Optional<InferenceCheck> check) {
            this.column = column;
            this.rows = rows;
            this.check = check;
        }

        ColumnSchema schema() {
            completeness();
            if (column.count() == 0) {
                notes.add("no value constraints: the column has no value");
            }
            else if (column.type() == ColumnType.NUMERIC) {
                numeric(column.numericProfile().orElseThrow());
            }
            else if (column.type() == ColumnType.CATEGORICAL) {
                categorical(column.categoricalProfile().orElseThrow());
            }
            return new ColumnSchema(column.name(), column.type(), false, constraints, notes);
        }

        private String name() {
            return column.name();
        }

        private void completeness() {
            var present = column.count() + column.unparseable();
            notes.add(String.format(Locale.ROOT, "observed: %,d of %,d rows present%s", present, rows, observed()));
            if (present == rows) {
                constraints.add(new Constraint.Completeness(name(), 1.0, Severity.FAIL, true));
                return;
            }
            var min = Math.floor(100 * wilsonLower(present, rows)) / 100;
            if (min <= 0) {
                notes.add(String.format(Locale.ROOT, "no completeness: present in %s%% of rows, too few to require",
                        Numbers.format(100.0 * present / rows)));
                return;
            }
            constraints.add(new Constraint.Completeness(name(), min, Severity.FAIL, true));
        }

        private String observed() {
            if (column.count() == 0) {
                return "";
            }
            if (column.type() == ColumnType.NUMERIC) {
                var summary = column.numericProfile().orElseThrow().summary();
                return ", min " + Bounds.number(summary.min()) + ", max " + Bounds.number(summary.max()) + ", mean "
                        + Numbers.format(summary.mean());
            }
            var categorical = column.categoricalProfile().orElseThrow();
            return categorical.exact() ? String.format(Locale.ROOT, ", %,d distinct values",
                    categorical.counts().size()) : String.format(Locale.ROOT, ", more than %,d distinct values",
                            CategoricalProfile.EXACT_LIMIT);
        }

        private void numeric(final NumericProfile numeric) {
            var summary = numeric.summary();
            var whole = check.map(c -> !c.hasFractions(name())).orElse(wholeNumbers(numeric));
            var span = summary.max() - summary.min();
            var min = summary.min() - options.rangeMargin() * span;
            var max = summary.max() + options.rangeMargin() * span;
            if (summary.min() >= 0) {
                min = Math.max(0, min); // a margin does not make negative values of a column that had none
            }
            if (whole) {
                min = Math.floor(min);
                max = Math.ceil(max);
            }
            constraints.add(new Constraint.Range(name(), new Bounds(min, max), Severity.FAIL, true));
            if (whole && isDistinct(numeric)) {
                constraints.add(new Constraint.Unique(name(), Severity.FAIL, true));
            }
        }

        private boolean wholeNumbers(final NumericProfile numeric) {
            var values = numeric.distinct().map(d -> d.keySet().stream().mapToDouble(Double::doubleValue).toArray())
                    .or(numeric::exact);
            return values.isPresent() && Arrays.stream(values.get()).allMatch(value -> value == Math.rint(value));
        }

        private boolean isDistinct(final NumericProfile numeric) {
            if (column.count() < 2) {
                return false;
            }
            if (check.isPresent()) {
                return check.get().isDistinct(name());
            }
            if (numeric.distinct().isPresent()) {
                return numeric.distinct().get().values().stream().allMatch(count -> count == 1);
            }
            return numeric.exact().map(values -> Arrays.stream(values).distinct().count() == values.length)
                    .orElse(false);
        }

        private void categorical(final CategoricalProfile categorical) {
            var distinct = categorical.counts().size();
            var unique = column.count() >= 2 && (check.isPresent() ? check.get().isDistinct(name())
                    : categorical.exact() && distinct == column.count());
            if (!categorical.exact()) {
                notes.add(String.format(Locale.ROOT, "no domain: more than %,d distinct values",
                        CategoricalProfile.EXACT_LIMIT));
            }
            else if (unique) {
                notes.add("no domain: every value is distinct");
            }
            else if (distinct > options.maxDomain()) {
                notes.add(String.format(Locale.ROOT, "no domain: %,d distinct values, more than %d (--max-domain)",
                        distinct, options.maxDomain()));
            }
            else {
                constraints.add(new Constraint.Domain(name(), List.copyOf(categorical.counts().keySet()), Severity.FAIL,
                        true));
            }
            var domain = constraints.stream().anyMatch(Constraint.Domain.class::isInstance);
            if (!domain) {
                length(categorical);
            }
            if (unique) {
                constraints.add(new Constraint.Unique(name(), Severity.FAIL, true));
            }
            else if (check.isEmpty() && !categorical.exact()) {
                notes.add("no length or unique: the profile keeps only the most frequent values; infer from the data "
                        + "to have them");
            }
        }

        private void length(final CategoricalProfile categorical) {
            Optional<long[]> lengths = check.isPresent() ? check.get().lengths(name())
                    : categorical.exact() ? categorical.counts().keySet().stream()
                            .map(value -> (long) value.codePointCount(0, value.length()))
                            .map(length -> new long[] {length, length})
                            .reduce((a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])})
                    : Optional.empty();
            lengths.ifPresent(range -> constraints.add(new Constraint.Length(name(), range[0], range[1], Severity.FAIL,
                    true)));
        }
    }

    /** The lower end of the Wilson score interval of a share {@code k / n} at {@link #COMPLETENESS_Z}. */
    static double wilsonLower(final long k, final long n) {
        var z = COMPLETENESS_Z;
        var p = (double) k / n;
        var z2 = z * z;
        var centre = p + z2 / (2 * n);
        var spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (centre - spread) / (1 + z2 / n);
    }
}
