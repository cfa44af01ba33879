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
}
