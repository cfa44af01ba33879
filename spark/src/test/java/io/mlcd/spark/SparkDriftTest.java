package io.mlcd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.drift.ColumnDrift;
import io.mlcd.drift.DriftCatalog;
import io.mlcd.drift.DriftDetector;
import io.mlcd.drift.DriftResult;
import io.mlcd.drift.DriftSpec;
import io.mlcd.drift.Profiler;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import io.mlcd.util.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SparkDriftTest {
    @ClassRule
    public static TemporaryFolder folder = new TemporaryFolder();

    private static List<Row> reference;
    private static List<Row> current;
    private static DriftResult cli;

    @BeforeClass
    public static void detectDriftWithTheCli() {
        reference = TestRows.generate(6_000, 21);
        current = shifted(TestRows.generate(5_000, 22));
        var referenceCsv = TestRows.csv(LocalSpark.rows(reference, TestRows.SCHEMA, 2), folder.getRoot().toPath()
                .resolve("reference"));
        var currentCsv = TestRows.csv(LocalSpark.rows(current, TestRows.SCHEMA, 2), folder.getRoot().toPath()
                .resolve("current"));
        var profiler = new Profiler(Progress.NONE, Map.of());
        cli = new DriftDetector(DriftSpec.defaults()).detect(profiler.profile(referenceCsv), profiler.profile(currentCsv),
                policy());
    }

    /** The same kind of rows with x moved up by half a standard deviation. */
    private static List<Row> shifted(final List<Row> rows) {
        var moved = new ArrayList<Row>();
        var random = new Random(3);
        for (Row row : rows) {
            var values = new Object[row.length()];
            for (int k = 0; k < values.length; k++) {
                values[k] = row.get(k);
            }
            values[0] = row.isNullAt(0) ? null : row.getDouble(0) + 5 + random.nextGaussian();
            moved.add(RowFactory.create(values));
        }
        return moved;
    }

    private static Policy policy() {
        return new GateParser(new DriftCatalog()).policy(List.of("drift_share <= 0.1"), List.of());
    }

    @Test
    public void shouldFindTheDriftTheCliFindsInTheSameRows() {
        var result = SparkDrift.detect(LocalSpark.rows(reference, TestRows.SCHEMA, 5),
                LocalSpark.rows(current, TestRows.SCHEMA, 3), DriftSpec.defaults(), policy());

        assertThat(result.verdict()).isEqualTo(cli.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.driftShare()).isEqualTo(cli.driftShare());
        assertThat(result.gates()).isEqualTo(cli.gates());
        assertThat(result.columns()).extracting(ColumnDrift::name, ColumnDrift::test, ColumnDrift::drifted,
                ColumnDrift::exact).containsExactlyElementsOf(cli.columns().stream().map(column -> tuple(column.name(),
                        column.test(), column.drifted(), column.exact())).toList());
        for (int i = 0; i < cli.columns().size(); i++) {
            var expected = cli.columns().get(i);
            assertThat(result.columns().get(i).statistic()).as(expected.name())
                    .isCloseTo(expected.statistic(), within(1e-9 * Math.max(1, Math.abs(expected.statistic()))));
        }
        assertThat(cli.columns()).filteredOn(ColumnDrift::drifted).extracting(ColumnDrift::name).contains("x")
                .doesNotContain("k", "city", "active");
    }
}
