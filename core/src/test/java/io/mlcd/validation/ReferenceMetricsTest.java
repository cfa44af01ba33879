package io.mlcd.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.Policy;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Compares every metric, per-group rate and paired test with the values scikit-learn, fairlearn
 * and SciPy compute on the same files. The build generates the files and values afresh with
 * src/test/python/make_reference.py (Maven phase generate-test-resources).
 */
@RunWith(Parameterized.class)
public class ReferenceMetricsTest {
    private static final double TOLERANCE = 1e-9;

    private final Path folder;
    private final String input;

    public ReferenceMetricsTest(final String name, final Path folder, final String input) {
        this.folder = folder;
        this.input = input;
    }

    @Parameters(name = "{0}")
    public static List<Object[]> cases() throws IOException {
        var root = Path.of(System.getProperty("mlcd.reference.dir", "target/reference"));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no reference values in " + root + ": run bin/setup-python, then mvn "
                    + "verify (the build runs core/src/test/python/make_reference.py)");
        }
        var cases = new ArrayList<Object[]>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.sorted().toList()) {
                cases.add(new Object[] {folder.getFileName().toString(), folder, "predictions.csv"});
                if (Files.exists(folder.resolve("predictions.jsonl"))) {
                    cases.add(new Object[] {folder.getFileName() + " (JSON Lines)", folder, "predictions.jsonl"});
                }
            }
        }
        assertThat(cases).as("reference cases in " + root).hasSizeGreaterThanOrEqualTo(10);
        return cases;
    }

    @Test
    public void shouldMatchReferenceValues() throws IOException {
        var expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
        var result = new Validator(Progress.NONE).validate(spec(expected), new Policy(List.of()));
        var evaluation = result.evaluation();
        assertThat(evaluation.task().id()).isEqualTo(expected.path("task").asText());

        var softly = new SoftAssertions();
        expected.path("metrics").fields().forEachRemaining(entry -> {
            var actual = evaluation.metrics().asMap().get(entry.getKey());
            softly.assertThat(actual).as("metric " + entry.getKey()).isNotNull();
            if (actual != null) {
                assertClose(softly, entry.getKey(), actual, entry.getValue());
            }
        });
        expected.path("groups").fields().forEachRemaining(column -> column.getValue().fields().forEachRemaining(
                group -> checkGroup(softly, column.getKey(), group.getKey(), group.getValue(),
                        evaluation.metrics().asMap())));
        if (expected.has("comparison")) {
            checkComparisons(softly, expected.path("comparison"), result.comparisons());
        }
        softly.assertAll();
    }

    private ValidationSpec spec(final JsonNode expected) {
        var options = expected.path("options");
        var groups = new ArrayList<String>();
        options.path("groups").forEach(group -> groups.add(group.asText()));
        var baseline = folder.resolve("baseline.csv");
        return new ValidationSpec(folder.resolve(input), options.path("label").asText(),
                text(options, "score"), text(options, "prediction"), groups,
                Files.exists(baseline) ? baseline : null, text(options, "id"),
                options.path("decision_threshold").isNumber() ? options.path("decision_threshold").asDouble()
                        : ValidationSpec.DEFAULT_THRESHOLD,
                text(options, "positive_label"), Task.valueOf(expected.path("task").asText().toUpperCase(Locale.ROOT)));
    }

    private static String text(final JsonNode node, final String field) {
        var value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static void checkGroup(final SoftAssertions softly, final String column, final String group,
            final JsonNode expected, final java.util.Map<String, Double> metrics) {
        for (String rate : List.of("selection_rate", "true_positive_rate", "false_positive_rate", "accuracy")) {
            var key = MetricKey.slice(rate, column, group).toString();
            var actual = metrics.get(key);
            softly.assertThat(actual).as(key).isNotNull();
            if (actual != null) {
                assertClose(softly, key, actual, expected.path(rate));
            }
        }
    }

    private static void checkComparisons(final SoftAssertions softly, final JsonNode expected,
            final List<Comparison> comparisons) {
        for (Comparison comparison : comparisons) {
            var reference = expected.path(comparison.metric());
            if (reference.isMissingNode()) {
                fail("no reference for the comparison of " + comparison.metric());
            }
            var name = comparison.metric() + " comparison ";
            assertClose(softly, name + "challenger", comparison.challenger(), reference.path("challenger"));
            assertClose(softly, name + "baseline", comparison.baseline(), reference.path("baseline"));
            assertClose(softly, name + "delta", comparison.delta(), reference.path("delta"));
            assertClose(softly, name + "p_value", comparison.pValue(), reference.path("p_value"));
            if (reference.has("ci_lower")) {
                assertClose(softly, name + "ci_lower", comparison.ciLower(), reference.path("ci_lower"));
                assertClose(softly, name + "ci_upper", comparison.ciUpper(), reference.path("ci_upper"));
            }
        }
        softly.assertThat(comparisons).extracting(Comparison::metric).containsExactlyInAnyOrder("roc_auc", "accuracy");
    }

    private static void assertClose(final SoftAssertions softly, final String what, final double actual,
            final JsonNode expected) {
        if (expected.isNull()) {
            softly.assertThat(actual).as(what + " (reference: undefined)").isNaN();
            return;
        }
        var reference = expected.asDouble();
        var allowed = TOLERANCE * Math.max(1.0, Math.abs(reference));
        softly.assertThat(Math.abs(actual - reference)).as("%s: mlcd %s, reference %s", what, actual, reference)
                .isLessThanOrEqualTo(allowed);
    }
}
