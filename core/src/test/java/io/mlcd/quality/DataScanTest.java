package io.mlcd.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profiler;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DataScanTest {
    private static final Map<String, ColumnType> TYPES = Map.of("age", ColumnType.NUMERIC, "region",
            ColumnType.CATEGORICAL, "flag", ColumnType.BOOLEAN, "id", ColumnType.CATEGORICAL);
    private static final List<ScanRule> RULES = List.of(
            new ScanRule.Unparseable("type[age]", "age"),
            new ScanRule.Outside("range[age]", "age", 18, 95),
            new ScanRule.NotIn("domain[region]", "region", Set.of("east", "west"), false),
            new ScanRule.NotIn("domain[flag]", "flag", Set.of("true"), true),
            new ScanRule.LengthOutside("length[region]", "region", 4, 4),
            new ScanRule.NoMatch("pattern[region]", "region", Pattern.compile("^[a-z]+$")),
            new ScanRule.Repeats("unique[id]", List.of("id"), ScanRule.Repeats.Kind.TEXT),
            new ScanRule.Repeats("unique[age]", List.of("age"), ScanRule.Repeats.Kind.NUMBER),
            new ScanRule.Repeats("primary_key[region, id]", List.of("region", "id"), ScanRule.Repeats.Kind.TEXT),
            new ScanRule.Bins("bins[age]", "age", new double[] {30, 50}),
            new ScanRule.Outside("range[gone]", "gone", 0, 1));

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldCountEveryRuleExactlyWithTheFirstExamplesInFileOrder() throws IOException {
        var file = write("batch.csv", List.of(
                "17,east,true,a", "abc,west,false,b", "40,EAST,TRUE,c", "40,north,false,a", "96,east,true,d",
                ",,,", "1e2,west,x,e", "40.0,east,true,a", "99,east,true,f"));

        var scan = scan(file);

        assertThat(scan.rows()).isEqualTo(9);
        assertTally(scan, "type[age]", 1, "abc");
        assertTally(scan, "range[age]", 4, "17", "96", "1e2", "99");
        assertTally(scan, "domain[region]", 2, "EAST", "north");
        assertTally(scan, "domain[flag]", 2, "false", "false");
        assertTally(scan, "length[region]", 1, "north");
        assertTally(scan, "pattern[region]", 1, "EAST");
        assertTally(scan, "unique[id]", 2, "a", "a");
        assertTally(scan, "unique[age]", 2, "40", "40.0");
        assertTally(scan, "primary_key[region, id]", 1, "(east, a)");
        assertThat(scan.tally("bins[age]").orElseThrow().bins()).containsExactly(1, 3, 3);
        assertThat(scan.tally("range[gone]")).isEmpty();
    }

    @Test
    public void shouldGiveTheSameTalliesWhenChunksMergeInFileOrder() throws IOException {
        var random = new Random(13);
        var lines = new ArrayList<String>();
        for (int i = 0; i < 30_000; i++) {
            var age = random.nextInt(20) == 0 ? "x" + i : Integer.toString(10 + random.nextInt(100));
            var region = List.of("east", "west", "north", "South", "").get(random.nextInt(5));
            var id = random.nextInt(50) == 0 ? "id" + random.nextInt(i + 1) : "id" + i;
            lines.add(age + "," + region + "," + (random.nextBoolean() ? "TRUE" : "false") + "," + id);
        }
        var whole = scan(write("whole.csv", lines));

        for (int chunks : new int[] {2, 3, 7}) {
            DataScan merged = null;
            var size = lines.size() / chunks + 1;
            for (int c = 0; c < chunks; c++) {
                var part = scan(write("part" + chunks + "-" + c + ".csv",
                        lines.subList(c * size, Math.min(lines.size(), (c + 1) * size))));
                if (merged == null) {
                    merged = part;
                }
                else {
                    merged.merge(part);
                }
            }
            for (ScanRule rule : RULES) {
                assertThat(merged.tally(rule.id())).as(rule.id() + " in " + chunks + " chunks")
                        .usingRecursiveComparison().isEqualTo(whole.tally(rule.id()));
            }
            assertThat(merged.rows()).isEqualTo(whole.rows());
        }
    }

    @Test
    public void shouldMergeScansShippedAsSerializedSnapshotsAsTheScansThemselves() throws Exception {
        var random = new Random(17);
        var lines = new ArrayList<String>();
        for (int i = 0; i < 6_000; i++) {
            var age = random.nextInt(30) == 0 ? "x" + i : Integer.toString(10 + random.nextInt(100));
            var id = random.nextInt(40) == 0 ? "id" + random.nextInt(i + 1) : "id" + i;
            lines.add(age + "," + List.of("east", "west", "North", "").get(random.nextInt(4)) + ","
                    + random.nextBoolean() + "," + id);
        }
        var whole = scan(write("whole.csv", lines));
        var header = List.of("age", "region", "flag", "id");
        var scans = DataScan.of(RULES);

        DataScan merged = null;
        for (int c = 0; c < 4; c++) {
            var part = scan(write("part-" + c + ".csv", lines.subList(c * 1500, (c + 1) * 1500)));
            var shipped = scans.apply(header).restore(deserialize(serialize(part.snapshot()), DataScan.Snapshot.class));
            if (merged == null) {
                merged = shipped;
            }
            else {
                merged.merge(shipped);
            }
        }

        for (ScanRule rule : RULES) {
            assertThat(merged.tally(rule.id())).as(rule.id()).usingRecursiveComparison().isEqualTo(whole.tally(rule.id()));
        }
        assertThat(merged.rows()).isEqualTo(whole.rows());
        var rules = deserialize(serialize(scans), DataScan.Scans.class);
        assertThat(rules.apply(header).restore(whole.snapshot()).tally("unique[id]")).usingRecursiveComparison()
                .isEqualTo(whole.tally("unique[id]"));
        assertThatThrownBy(() -> whole.restore(whole.snapshot())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a snapshot restores a fresh scan of the same rules");
    }

    private static byte[] serialize(final Object value) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static <T> T deserialize(final byte[] bytes, final Class<T> type) throws Exception {
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        }
    }

    @Test
    public void shouldFindRepeatsThatCrossChunksAsExamplesInFileOrder() throws IOException {
        // no repeat within either chunk: every one crosses the cut, the first of them far into the second
        var first = new ArrayList<String>();
        var second = new ArrayList<String>();
        for (int i = 0; i < 500; i++) {
            first.add("1,east,true,k" + i);
            second.add("1,east,true," + (i % 100 == 99 ? "k" + i : "m" + i));
        }
        var whole = new ArrayList<>(first);
        whole.addAll(second);
        var merged = scan(write("a.csv", first));
        merged.merge(scan(write("b.csv", second)));

        assertThat(merged.tally("unique[id]")).usingRecursiveComparison()
                .isEqualTo(scan(write("ab.csv", whole)).tally("unique[id]"));
        assertTally(merged, "unique[id]", 5, "k99", "k199", "k299", "k399", "k499");
    }

    @Test
    public void shouldKeepTheCountExactWhenACrossingRepeatLiesPastWhatAChunkRemembers() throws IOException {
        var first = new ArrayList<String>();
        var second = new ArrayList<String>();
        for (int i = 0; i < 3000; i++) {
            first.add("1,east,true,k" + i);
            second.add("1,east,true," + (i == 2000 ? "k7" : i == 2500 ? "m3" : "m" + i));
        }
        var merged = scan(write("a.csv", first));
        merged.merge(scan(write("b.csv", second)));

        var tally = merged.tally("unique[id]").orElseThrow();
        assertThat(tally.count()).isEqualTo(2);
        // the crossing repeat k7 lies past the 1,024 values the second chunk remembers: the examples
        // then stop where file order is no longer certain rather than show m3 before k7
        assertThat(tally.examples()).isEmpty();
    }

    @Test
    public void shouldHashNumbersWithoutCollisions() {
        var set = new LongHashSet();
        for (long i = 0; i < 100_000; i++) {
            assertThat(set.add(LongHashSet.spread(Double.doubleToLongBits(i * 0.5)))).isTrue();
        }
        assertThat(set.add(LongHashSet.spread(Double.doubleToLongBits(0.0)))).isFalse();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.size()).isEqualTo(100_000);
    }

    private static void assertTally(final DataScan scan, final String id, final long count, final String... examples) {
        var tally = scan.tally(id).orElseThrow();
        assertThat(tally.count()).as(id).isEqualTo(count);
        assertThat(tally.examples()).as(id).containsExactly(examples);
    }

    private DataScan scan(final Path file) {
        return new Profiler(Progress.NONE, TYPES).countingTypeMismatches().profile(file, DataScan.of(RULES)).check();
    }

    private Path write(final String name, final List<String> rows) throws IOException {
        var file = folder.getRoot().toPath().resolve(name);
        Files.write(file, ("age,region,flag,id\n" + String.join("\n", rows) + "\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }
}
