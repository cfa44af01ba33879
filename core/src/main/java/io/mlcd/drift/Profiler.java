package io.mlcd.drift;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
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

    /** @param types column types given by the user; other columns are inferred */
    public Profiler(final Progress progress, final Map<String, ColumnType> types) {
        this.progress = progress;
        this.types = Map.copyOf(types);
    }

    public Profile profile(final Path file) {
        var inferred = inferTypes(file);
        try (RecordSource source = Tables.open(file, progress);
                ColumnBatches batches = new ColumnBatches(source, IntStream.range(0, source.header().size()).toArray())) {
            var header = source.header();
            var profilers = new ArrayList<ColumnProfiler>();
            for (String name : header) {
                profilers.add(new ColumnProfiler(name, inferred.get(name)));
            }
            long rows = 0;
            while (batches.next()) {
                for (int k = 0; k < profilers.size(); k++) {
                    profilers.get(k).add(batches.chars(k), batches.line());
                }
                rows++;
            }
            if (rows == 0) {
                throw new InputException("%s has a header but no data rows", source.name());
            }
            var columns = new ArrayList<ColumnProfile>();
            for (ColumnProfiler profiler : profilers) {
                columns.add(profiler.profile(source.name()));
            }
            return new Profile(source.name(), rows, columns);
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
