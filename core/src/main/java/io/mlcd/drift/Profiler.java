package io.mlcd.drift;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.mlcd.data.CharSlice;
import io.mlcd.data.ColumnBatches;
import io.mlcd.data.RecordSource;
import io.mlcd.data.Tables;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Profiles a CSV or JSON Lines file in one streaming pass (after a look at its first rows to
 * infer column types). Memory depends on the number of columns and sketch sizes, not on rows.
 */
public final class Profiler {
    /** Rows looked at to infer column types. */
    static final int SAMPLE = 10_000;

    private final Progress progress;
    private final Map<String, ColumnType> types;
    private final double tolerance;

    /** @param types column types given by the user; other columns are inferred */
    public Profiler(final Progress progress, final Map<String, ColumnType> types) {
        this(progress, types, ColumnProfiler.TOLERANCE);
    }

    private Profiler(final Progress progress, final Map<String, ColumnType> types, final double tolerance) {
        this.progress = progress;
        this.types = Map.copyOf(types);
        this.tolerance = tolerance;
    }

    /**
     * A profiler that counts every value not of its column's type as unparseable (and missing),
     * however many there are, where this one fails beyond {@link ColumnProfiler#TOLERANCE}: a
     * data validation reports them as a type mismatch rather than stopping.
     */
    public Profiler countingTypeMismatches() {
        return new Profiler(progress, types, 1.0);
    }

    public Profile profile(final Path file) {
        return profile(file, header -> NoCheck.INSTANCE).profile();
    }

    /**
     * Profiles the file and, in the same pass, runs a check on every row.
     *
     * @param checks makes a check for the file's header (column names in file order)
     */
    public <C extends RowCheck<C>> Profiled<C> profile(final Path file, final Function<List<String>, C> checks) {
        var inferred = inferTypes(file);
        try (RecordSource source = Tables.open(file, progress);
                ColumnBatches batches = new ColumnBatches(source, IntStream.range(0, source.header().size()).toArray())) {
            var header = source.header();
            var row = new Row(batches, header.size());
            for (String name : header) {
                row.profilers.add(new ColumnProfiler(name, inferred.get(name), tolerance));
            }
            var check = checks.apply(header);
            long rows = 0;
            while (batches.next()) {
                row.read();
                check.accept(row);
                rows++;
            }
            if (rows == 0) {
                throw new InputException("%s has a header but no data rows", source.name());
            }
            var columns = new ArrayList<ColumnProfile>();
            for (ColumnProfiler profiler : row.profilers) {
                columns.add(profiler.profile(source.name()));
            }
            return new Profiled<>(new Profile(source.name(), rows, columns), check);
        }
    }

    /** A profile and what the check made of the same rows. */
    public record Profiled<C>(Profile profile, C check) {
    }

    /** The check of a plain profile: none. */
    private enum NoCheck implements RowCheck<NoCheck> {
        INSTANCE;

        @Override
        public void accept(final ProfiledRow row) {
            // a plain profile looks at no row beyond its columns
        }

        @Override
        public void merge(final NoCheck next) {
            // nothing to add
        }
    }

    /** The current row: each value profiled, its text and reading kept for the check. */
    private static final class Row implements ProfiledRow {
        private final ColumnBatches batches;
        private final List<ColumnProfiler> profilers = new ArrayList<>();
        private final CharSlice[] texts;
        private final double[] numbers;
        private final byte[] states;

        Row(final ColumnBatches batches, final int columns) {
            this.batches = batches;
            this.texts = new CharSlice[columns];
            this.numbers = new double[columns];
            this.states = new byte[columns];
        }

        void read() {
            for (int k = 0; k < texts.length; k++) {
                var profiler = profilers.get(k);
                texts[k] = batches.chars(k);
                states[k] = profiler.add(texts[k], batches.line());
                numbers[k] = profiler.number();
            }
        }

        @Override
        public CharSlice text(final int column) {
            return texts[column];
        }

        @Override
        public double number(final int column) {
            return numbers[column];
        }

        @Override
        public boolean isMissing(final int column) {
            return states[column] != ColumnProfiler.PRESENT;
        }

        @Override
        public boolean isUnparseable(final int column) {
            return states[column] == ColumnProfiler.UNPARSEABLE;
        }

        @Override
        public long line() {
            return batches.line();
        }
    }

    private Map<String, ColumnType> inferTypes(final Path file) {
        try (RecordSource source = Tables.open(file, Progress.NONE)) {
            List<String> header = source.header();
            for (String name : types.keySet()) {
                if (!header.contains(name)) {
                    throw new InputException("--type names column '%s', which %s does not have (columns: %s)", name,
                            source.name(), String.join(", ", header));
                }
            }
            var kinds = new ArrayList<ValueKinds>();
            header.forEach(name -> kinds.add(new ValueKinds()));
            while (source.rowsRead() < SAMPLE && source.next()) {
                for (int k = 0; k < header.size(); k++) {
                    kinds.get(k).see(source.chars(k));
                }
            }
            var result = new HashMap<String, ColumnType>();
            for (int k = 0; k < header.size(); k++) {
                result.put(header.get(k), types.getOrDefault(header.get(k), kinds.get(k).type()));
            }
            return result;
        }
    }

    /**
     * What the sampled values of one column could be. A column stays numeric (or boolean) when
     * the values that do not fit are few enough to be counted as missing later
     * ({@link ColumnProfiler#TOLERANCE}), so one stray text does not make a column categorical.
     */
    private static final class ValueKinds {
        private long values;
        private long booleans;
        private long numbers;

        void see(final CharSequence text) {
            if (MissingValues.isMissing(text)) {
                return;
            }
            values++;
            var value = text.toString();
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                booleans++;
                return;
            }
            if (MissingValues.isInfinity(value)) {
                numbers++;
                return;
            }
            try {
                JavaDoubleParser.parseDouble(value);
                numbers++;
            }
            catch (NumberFormatException e) {
                // neither a boolean nor a number: counts against both
            }
        }

        ColumnType type() {
            if (values == 0) {
                return ColumnType.CATEGORICAL;
            }
            if (booleans > 0 && values - booleans <= ColumnProfiler.TOLERANCE * values) {
                return ColumnType.BOOLEAN;
            }
            if (numbers > 0 && values - numbers <= ColumnProfiler.TOLERANCE * values) {
                return ColumnType.NUMERIC;
            }
            return ColumnType.CATEGORICAL;
        }
    }
}
