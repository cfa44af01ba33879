package io.mlcd.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Offset;
import org.junit.Test;

/**
 * The merge property: the profile of a file equals the merge of the profiles of its two halves
 * (counts and value counts exactly, mean and spread to rounding, quantiles within the sketch's
 * rank error), also when the union passes the exact-values cap. Files come from
 * make_drift_reference.py; the round trip through the profile file loses nothing.
 */
public class ProfileMergeTest {
    private static final Path ROOT = Path.of(System.getProperty("mlcd.drift.reference.dir", "target/drift-reference"));

    private static void assertMergeProperty(final String folder) throws java.io.IOException {
        var profiler = new Profiler(Progress.NONE, Map.of());
        var dir = ROOT.resolve(folder);
        var whole = profiler.profile(dir.resolve("whole.csv"));
        var part1 = profiler.profile(dir.resolve("part1.csv"));
        var part2 = profiler.profile(dir.resolve("part2.csv"));
        var file = Files.createTempFile("merged", ".json");
        ProfileJson.write(part1.merge(part2), file);
        var merged = ProfileJson.read(file);
        Files.delete(file);

        assertThat(merged.rows()).isEqualTo(whole.rows());
        assertThat(merged.columnNames()).isEqualTo(whole.columnNames());
        var softly = new SoftAssertions();
        for (ColumnProfile expected : whole.columns()) {
            var actual = merged.column(expected.name()).orElseThrow();
            var name = expected.name();
            softly.assertThat(actual.type()).as(name).isEqualTo(expected.type());
            softly.assertThat(actual.count()).as(name + " count").isEqualTo(expected.count());
            softly.assertThat(actual.missing()).as(name + " missing").isEqualTo(expected.missing());
            expected.categoricalProfile().ifPresent(categorical -> softly.assertThat(actual.categoricalProfile()
                    .orElseThrow().counts()).as(name + " counts").isEqualTo(categorical.counts()));
            expected.numericProfile().ifPresent(numeric -> {
                var other = actual.numericProfile().orElseThrow();
                var summary = numeric.summary();
                softly.assertThat(other.summary().min()).as(name + " min").isEqualTo(summary.min());
                softly.assertThat(other.summary().max()).as(name + " max").isEqualTo(summary.max());
                softly.assertThat(other.summary().mean()).as(name + " mean").isCloseTo(summary.mean(), Offset.offset(1e-9));
                softly.assertThat(other.summary().std()).as(name + " std").isCloseTo(summary.std(), Offset.offset(1e-9));
                softly.assertThat(other.distinct().isPresent()).as(name + " distinct kept").isEqualTo(numeric.distinct().isPresent());
                numeric.distinct().ifPresent(distinct -> softly.assertThat(other.distinct().orElseThrow())
                        .as(name + " distinct").isEqualTo(distinct));
                softly.assertThat(other.exact().isPresent()).as(name + " exact kept").isEqualTo(numeric.exact().isPresent());
                numeric.exact().ifPresent(values -> softly.assertThat(other.exact().orElseThrow())
                        .as(name + " exact values").containsExactly(values));
                // a merged quantile must sit where the whole file's ranks allow, within both rank errors
                var sketch = other.sketch();
                var truth = numeric.sketch();
                var error = sketch.getNormalizedRankError(false) + (numeric.exact().isPresent() ? 0
                        : truth.getNormalizedRankError(false));
                var sorted = numeric.exact().map(values -> {
                    java.util.Arrays.sort(values);
                    return values;
                }).orElse(null);
                for (double q = 0.05; q < 1; q += 0.05) {
                    var value = sketch.getQuantile(q);
                    var below = sorted != null ? (double) io.mlcd.util.SortedSearch.lowerBound(sorted, value) / sorted.length
                            : truth.getRank(value, QuantileSearchCriteria.EXCLUSIVE);
                    var atOrBelow = sorted != null ? (double) io.mlcd.util.SortedSearch.upperBound(sorted, value) / sorted.length
                            : truth.getRank(value, QuantileSearchCriteria.INCLUSIVE);
                    softly.assertThat(below).as("%s: share below merged q%.2f", name, q).isLessThanOrEqualTo(q + error);
                    softly.assertThat(atOrBelow).as("%s: share at or below merged q%.2f", name, q)
                            .isGreaterThanOrEqualTo(q - error);
                }
            });
        }
        softly.assertAll();
    }

    @Test
    public void shouldMergeIntoTheProfileOfTheUnion() throws java.io.IOException {
        assertMergeProperty("merge");
    }

    @Test
    public void shouldMergePastTheExactValuesCap() throws java.io.IOException {
        assertMergeProperty("merge_over_cap");
    }
}
