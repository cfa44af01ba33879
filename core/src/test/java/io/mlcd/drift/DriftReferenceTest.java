package io.mlcd.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.gate.Policy;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Compares every drift test on every column, the automatic test choice and the drift share with
 * SciPy/NumPy on the same files (src/test/python/make_drift_reference.py, run by the build).
 * Exact statistics must agree within 1e-9, p-values within 1e-5 relative (also when tiny);
 * statistics from sketches within the error bound the engine states.
 */
@RunWith(Parameterized.class)
public class DriftReferenceTest {
    private final Path folder;

    public DriftReferenceTest(final String name, final Path folder) {
        this.folder = folder;
    }

    @Parameters(name = "{0}")
    public static List<Object[]> cases() throws IOException {
        var root = Path.of(System.getProperty("mlcd.drift.reference.dir", "target/drift-reference"));
        var cases = new ArrayList<Object[]>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.sorted().toList()) {
                if (Files.exists(folder.resolve("expected.json")) && Files.exists(folder.resolve("reference.csv"))) {
                    cases.add(new Object[] {folder.getFileName().toString(), folder});
                }
            }
        }
        assertThat(cases).as("drift reference cases in " + root).hasSizeGreaterThanOrEqualTo(4);
        return cases;
    }

    @Test
    public void shouldMatchReferenceValues() throws IOException {
        var expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
        var profiler = new Profiler(Progress.NONE, Map.of());
        var reference = profiler.profile(folder.resolve("reference.csv"));
        var current = profiler.profile(folder.resolve("current.csv"));
        var softly = new SoftAssertions();
        expected.path("columns").fields().forEachRemaining(entry -> {
            var name = entry.getKey();
            var column = entry.getValue();
            var ref = reference.column(name).orElseThrow();
            var cur = current.column(name).orElseThrow();
            softly.assertThat(ref.type().id()).as(name + " type").isEqualTo(column.path("type").asText());
            softly.assertThat(ref.count()).as(name + " reference count").isEqualTo(column.path("reference").path("count").asLong());
            softly.assertThat(cur.missing()).as(name + " current missing").isEqualTo(column.path("current").path("missing").asLong());
            softly.assertThat(TestSelection.choose(ref, cur).id()).as(name + " test choice").isEqualTo(column.path("test").asText());
            column.path("tests").fields().forEachRemaining(test -> check(softly, name, ref, cur,
                    DriftTest.fromId(test.getKey().toLowerCase(Locale.ROOT)), test.getValue()));
        });
        var result = new DriftDetector(DriftSpec.defaults()).detect(reference, current, new Policy(List.of()));
        softly.assertThat(result.driftShare()).as("drift share").isCloseTo(expected.path("drift_share").asDouble(),
                org.assertj.core.data.Offset.offset(1e-12));
        softly.assertAll();
    }

    private static void check(final SoftAssertions softly, final String column, final ColumnProfile ref,
            final ColumnProfile cur, final DriftTest test, final JsonNode expected) {
        var actual = DriftStatistics.compute(test, ref, cur);
        var what = column + " " + test.id();
        var statistic = expected.path("statistic");
        if (statistic.isNull() || expected.path("infinite").asBoolean(false)) {
            softly.assertThat(actual.statistic()).as(what + " statistic (reference: infinite)").isInfinite();
        }
        else if (statistic.isNumber()) {
            var allowed = actual.exact() ? 1e-9 * Math.max(1, Math.abs(statistic.asDouble()))
                    : actual.errorBound() + 1e-9;
            softly.assertThat(Math.abs(actual.statistic() - statistic.asDouble()))
                    .as("%s statistic: mlcd %s (%s), reference %s", what, actual.statistic(),
                            actual.exact() ? "exact" : "sketch ± " + actual.errorBound(), statistic.asDouble())
                    .isLessThanOrEqualTo(allowed);
        }
        var p = expected.path("p_value");
        if (p.isNumber() && test == DriftTest.KS && ref.count() * cur.count() > DriftStatistics.KS_EXACT_PRODUCT) {
            // mlcd's asymptotic p-value where SciPy's is exact: a few percent apart, same decision
            softly.assertThat(actual.pValue() <= 0.05).as(what + " decision").isEqualTo(p.asDouble() <= 0.05);
            if (p.asDouble() > 1e-6) {
                softly.assertThat(Math.abs(actual.pValue() - p.asDouble()) / p.asDouble())
                        .as("%s p-value: mlcd %s, reference %s", what, actual.pValue(), p.asDouble())
                        .isLessThanOrEqualTo(0.05);
            }
        }
        else if (p.isNumber() && actual.exact()) {
            // relative, so that a tiny p-value rounded to 0 fails (1 - cdf loses everything below 1e-16)
            var allowed = 1e-5 * p.asDouble();
            softly.assertThat(Math.abs(actual.pValue() - p.asDouble()))
                    .as("%s p-value: mlcd %s, reference %s", what, actual.pValue(), p.asDouble())
                    .isLessThanOrEqualTo(allowed);
        }
    }
}
