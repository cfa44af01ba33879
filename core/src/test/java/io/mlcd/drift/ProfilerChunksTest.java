package io.mlcd.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The profiler cut into chunks on several threads gives what one profiler reading the whole file
 * gives: the same exact parts, sketches within their error, the same first error, checks merged
 * in file order, and the same bytes on every run.
 */
public class ProfilerChunksTest {
    private static final int ROWS = 30_000;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** One profiler over the whole file, on the caller's thread: the sequential result. */
    private static Profiler whole() {
        return new Profiler(Progress.NONE, Map.of("flag", ColumnType.BOOLEAN)).on(1, 0, 10);
    }

    /** Four workers, chunks of 3 x 97 rows: about a hundred chunks of 30,000 rows. */
    private static Profiler chunked() {
        return new Profiler(Progress.NONE, Map.of("flag", ColumnType.BOOLEAN)).on(4, 97, 3);
    }

    @Test
    public void shouldGiveTheExactPartsOneProfilerGives() throws IOException {
        var file = mixed();
        var one = whole().profile(file);
        for (int run = 0; run < 3; run++) {
            var cut = chunked().profile(file);
            assertThat(cut.rows()).isEqualTo(ROWS);
            assertThat(cut.columnNames()).isEqualTo(one.columnNames());
            for (int k = 0; k < one.columns().size(); k++) {
                var expected = one.columns().get(k);
                var actual = cut.columns().get(k);
                assertThat(actual.type()).as(expected.name()).isEqualTo(expected.type());
                assertThat(actual.count()).as(expected.name()).isEqualTo(expected.count());
                assertThat(actual.missing()).as(expected.name()).isEqualTo(expected.missing());
                assertThat(actual.unparseable()).as(expected.name()).isEqualTo(expected.unparseable());
                if (expected.numeric() != null) {
                    var e = expected.numeric();
                    var a = actual.numeric();
                    assertThat(a.summary().count()).isEqualTo(e.summary().count());
                    assertThat(a.summary().min()).as(expected.name()).isEqualTo(e.summary().min());
                    assertThat(a.summary().max()).as(expected.name()).isEqualTo(e.summary().max());
                    assertThat(a.summary().mean()).as(expected.name())
                            .isCloseTo(e.summary().mean(), within(1e-9 * Math.abs(e.summary().mean()) + 1e-12));
                    assertThat(a.summary().m2()).as(expected.name())
                            .isCloseTo(e.summary().m2(), within(1e-9 * e.summary().m2() + 1e-12));
                    assertThat(a.exact().isPresent()).as(expected.name()).isEqualTo(e.exact().isPresent());
                    e.exact().ifPresent(values -> assertThat(a.exact().orElseThrow()).containsExactly(values));
                    assertThat(a.distinct()).as(expected.name()).isEqualTo(e.distinct());
                }
                else if (expected.categorical().exact()) {
                    assertThat(actual.categorical()).as(expected.name()).isEqualTo(expected.categorical());
                    assertThat(actual.categorical().counts().keySet()).containsExactlyElementsOf(
                            expected.categorical().counts().keySet());
                }
            }
        }
        // what the file is meant to exercise
        assertThat(one.column("sparse").orElseThrow().numeric().exact()).isPresent();
        assertThat(one.column("level").orElseThrow().numeric().distinct()).isPresent();
        assertThat(one.column("amount").orElseThrow().numeric().exact()).isEmpty();
        assertThat(one.column("id").orElseThrow().categorical().exact()).isFalse();
    }

    @Test
    public void shouldKeepSketchesWithinTheirErrorWhenMerged() throws IOException {
        var file = mixed();
        // small chunks merge exact parts into sketches; chunks of 12,288 rows bring sketches of their own
        checkSketches(file, chunked().profile(file));
        checkSketches(file, new Profiler(Progress.NONE, Map.of("flag", ColumnType.BOOLEAN)).on(2, 4096, 3).profile(file));
    }

