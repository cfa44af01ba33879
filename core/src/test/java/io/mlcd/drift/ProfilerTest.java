package io.mlcd.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ProfilerTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldInferTypesAndCountMissingValuesAsPandasDoes() throws IOException {
        var file = folder.getRoot().toPath().resolve("d.jsonl");
        Files.writeString(file, """
                {"x": 1.5, "flag": true, "city": "Graz", "code": "07"}
                {"x": null, "flag": "FALSE", "city": "NA", "code": "12"}
                {"x": "NaN", "flag": "True", "city": "Linz", "code": "x1"}
                {"x": -0.0, "flag": null, "city": "", "code": "07"}
                {"x": "inf", "flag": "false", "city": "Graz", "code": "12"}
                """);
        var profile = new Profiler(Progress.NONE, Map.of()).profile(file);

        assertThat(profile.rows()).isEqualTo(5);
        var x = profile.column("x").orElseThrow();
        assertThat(x.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(x.count()).isEqualTo(2);
        assertThat(x.missing()).isEqualTo(3);
        assertThat(x.numericProfile().orElseThrow().distinct().orElseThrow()).containsOnlyKeys(0.0, 1.5);
        var flag = profile.column("flag").orElseThrow();
        assertThat(flag.type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(flag.categoricalProfile().orElseThrow().counts()).containsEntry("true", 2L).containsEntry("false", 2L);
        var city = profile.column("city").orElseThrow();
        assertThat(city.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(city.missing()).isEqualTo(2);
        assertThat(city.categoricalProfile().orElseThrow().counts()).containsExactly(Map.entry("Graz", 2L),
                Map.entry("Linz", 1L));
        assertThat(profile.column("code").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    public void shouldHonourGivenTypesAndKeepProfilesSmall() throws IOException {
        var file = folder.getRoot().toPath().resolve("big.csv");
        var text = new StringBuilder("id,value,group\n");
        for (int i = 0; i < 200_000; i++) {
            text.append(i).append(',').append(Math.sin(i) * 100).append(',').append("g").append(i % 5000).append('\n');
        }
        Files.writeString(file, text);
        var profile = new Profiler(Progress.NONE, Map.of("id", ColumnType.CATEGORICAL)).profile(file);

        assertThat(profile.column("id").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
        var id = profile.column("id").orElseThrow().categoricalProfile().orElseThrow();
        assertThat(id.exact()).isFalse();
        assertThat(id.counts()).hasSizeLessThanOrEqualTo(CategoricalProfile.FREQUENT_LIMIT);
        assertThat(id.total()).isEqualTo(200_000);
        var value = profile.column("value").orElseThrow().numericProfile().orElseThrow();
        assertThat(value.exact()).isEmpty();
        assertThat(value.distinct()).isEmpty();
        assertThat(profile.column("group").orElseThrow().categoricalProfile().orElseThrow().exact()).isTrue();
        var written = folder.getRoot().toPath().resolve("p.json");
        ProfileJson.write(profile, written);
        assertThat(Files.size(written)).isLessThan(200_000);
    }

    @Test
    public void shouldCostLittlePerColumnOfAWideFile() throws IOException {
        // 20,000 columns of 5 rows once took 2.7 GB: buffers and sketches were sized per column up front
        var columns = 20_000;
        var text = new StringBuilder();
        for (int row = 0; row <= 5; row++) {
            for (int k = 0; k < columns; k++) {
                text.append(k == 0 ? "" : ",").append(row == 0 ? "c" + k : k % 3 == 0 ? "v" + row : row * 0.5 + k);
            }
            text.append('\n');
        }
        var file = folder.getRoot().toPath().resolve("wide.csv");
        Files.writeString(file, text);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        var before = threads.getCurrentThreadAllocatedBytes();
        // on this thread alone, where the allocations can be counted
        var profile = new Profiler(Progress.NONE, Map.of()).on(1, 0, 0).profile(file);
        var allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(profile.columns()).hasSize(columns);
        assertThat(profile.column("c3").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(profile.column("c4").orElseThrow().numericProfile().orElseThrow().exact().orElseThrow())
                .containsExactly(4.5, 5.0, 5.5, 6.0, 6.5);
        // allocated, not kept: most of it is the quantile sketch each numeric column builds at the end (8 kB)
        assertThat(allocated / columns).as("bytes allocated per column").isLessThan(20_000);
    }

    @Test
    public void shouldRejectValuesTooLargeToSummarise() throws IOException {
        var file = folder.getRoot().toPath().resolve("huge.csv");
        Files.writeString(file, "x,y\n1.7e308,1\n-1.7e308,2\n");
        assertThatThrownBy(() -> new Profiler(Progress.NONE, Map.of()).profile(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ", column 'x': the summary is not finite (mean -Infinity, m2 -Infinity, "
                        + "min -1.7E308, max 1.7E308): values too large to summarise?");
    }

    @Test
    public void shouldShowEveryRowToTheCheckAsTheProfileReadIt() throws IOException {
        var file = folder.getRoot().toPath().resolve("typed.csv");
        Files.writeString(file, "amount,city\n1.5,Graz\nabc,NA\n,Linz\n-2,Graz\n");
        var profiled = new Profiler(Progress.NONE, Map.of("amount", ColumnType.NUMERIC)).countingTypeMismatches()
                .profile(file, header -> new Seen(header.size()));

        var amount = profiled.profile().column("amount").orElseThrow();
        assertThat(amount.unparseable()).isEqualTo(1);
        assertThat(amount.missing()).isEqualTo(2);
        var seen = profiled.check();
        assertThat(seen.rows).containsExactly("1.5|Graz@2", "abc!?|NA?@3", "?|Linz@4", "-2|Graz@5");
        assertThat(seen.sum).isEqualTo(-0.5);
    }

    @Test
    public void shouldStillRefuseManyMismatchesUnlessCountingThem() throws IOException {
        var file = folder.getRoot().toPath().resolve("typed.csv");
        Files.writeString(file, "amount\n1\nabc\n");

        assertThatThrownBy(() -> new Profiler(Progress.NONE, Map.of("amount", ColumnType.NUMERIC)).profile(file))
                .isInstanceOf(InputException.class).hasMessageContaining("1 of 2 values (50.0%) are not numbers");
    }

    /** Writes down each row as text, marking unparseable (!) and missing (?) values, and sums the numbers. */
    private static final class Seen implements RowCheck<Seen> {
        private final int columns;
        private final java.util.List<String> rows = new java.util.ArrayList<>();
        private double sum;

        Seen(final int columns) {
            this.columns = columns;
        }

        @Override
        public void accept(final ProfiledRow row) {
            var text = new StringBuilder();
            for (int k = 0; k < columns; k++) {
                text.append(k == 0 ? "" : "|").append(row.text(k))
                        .append(row.isUnparseable(k) ? "!" : "").append(row.isMissing(k) ? "?" : "");
                if (!Double.isNaN(row.number(k))) {
                    sum += row.number(k);
                }
            }
            rows.add(text.append('@').append(row.line()).toString());
        }

        @Override
        public void merge(final Seen next) {
            rows.addAll(next.rows);
            sum += next.sum;
        }
    }
}
