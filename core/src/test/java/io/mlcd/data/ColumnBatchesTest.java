package io.mlcd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ColumnBatchesTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path csv(final int rows, final int raggedAt) throws IOException {
        var text = new StringBuilder("id,skip,value\n");
        for (int i = 1; i <= rows; i++) {
            text.append(i == raggedAt ? "bad\n" : "r" + i + ",x,\"v," + i + "\"\n");
        }
        var file = folder.getRoot().toPath().resolve("t.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void shouldHandOverChosenColumnsOfEveryRowInOrder() throws IOException {
        var rows = 3 * ColumnBatches.ROWS + 17;
        try (var source = Tables.open(csv(rows, -1), Progress.NONE);
                var batches = new ColumnBatches(source, 2, 0)) {
            for (int i = 1; i <= rows; i++) {
                assertThat(batches.next()).isTrue();
                assertThat(batches.chars(0).toString()).isEqualTo("v," + i);
                assertThat(batches.chars(1).contentEquals("r" + i)).isTrue();
                assertThat(batches.line()).isEqualTo(i + 1);
            }
            assertThat(batches.next()).isFalse();
        }
    }

    @Test
    public void shouldCutTheFileIntoFullBatchesThatOtherThreadsMayReadAndRecycle() throws Exception {
        var rows = 1_000;
        try (var source = Tables.open(csv(rows, -1), Progress.NONE);
                var batches = new ColumnBatches(source, 3, 64, new int[] {2, 0})) {
            var held = new java.util.ArrayList<ColumnBatches.Batch>();
            var seen = 0;
            for (var batch = batches.nextBatch(); batch != null; batch = batches.nextBatch()) {
                // every batch full but the last: the same cut on every run
                assertThat(batch.rows()).isEqualTo(Math.min(64, rows - seen));
                var slice = new CharSlice();
                for (int r = 0; r < batch.rows(); r++) {
                    var row = seen + r + 1;
                    batch.chars(r, 0, slice);
                    assertThat(slice.toString()).isEqualTo("v," + row);
                    batch.chars(r, 1, slice);
                    assertThat(slice.toString()).isEqualTo("r" + row);
                    assertThat(batch.line(r)).isEqualTo(row + 1);
                }
                seen += batch.rows();
                held.add(batch);
                if (held.size() == 3) {
                    // three batches out, none left to fill: another thread hands them back
                    var recycler = new Thread(() -> held.forEach(batches::recycle));
                    recycler.start();
                    recycler.join();
                    held.clear();
                }
            }
            assertThat(seen).isEqualTo(rows);
        }
    }

    @Test
    public void shouldReportReadErrorsAfterTheBatchesBeforeThem() throws IOException {
        try (var source = Tables.open(csv(1_000, 900), Progress.NONE);
                var batches = new ColumnBatches(source, 2, 100, new int[] {0})) {
            for (int i = 0; i < 8; i++) {
                var batch = batches.nextBatch();
                assertThat(batch.rows()).isEqualTo(100);
                batches.recycle(batch);
            }
            var last = batches.nextBatch(); // rows 801 to 899, read before the error
            assertThat(last.rows()).isEqualTo(99);
            batches.recycle(last);
            assertThatThrownBy(batches::nextBatch).isInstanceOf(InputException.class).hasMessageContaining("t.csv");
        }
    }

    @Test
    public void shouldReportReadErrorsAfterTheRowsBeforeThem() throws IOException {
        try (var source = Tables.open(csv(10_000, 9000), Progress.NONE);
                var batches = new ColumnBatches(source, 0)) {
            for (int i = 1; i < 9000; i++) {
                assertThat(batches.next()).isTrue();
            }
            assertThat(batches.chars(0).toString()).isEqualTo("r8999");
            assertThatThrownBy(batches::next).isInstanceOf(InputException.class).hasMessageContaining("t.csv");
        }
    }

    @Test
    public void shouldStopReadingWhenClosedEarly() throws IOException {
        Thread reader;
        try (var source = Tables.open(csv(50_000, -1), Progress.NONE);
                var batches = new ColumnBatches(source, 0)) {
            assertThat(batches.next()).isTrue();
            reader = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("mlcd-reader")).findFirst().orElseThrow();
        }
        assertThat(reader.isAlive()).isFalse();
    }

    @Test
    public void shouldSizeBatchesByValuesNotRowsSoWideFilesStaySmall() {
        assertThat(ColumnBatches.rowsPerBatch(3)).isEqualTo(ColumnBatches.ROWS);
        assertThat(ColumnBatches.rowsPerBatch(20_000)).isEqualTo(3);
        assertThat(ColumnBatches.rowsPerBatch(1_000_000)).isEqualTo(1);
        for (int columns : new int[] {1, 16, 17, 20_000, 1_000_000}) {
            assertThat((long) ColumnBatches.rowsPerBatch(columns) * columns)
                    .isLessThanOrEqualTo(Math.max(ColumnBatches.CELLS, columns));
        }
    }

    @Test
    public void shouldReadEveryColumnOfAWideFile() throws IOException {
        var columns = 20_000;
        var text = new StringBuilder();
        for (int row = 0; row <= 5; row++) {
            for (int k = 0; k < columns; k++) {
                text.append(k == 0 ? "" : ",").append(row == 0 ? "c" + k : row * k);
            }
            text.append('\n');
        }
        var file = folder.getRoot().toPath().resolve("wide.csv");
        Files.writeString(file, text);
        try (var source = Tables.open(file, Progress.NONE);
                var batches = new ColumnBatches(source, java.util.stream.IntStream.range(0, columns).toArray())) {
            for (int row = 1; row <= 5; row++) {
                assertThat(batches.next()).isTrue();
                assertThat(batches.chars(columns - 1).toString()).isEqualTo(Integer.toString(row * (columns - 1)));
                assertThat(batches.line()).isEqualTo(row + 1);
            }
            assertThat(batches.next()).isFalse();
        }
    }

    @Test(timeout = 10_000)
    public void shouldHandOverRunningOutOfMemoryInsteadOfHanging() throws IOException {
        try (var source = Tables.open(csv(100, -1), Progress.NONE);
                var batches = new ColumnBatches(new FailingSource(source, 50), 0)) {
            for (int i = 1; i < 50; i++) {
                assertThat(batches.next()).isTrue();
            }
            assertThatThrownBy(batches::next).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
        }
    }

    /** A source that runs out of memory when it reaches a row, as a reader of a huge record would. */
    private record FailingSource(RecordSource source, long failAt) implements RecordSource {
        @Override
        public String name() {
            return source.name();
        }

        @Override
        public java.util.List<String> header() {
            return source.header();
        }

        @Override
        public boolean next() {
            if (source.rowsRead() + 1 == failAt) {
                throw new OutOfMemoryError("Java heap space");
            }
            return source.next();
        }

        @Override
        public String field(final int column) {
            return source.field(column);
        }

        @Override
        public long line() {
            return source.line();
        }

        @Override
        public long rowsRead() {
            return source.rowsRead();
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
