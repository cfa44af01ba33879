package io.mlcd.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.data.RecordSource;
import io.mlcd.data.Tables;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link Profiler#profile(RecordSource)}: rows that do not come from a file, with types given, on one thread. */
public class ProfilerSourceTest {
    private static final Map<String, ColumnType> TYPES = Map.of("x", ColumnType.NUMERIC, "flag", ColumnType.BOOLEAN,
            "city", ColumnType.CATEGORICAL, "n", ColumnType.NUMERIC);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(final int rows, final long seed) throws IOException {
        var random = new Random(seed);
        var text = new StringBuilder("x,flag,city,n\n");
        for (int i = 0; i < rows; i++) {
            text.append(random.nextInt(40) == 0 ? "" : Double.toString(random.nextGaussian())).append(',')
                    .append(random.nextInt(30) == 0 ? "NA" : random.nextBoolean()).append(',')
                    .append("c").append(random.nextInt(50)).append(',')
                    .append(random.nextInt(7)).append('\n');
        }
        var file = folder.getRoot().toPath().resolve("rows-" + seed + ".csv");
        Files.writeString(file, text);
        return file;
    }

    private static Profile profileOfSource(final Path file) {
        try (RecordSource source = Tables.open(file, Progress.NONE)) {
            return new Profiler(Progress.NONE, TYPES).profile(source);
        }
    }

    @Test
    public void shouldProfileASourceInChunksAsTheFileItReads() throws IOException {
        // four columns: chunks of 32,768 rows, so 100,000 rows are four chunks merged in order
        var file = write(100_000, 1);

        var fromSource = profileOfSource(file);
        var fromFile = new Profiler(Progress.NONE, TYPES).profile(file);

        assertThat(fromSource.rows()).isEqualTo(100_000);
        for (ColumnProfile expected : fromFile.columns()) {
            var actual = fromSource.column(expected.name()).orElseThrow();
            assertThat(actual.count()).as(expected.name()).isEqualTo(expected.count());
            assertThat(actual.missing()).as(expected.name()).isEqualTo(expected.missing());
            assertThat(actual.categorical()).as(expected.name()).isEqualTo(expected.categorical());
            if (expected.numeric() != null) {
                assertThat(actual.numeric().summary().min()).isEqualTo(expected.numeric().summary().min());
                assertThat(actual.numeric().summary().max()).isEqualTo(expected.numeric().summary().max());
                assertThat(actual.numeric().summary().mean()).isCloseTo(expected.numeric().summary().mean(), within(1e-12));
                assertThat(actual.numeric().distinct()).isEqualTo(expected.numeric().distinct());
                assertThat(actual.numeric().sketch().getQuantile(0.5)).isCloseTo(
                        expected.numeric().sketch().getQuantile(0.5), within(0.02));
            }
        }
    }

    @Test
    public void shouldKeepTheValuesOfASmallSourceInOrder() throws IOException {
        var file = write(3_000, 2);

        var fromSource = profileOfSource(file);

        assertThat(fromSource.column("x").orElseThrow().numeric().exact()).contains(
                new Profiler(Progress.NONE, TYPES).profile(file).column("x").orElseThrow().numeric().exact().orElseThrow());
    }

    @Test
    public void shouldNeedATypeForEveryColumnAndARow() throws IOException {
        var file = write(10, 3);
        var empty = folder.getRoot().toPath().resolve("empty.csv");
        Files.writeString(empty, "x,flag,city,n\n");

        try (RecordSource source = Tables.open(file, Progress.NONE)) {
            assertThatThrownBy(() -> new Profiler(Progress.NONE, Map.of("x", ColumnType.NUMERIC)).profile(source))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no type for column 'flag' of " + file);
        }
        assertThatThrownBy(() -> profileOfSource(empty)).isInstanceOf(InputException.class)
                .hasMessage(empty + " has a header but no data rows");
    }

    @Test
    public void shouldApplyTheToleranceToAMergedProfileAsAWhole() throws IOException {
        var file = folder.getRoot().toPath().resolve("codes.csv");
        var text = new StringBuilder("code\n");
        for (int i = 0; i < 1000; i++) {
            text.append(i < 15 ? "x" + i : Integer.toString(i)).append('\n');
        }
        Files.writeString(file, text);
        Profile counted;
        try (RecordSource source = Tables.open(file, Progress.NONE)) {
            counted = new Profiler(Progress.NONE, Map.of("code", ColumnType.NUMERIC)).countingTypeMismatches()
                    .profile(source);
        }

        assertThat(counted.column("code").orElseThrow().unparseable()).isEqualTo(15);
        assertThatThrownBy(() -> Profiler.checkUnparseable(counted)).isInstanceOf(InputException.class)
                .hasMessage(file + ", column 'code': 15 of 1000 values (1.5%) are not numbers, more than the 1% "
                        + "counted as missing (use --type code=categorical?)");
    }
}
