package io.mlcd.drift;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import edu.umd.cs.findbugs.annotations.CheckForNull;
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
 *
 * <p>The pass uses every core: one thread reads the file ({@link ColumnBatches}) and several
 * workers profile it in chunks of consecutive rows, each chunk with its own column profilers and
 * its own {@link RowCheck}. Chunks are cut at fixed row counts and merged strictly in file order,
 * so the result does not depend on which worker was faster: counts, extremes, exact and distinct
 * values come out as one profiler reading the whole file would give them, the quantile sketch
 * within its error, and the first error in the file is the one reported.
 */
public final class Profiler {
    /** Rows looked at to infer column types. */
    static final int SAMPLE = 10_000;
    /** Values in a chunk: enough that merging chunks costs little next to profiling them. */
    static final int CHUNK_CELLS = 1 << 17;

    private final Progress progress;
    private final Map<String, ColumnType> types;
    private final double tolerance;
    private final int workers;
    private final int batchRows;
    private final int chunkBatches;

    /** @param types column types given by the user; other columns are inferred */
    public Profiler(final Progress progress, final Map<String, ColumnType> types) {
        this(progress, types, ColumnProfiler.TOLERANCE, Runtime.getRuntime().availableProcessors(), 0, 0);
    }

    private Profiler(final Progress progress, final Map<String, ColumnType> types, final double tolerance,
            final int workers, final int batchRows, final int chunkBatches) {
        this.progress = progress;
        this.types = Map.copyOf(types);
        this.tolerance = tolerance;
        this.workers = workers;
        this.batchRows = batchRows;
        this.chunkBatches = chunkBatches;
    }

    /**
     * A profiler that counts every value not of its column's type as unparseable (and missing),
     * however many there are, where this one fails beyond {@link ColumnProfiler#TOLERANCE}: a
     * data validation reports them as a type mismatch rather than stopping.
     */
    public Profiler countingTypeMismatches() {
        return new Profiler(progress, types, 1.0, workers, batchRows, chunkBatches);
    }

    /**
     * The same profiler on a given number of threads (1: the caller's alone) and, where not 0,
     * with batches of {@code rowsPerBatch} rows and chunks of {@code batchesPerChunk} batches:
     * tests cut small files into many chunks, or none, with it.
     */
    Profiler on(final int threads, final int rowsPerBatch, final int batchesPerChunk) {
        return new Profiler(progress, types, tolerance, threads, rowsPerBatch, batchesPerChunk);
    }

    public Profile profile(final Path file) {
        return profile(file, header -> NoCheck.INSTANCE).profile();
    }

    /**
     * Profiles the file and, in the same pass, runs a check on every row.
     *
     * @param checks makes a check for the file's header (column names in file order); called once
     *               per chunk of the file, whose checks are then merged in file order
     */
    public <C extends RowCheck<C>> Profiled<C> profile(final Path file, final Function<List<String>, C> checks) {
        var inferred = inferTypes(file);
        try (RecordSource source = Tables.open(file, progress)) {
            var header = source.header();
            var columns = header.size();
            var rows = batchRows > 0 ? batchRows : ColumnBatches.rowsPerBatch(columns);
            var perChunk = chunkBatches > 0 ? chunkBatches : Math.max(1, CHUNK_CELLS / (rows * columns));
            try (ColumnBatches batches = new ColumnBatches(source, perChunk * (workers + 1), rows,
                    IntStream.range(0, columns).toArray())) {
                var pass = new Pass<>(source.name(), header, inferred, checks, batches, perChunk);
                var helpers = new ArrayList<Thread>();
                for (int i = 1; i < workers; i++) {
                    var helper = new Thread(pass::work, "mlcd-profiler-" + i + " " + source.name());
                    helper.setDaemon(true);
                    helper.start();
                    helpers.add(helper);
                }
                pass.work();
                pass.join(helpers);
                return pass.result();
            }
        }
    }