    private static void checkSketches(final Path file, final Profile cut) throws IOException {
        var amounts = column(file, 1).stream().filter(text -> !text.isEmpty() && !text.equals("oops"))
                .mapToDouble(Double::parseDouble).sorted().toArray();

        var sketch = cut.column("amount").orElseThrow().numeric().sketch();
        assertThat(sketch.getN()).isEqualTo(amounts.length);
        var bound = sketch.getNormalizedRankError(false);
        assertThat(bound).isLessThan(0.005);
        for (int percent = 1; percent < 100; percent++) {
            var rank = percent / 100.0;
            var estimate = sketch.getQuantile(rank);
            var trueRank = (double) upperBound(amounts, estimate) / amounts.length;
            // the stated bound holds with 99% confidence per rank; twice it, for all 99 ranks
            assertThat(trueRank).as("rank of the %.2f quantile", rank).isCloseTo(rank, within(2 * bound));
        }

        var counts = new HashMap<String, Long>();
        column(file, 5).forEach(id -> counts.merge(id, 1L, Long::sum));
        var ids = cut.column("id").orElseThrow().categorical();
        assertThat(ids.total()).isGreaterThanOrEqualTo(ROWS);
        var error = 3.5 / 4096 * ROWS; // the frequent-items sketch's bound, also after merges
        ids.counts().forEach((id, count) -> assertThat((double) count).as(id)
                .isCloseTo(counts.get(id), within(error)));
        assertThat(ids.counts()).containsKey("hot"); // a value in a tenth of the rows is never missed
    }

