package io.mlcd.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads chosen columns of a {@link RecordSource} on a second thread and hands their characters
 * over in batches, so that parsing the file and converting its values run on two cores at once.
 * A caller reads either row by row ({@link #next()}) or batch by batch ({@link #nextBatch()},
 * {@link #recycle}), handing batches to several threads of its own.
 * Characters are copied into a few recycled buffers rather than handed over as Strings: fresh
 * objects passed between cores cost more than they save. A batch holds up to {@link #CELLS}
 * values, so its memory does not grow with the number of columns. A read error (even running
 * out of memory) reaches the caller from {@link #next()} after the rows before it, as if the
 * caller had read the file itself.
 */
public final class ColumnBatches implements AutoCloseable {
    /** Most rows in a batch: enough to make handing a batch over cheap per row. */
    static final int ROWS = 4096;
    /** Most values in a batch: rows of wide files come in fewer rows per batch. */
    static final int CELLS = 1 << 16;
    /** Batches a row-by-row reader cycles through. */
    private static final int BUFFERS = 4;

    private final RecordSource source;
    private final int[] columns;
    private final BlockingQueue<Batch> full;
    private final BlockingQueue<Batch> free;
    private final CharSlice[] slices;
    private final Thread reader;
    private Batch current;
    private int row;

    /** @param columns positions in {@code source}; {@link #chars(int)} takes an index into this array */
    public ColumnBatches(final RecordSource source, final int... columns) {
        this(source, BUFFERS, rowsPerBatch(columns.length), columns);
    }

    /**
     * @param buffers batches in circulation: the most a caller holds at once, plus some for the
     *                reader to fill meanwhile; they bound the memory, whatever the file's size
     * @param rows    rows per batch; every batch but the last is full, so batches cut a file the
     *                same way every time
     */
    public ColumnBatches(final RecordSource source, final int buffers, final int rows, final int[] columns) {
        this.source = source;
        this.full = new ArrayBlockingQueue<>(buffers + 1);
        this.free = new ArrayBlockingQueue<>(buffers);
        this.columns = columns.clone();
        this.slices = new CharSlice[columns.length];
        for (int k = 0; k < columns.length; k++) {
            slices[k] = new CharSlice();
        }
        for (int i = 0; i < buffers; i++) {
            free.add(new Batch(columns.length, rows));
        }
        this.reader = new Thread(this::readAll, "mlcd-reader " + source.name());
        reader.setDaemon(true);
        reader.start();
    }

    /** Rows per batch for a number of chosen columns: {@link #ROWS}, fewer for wide rows, at least one. */
    public static int rowsPerBatch(final int columns) {
        return Math.max(1, Math.min(ROWS, CELLS / Math.max(1, columns)));
    }

    /** Advances to the next row; false at the end of the file. */
    public boolean next() {
        if (current != null && ++row < current.rows) {
            return true;
        }
        if (current != null) {
            recycle(current);
        }
        current = nextBatch();
        row = 0;
        return current != null;
    }

    /**
     * The next batch of rows in file order, to be handed back with {@link #recycle} once read;
     * null at the end of the file. A read error is thrown after the batches before it, once.
     */
    @CheckForNull
    public Batch nextBatch() {
        var batch = take();
        if (batch.failure instanceof RuntimeException exception) {
            throw exception;
        }
        if (batch.failure instanceof Error error) {
            throw error;
        }
        return batch.rows > 0 ? batch : null;
    }

    /** Gives a batch from {@link #nextBatch()} back for the reader to fill again; any thread may call this. */
    public void recycle(final Batch batch) {
        free.add(batch);
    }

    /** The current row's value of the k-th chosen column, valid until {@link #next()}. */
    public CharSlice chars(final int k) {
        var slice = slices[k];
        current.chars(row, k, slice);
        return slice;
    }

    /** The line where the current row starts in the file. */
    public long line() {
        return current.lines[row];
    }

    private Batch take() {
        try {
            return full.take();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("%s: reading was interrupted", source.name());
        }
    }

    private void readAll() {
        Batch batch = null;
        try {
            var more = true;
            while (more) {
                batch = free.take();
                batch.clear();
                while (batch.rows < batch.capacity && (more = source.next())) {
                    batch.add(source, columns);
                }
                full.put(batch);
                batch = null;
            }
            full.put(Batch.END);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed early by the caller: nobody waits for more
        }
        catch (RuntimeException | Error e) {
            // the rows read before the error still count: they may hold an earlier error
            if (batch != null && batch.rows > 0) {
                full.offer(batch);
            }
            full.offer(Batch.failed(e)); // never blocks: the queue has room for every batch and one failure
        }
    }

    /** Stops the reader if it still runs; the source itself is closed by its owner. */
    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The characters of up to a fixed number of rows of the chosen columns, one cell after another. */
    public static final class Batch {
        static final Batch END = new Batch(0, 0);

        final int width;
        final int capacity;
        /** Where each cell's characters end; a cell starts where the one before it ends. */
        final int[] ends;
        final long[] lines;
        char[] chars;
        Throwable failure;
        int rows;
        int used;

        Batch(final int width, final int capacity) {
            this.width = width;
            this.capacity = capacity;
            this.ends = new int[capacity * width];
            this.lines = new long[capacity];
            this.chars = new char[capacity == 0 ? 0 : 1 << 16];
        }

        /** Allocates next to nothing: the failure may be that memory ran out. */
        static Batch failed(final Throwable failure) {
            var batch = new Batch(0, 0);
            batch.failure = failure;
            return batch;
        }

        void clear() {
            rows = 0;
            used = 0;
        }

        void add(final RecordSource source, final int[] columns) {
            var cell = rows * columns.length;
            for (int column : columns) {
                var value = source.chars(column);
                var length = value.length();
                if (used + length > chars.length) {
                    chars = Arrays.copyOf(chars, Math.max(2 * chars.length, used + length));
                }
                copy(value, length);
                ends[cell++] = used;
            }
            lines[rows++] = source.line();
        }

        private void copy(final CharSequence value, final int length) {
            if (value instanceof CharSlice slice) {
                System.arraycopy(slice.array(), slice.offset(), chars, used, length);
            }
            else {
                value.toString().getChars(0, length, chars, used);
            }
            used += length;
        }

        /** Rows in this batch. */
        public int rows() {
            return rows;
        }

        /** Points {@code slice} at a row's value of the k-th chosen column, valid until the batch is recycled. */
        public void chars(final int row, final int k, final CharSlice slice) {
            var cell = row * width + k;
            var start = cell == 0 ? 0 : ends[cell - 1];
            slice.set(chars, start, ends[cell] - start);
        }

        /** The line where a row starts in the file. */
        public long line(final int row) {
            return lines[row];
        }
    }
}