    /**
     * Profiles the rows of a source that is not a file (a partition of a distributed data set) on
     * the calling thread alone, with the column types this profiler was given: there is no sample
     * to infer them from, so every column of the source must have one. The rows are taken in the
     * source's order, so profiles of consecutive parts merge ({@link Profile#merge}) into the
     * profile of the whole. Values that do not fit their column's type count as unparseable and
     * are an input error beyond the tolerance, as for a file.
     *
     * @param checks makes the check for the source's header, which sees every row
     */
    public <C extends RowCheck<C>> Profiled<C> profile(final RecordSource source, final Function<List<String>, C> checks) {
        var header = source.header();
        var columnTypes = new ColumnType[header.size()];
        for (int k = 0; k < columnTypes.length; k++) {
            columnTypes[k] = types.get(header.get(k));
            if (columnTypes[k] == null) {
                throw new IllegalArgumentException("no type for column '" + header.get(k) + "' of " + source.name());
            }
        }
        // in chunks as a file is, so that a numeric column keeps at most a chunk's values besides its sketch
        var chunkRows = Math.max(ColumnBatches.rowsPerBatch(header.size()), CHUNK_CELLS / Math.max(1, header.size()));
        var tooManyDistinct = new boolean[header.size()];
        ColumnProfiler[] whole = null;
        C check = null;
        var more = true;
        while (more) {
            var profilers = new ColumnProfiler[header.size()];
            for (int k = 0; k < profilers.length; k++) {
                profilers[k] = new ColumnProfiler(header.get(k), columnTypes[k], tolerance, chunkRows, !tooManyDistinct[k]);
            }
            var chunkCheck = checks.apply(header);
            var row = new Row(profilers);
            var rows = 0;
            while (rows < chunkRows && (more = source.next())) {
                row.read(source);
                chunkCheck.accept(row);
                rows++;
            }
            for (int k = 0; k < profilers.length; k++) {
                tooManyDistinct[k] |= profilers[k].finishChunk();
            }
            if (whole == null) {
                whole = profilers;
                check = chunkCheck;
            }
            else if (rows > 0) {
                for (int k = 0; k < profilers.length; k++) {
                    whole[k].merge(profilers[k]);
                }
                check.merge(chunkCheck);
            }
        }
        if (source.rowsRead() == 0) {
            throw new InputException("%s has a header but no data rows", source.name());
        }
        var columns = new ArrayList<ColumnProfile>();
        for (ColumnProfiler profiler : whole) {
            columns.add(profiler.profile(source.name()));
        }
        return new Profiled<>(new Profile(source.name(), source.rowsRead(), columns), check);
    }

    /** {@link #profile(RecordSource, Function)} without a check. */
    public Profile profile(final RecordSource source) {
        return profile(source, header -> NoCheck.INSTANCE).profile();
    }