    @Test
    public void shouldWriteTheSameBytesOnEveryRunAndAsOneProfiler() throws IOException {
        // numeric columns of at most 1,024 values, where the sketch keeps every value and draws no
        // random numbers (DataSketches' KLL compacts with an unseeded generator beyond that)
        var file = folder.getRoot().toPath().resolve("exact.csv");
        var text = new StringBuilder("amount,city,flag,code,level\n");
        var random = new Random(7);
        for (int i = 0; i < 40_000; i++) {
            text.append(i % 40 == 0 ? String.format(java.util.Locale.ROOT, "%.3f", random.nextGaussian() * 10) : "")
                    .append(',').append("c").append(random.nextInt(20)).append(',').append(random.nextBoolean())
                    .append(',').append(i % 997 == 0 ? "" : "k" + random.nextInt(300)).append(',')
                    .append(i % 40 == 1 ? Integer.toString(random.nextInt(7)) : "").append('\n');
        }
        Files.writeString(file, text);
        var first = bytes(chunked().profile(file));
        for (int run = 1; run < 5; run++) {
            assertThat(bytes(chunked().profile(file))).as("run %d", run).isEqualTo(first);
        }
        // and as one profiler, but for the last digits of mean and spread (merged, not summed in one go)
        var one = tree(bytes(whole().profile(file)));
        var cut = tree(first);
        for (int k = 0; k < 5; k++) {
            var expected = one.get("columns").get(k);
            var actual = cut.get("columns").get(k);
            if (expected.has("numeric")) {
                for (String field : List.of("mean", "m2")) {
                    var summary = (com.fasterxml.jackson.databind.node.ObjectNode) actual.get("numeric").get("summary");
                    var want = expected.get("numeric").get("summary").get(field).asDouble();
                    assertThat(summary.get(field).asDouble()).isCloseTo(want, within(1e-9 * Math.abs(want)));
                    summary.set(field, expected.get("numeric").get("summary").get(field));
                }
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    public void shouldNameTheFirstBadValueOfTheFile() throws IOException {
        var file = folder.getRoot().toPath().resolve("bad.csv");
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < ROWS; i++) {
            // bad values late in the file in every chunk, and the first one early in the file
            var bad = i == 1_234 ? "first!" : i > 20_000 && i % 20 == 0 ? "late" + i : Integer.toString(i);
            text.append(bad).append(',').append(i % 7).append('\n');
        }
        Files.writeString(file, text);
        for (int run = 0; run < 5; run++) {
            assertThatThrownBy(() -> new Profiler(Progress.NONE, Map.of("x", ColumnType.NUMERIC)).on(4, 50, 2)
                    .profile(file)).isInstanceOf(InputException.class)
                    .hasMessage(file + ", column 'x': 500 of 30000 values (1.7%) are not numbers, more than the 1% "
                            + "counted as missing; the first is 'first!' on line 1236 (use --type x=categorical?)");
        }
    }

    @Test
    public void shouldMergeChecksInFileOrder() throws IOException {
        var file = mixed();
        for (int run = 0; run < 3; run++) {
            var lines = chunked().profile(file, header -> new Lines()).check();
            assertThat(lines.firsts).hasSizeGreaterThan(50);
            assertThat(lines.seen).isEqualTo(ROWS);
            assertThat(lines.ordered).isTrue();
            assertThat(lines.last).isEqualTo(ROWS + 1);
        }
    }

    @Test
    public void shouldReportTheFirstFailureInTheFileWhateverTheThreadsDid() throws IOException {
        var file = folder.getRoot().toPath().resolve("broken.csv");
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 12_000; i++) {
            text.append(i).append(',').append(i % 3).append('\n');
        }
        text.append("1,2,3\n"); // a record too long: a read error after 12,000 rows, past the rows sampled for types
        Files.writeString(file, text);
        var profiler = new Profiler(Progress.NONE, Map.of()).on(4, 20, 2);
        for (int run = 0; run < 5; run++) {
            // a check failing late in the file, in many chunks, and once early
            assertThatThrownBy(() -> profiler.profile(file, header -> new FailingAt(Map.of(9_000L, "late", 123L,
                    "early", 11_900L, "later")))).hasMessage("early at line 123");
            assertThatThrownBy(() -> profiler.profile(file, header -> new FailingAt(Map.of(9_000L, "late"))))
                    .hasMessage("late at line 9000");
            // no check failure: the read error, after every row before it was seen
            assertThatThrownBy(() -> profiler.profile(file, header -> new Lines())).isInstanceOf(InputException.class).hasMessageContaining("line 12002");
        }
    }

    private Path mixed() throws IOException {
        var file = folder.getRoot().toPath().resolve("mixed.csv");
        if (Files.exists(file)) {
            return file;
        }
        var random = new Random(42);
        var text = new StringBuilder("level,amount,sparse,city,flag,id\n");
        for (int i = 0; i < ROWS; i++) {
            text.append(random.nextInt(400)).append(',');
            // a sketch past 10,000 values; a few missing and unparseable values among them
            text.append(i % 101 == 0 ? "" : i % 4_999 == 0 ? "oops" : String.format(java.util.Locale.ROOT, "%.4f",
                    Math.exp(random.nextGaussian()))).append(',');
            text.append(i % 5 == 0 ? Double.toString(random.nextDouble()) : "").append(','); // 6,000 values, kept exactly
            text.append(i % 13 == 0 ? "NA" : "city" + random.nextInt(30)).append(',');
            text.append(i % 17 == 0 ? "" : random.nextBoolean() ? "True" : "false").append(',');
            // beyond 10,000 distinct values, even within one chunk of 12,288 rows
            text.append(i % 10 == 0 ? "hot" : "id" + random.nextInt(1_000_000)).append('\n');
        }
        Files.writeString(file, text);
        return file;
    }

    private static List<String> column(final Path file, final int index) throws IOException {
        var values = new ArrayList<String>();
        for (String line : Files.readAllLines(file).subList(1, ROWS + 1)) {
            values.add(line.split(",", -1)[index]);
        }
        return values;
    }

    private static int upperBound(final double[] sorted, final double value) {
        var index = Arrays.binarySearch(sorted, Math.nextUp(value));
        return index >= 0 ? index : -index - 1;
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(final byte[] json) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    }

    private byte[] bytes(final Profile profile) throws IOException {
        var out = Files.createTempFile(folder.getRoot().toPath(), "profile", ".json");
        ProfileJson.write(profile, out);
        return Files.readAllBytes(out);
    }

    /** Notes where each chunk starts and whether the rows, merged, come in file order. */
    private static final class Lines implements RowCheck<Lines> {
        private final List<Long> firsts = new ArrayList<>();
        private long seen;
        private long last;
        private boolean ordered = true;

        @Override
        public void accept(final ProfiledRow row) {
            if (seen == 0) {
                firsts.add(row.line());
            }
            ordered &= row.line() > last;
            last = row.line();
            seen++;
        }

        @Override
        public void merge(final Lines next) {
            ordered &= next.ordered && (next.firsts.isEmpty() || next.firsts.get(0) > last);
            firsts.addAll(next.firsts);
            seen += next.seen;
            last = Math.max(last, next.last);
        }
    }

    /** Fails on given lines, as a check that finds its input unusable would. */
    private record FailingAt(Map<Long, String> failures) implements RowCheck<FailingAt> {
        @Override
        public void accept(final ProfiledRow row) {
            var failure = failures.get(row.line());
            if (failure != null) {
                throw new IllegalStateException(failure + " at line " + row.line());
            }
        }

        @Override
        public void merge(final FailingAt next) {
            // nothing to add
        }
    }
}