    /**
     * Applies the tolerance for unparseable values to a profile merged from parts that were each
     * profiled {@link #countingTypeMismatches() counting every mismatch}: the share that decides
     * is the whole data set's, not a part's, as when one profiler reads a file.
     */
    public static void checkUnparseable(final Profile profile) {
        for (ColumnProfile column : profile.columns()) {
            var seen = column.count() + column.unparseable();
            if (column.unparseable() > ColumnProfiler.TOLERANCE * seen) {
                throw new InputException("%s, column '%s': %d of %d values (%.1f%%) are not %s, more than the %.0f%% "
                        + "counted as missing (use --type %s=categorical?)", profile.source(), column.name(),
                        column.unparseable(), seen, 100.0 * column.unparseable() / seen,
                        column.type() == ColumnType.NUMERIC ? "numbers" : "true/false", 100 * ColumnProfiler.TOLERANCE,
                        column.name());
            }
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

    /**
     * One file's pass: hands out chunks of batches in file order to the workers and merges their
     * parts in the same order. At most {@link #window} chunks are ahead of the merge, so finished
     * parts waiting for a slow earlier one stay few.
     */
    private final class Pass<C extends RowCheck<C>> {
        private final String name;
        private final List<String> header;
        private final Map<String, ColumnType> columnTypes;
        private final Function<List<String>, C> checks;
        private final ColumnBatches batches;
        private final int perChunk;
        private final int window;
        /**
         * Columns of which some chunk had too many distinct values to count: the merged profile
         * has no distinct values then, so later chunks skip counting them. Read and written by
         * several workers without a lock: a worker that misses an update only counts in vain.
         */
        private final boolean[] tooManyDistinct;
        private final Object handout = new Object();
        private int nextChunk;
        private boolean exhausted;
        // guarded by this
        private final Map<Integer, Part<C>> finished = new HashMap<>();
        private int nextMerge;
        private boolean merging;
        private Part<C> whole;
        private Throwable failure;
        private boolean stopped;

        Pass(final String name, final List<String> header, final Map<String, ColumnType> columnTypes,
                final Function<List<String>, C> checks, final ColumnBatches batches, final int perChunk) {
            this.name = name;
            this.header = header;
            this.columnTypes = columnTypes;
            this.checks = checks;
            this.batches = batches;
            this.perChunk = perChunk;
            this.window = workers + 1;
            this.tooManyDistinct = new boolean[header.size()];
        }

        /** Profiles chunks until there are none left or the pass failed. */
        void work() {
            try {
                for (var chunk = take(); chunk != null; chunk = take()) {
                    finish(chunk.index(), profile(chunk));
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(new InputException("%s: profiling was interrupted", name));
            }
            catch (RuntimeException | Error e) {
                stop(e); // outside any chunk (memory ran out in the merge): the others must not wait for this one
            }
        }

        /** The next chunk's batches, read before anyone profiles them; null when there is no more. */
        private Chunk take() throws InterruptedException {
            synchronized (handout) {
                if (exhausted || isStopped()) {
                    return null;
                }
                awaitWindow(nextChunk);
                var taken = new ArrayList<ColumnBatches.Batch>(perChunk);
                Throwable readFailure = null;
                try {
                    while (taken.size() < perChunk) {
                        var batch = batches.nextBatch();
                        if (batch == null) {
                            exhausted = true;
                            break;
                        }
                        taken.add(batch);
                    }
                }
                catch (RuntimeException | Error e) {
                    readFailure = e; // comes after the rows of the batches before it
                    exhausted = true;
                }
                if (taken.isEmpty() && readFailure == null) {
                    return null;
                }
                return new Chunk(nextChunk++, taken, readFailure);
            }
        }

        private synchronized void awaitWindow(final int chunk) throws InterruptedException {
            while (chunk >= nextMerge + window && !stopped) {
                wait();
            }
        }

        private synchronized boolean isStopped() {
            return stopped;
        }

        /** Profiles one chunk with profilers and a check of its own; a failure is kept for its turn in the merge. */
        private Part<C> profile(final Chunk chunk) {
            var profilers = new ColumnProfiler[header.size()];
            var used = 0;
            Throwable failed = null;
            C check = null;
            long rows = 0;
            try {
                for (int k = 0; k < profilers.length; k++) {
                    profilers[k] = new ColumnProfiler(header.get(k), columnTypes.get(header.get(k)), tolerance,
                            chunk.rows(), !tooManyDistinct[k]);
                }
                check = checks.apply(header);
                var row = new Row(profilers);
                for (var batch : chunk.batches()) {
                    for (int r = 0; r < batch.rows(); r++) {
                        row.read(batch, r);
                        check.accept(row);
                        rows++;
                    }
                    batches.recycle(batch);
                    used++;
                }
                for (int k = 0; k < profilers.length; k++) {
                    if (profilers[k].finishChunk()) {
                        tooManyDistinct[k] = true; // later chunks need not count them: the merge drops them anyway
                    }
                }
            }
            catch (RuntimeException | Error e) {
                failed = e;
            }
            finally {
                for (int i = used; i < chunk.batches().size(); i++) {
                    batches.recycle(chunk.batches().get(i));
                }
            }
            return new Part<>(rows, profilers, check, failed != null ? failed : chunk.readFailure());
        }

        /** Merges every finished part whose turn it is; only one thread merges at a time, in file order. */
        private void finish(final int index, final Part<C> part) {
            synchronized (this) {
                finished.put(index, part);
                if (merging) {
                    return; // the thread merging now takes this part when its turn comes
                }
                merging = true;
            }
            while (true) {
                Part<C> next;
                synchronized (this) {
                    next = finished.remove(nextMerge);
                    if (next == null) {
                        merging = false;
                        return;
                    }
                }
                absorb(next);
                synchronized (this) {
                    nextMerge++;
                    notifyAll();
                }
            }
        }

        private void absorb(final Part<C> part) {
            synchronized (this) {
                if (failure != null) {
                    return; // after the first failure in the file, later rows change nothing
                }
            }
            if (part.failure() != null) {
                stop(part.failure());
                return;
            }
            try {
                if (whole == null) {
                    whole = part;
                    return;
                }
                for (int k = 0; k < header.size(); k++) {
                    whole.profilers()[k].merge(part.profilers()[k]);
                }
                whole.check().merge(part.check());
                whole = new Part<>(whole.rows() + part.rows(), whole.profilers(), whole.check(), null);
            }
            catch (RuntimeException | Error e) {
                stop(e);
            }
        }

        private synchronized void stop(final Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            stopped = true;
            notifyAll();
        }

        /** Waits for the other workers, even when interrupted: they hold batches and the merge. */
        void join(final List<Thread> helpers) {
            var interrupted = false;
            for (Thread helper : helpers) {
                while (helper.isAlive()) {
                    try {
                        helper.join();
                    }
                    catch (InterruptedException e) {
                        interrupted = true;
                        stop(new InputException("%s: profiling was interrupted", name));
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized Profiled<C> result() {
            if (failure instanceof RuntimeException exception) {
                throw exception;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (whole == null || whole.rows() == 0) {
                throw new InputException("%s has a header but no data rows", name);
            }
            var columns = new ArrayList<ColumnProfile>();
            for (ColumnProfiler profiler : whole.profilers()) {
                columns.add(profiler.profile(name));
            }
            return new Profiled<>(new Profile(name, whole.rows(), columns), whole.check());
        }
    }

    /** Consecutive batches of the file, the {@code index}-th chunk; {@code readFailure} ends the file after them. */
    private record Chunk(int index, List<ColumnBatches.Batch> batches, @CheckForNull Throwable readFailure) {
        int rows() {
            return batches.stream().mapToInt(ColumnBatches.Batch::rows).sum();
        }
    }

    /** What one chunk's profilers and check made of its rows, or how the chunk failed. */
    private record Part<C>(long rows, ColumnProfiler[] profilers, @CheckForNull C check, @CheckForNull Throwable failure) {
    }

    /** The current row: each value profiled, its text and reading kept for the check. */
    private static final class Row implements ProfiledRow {
        private final ColumnProfiler[] profilers;
        private final CharSlice[] texts;
        private final double[] numbers;
        private final byte[] states;
        private long line;

        Row(final ColumnProfiler[] profilers) {
            this.profilers = profilers;
            this.texts = new CharSlice[profilers.length];
            this.numbers = new double[profilers.length];
            this.states = new byte[profilers.length];
            for (int k = 0; k < texts.length; k++) {
                texts[k] = new CharSlice();
            }
        }

        /** Reads the source's current record, a copy of each value in the row's own buffers. */
        void read(final RecordSource source) {
            line = source.line();
            for (int k = 0; k < texts.length; k++) {
                var profiler = profilers[k];
                texts[k].copyOf(source.chars(k));
                states[k] = profiler.add(texts[k], line);
                numbers[k] = profiler.number();
            }
        }

        void read(final ColumnBatches.Batch batch, final int row) {
            line = batch.line(row);
            for (int k = 0; k < texts.length; k++) {
                var profiler = profilers[k];
                batch.chars(row, k, texts[k]);
                states[k] = profiler.add(texts[k], line);
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
            return line;
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
                if (ColumnProfiler.mayBeNumber(value)) { // most texts fail here, without an exception
                    JavaDoubleParser.parseDouble(value);
                    numbers++;
                }
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
