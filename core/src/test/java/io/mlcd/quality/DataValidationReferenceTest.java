package io.mlcd.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.gate.Policy;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Compares every constraint's outcome, count, share of rows, observed value and examples with
 * pandas on the same files (src/test/python/make_data_validation_reference.py, run by the
 * build): the "anomalies" case raises every anomaly type, the "clean" case none.
 */
@RunWith(Parameterized.class)
public class DataValidationReferenceTest {
    private static final Path ROOT = Path.of(System.getProperty("mlcd.data.validation.reference.dir",
            "target/data-validation-reference"));

    private final Path folder;

    public DataValidationReferenceTest(final String name) {
        this.folder = ROOT.resolve(name);
    }

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        return List.of(new Object[] {"anomalies"}, new Object[] {"clean"});
    }

    @Test
    public void shouldCountEveryAnomalyAsPandasDoes() throws IOException {
        var expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
        var result = validate();

        var softly = new SoftAssertions();
        var byName = result.constraints().stream().collect(Collectors.toMap(ConstraintResult::name, Function.identity()));
        var names = new ArrayList<String>();
        expected.path("constraints").fieldNames().forEachRemaining(names::add);
        softly.assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            var want = expected.path("constraints").path(name);
            var got = byName.get(name);
            if (got == null) {
                continue;
            }
            softly.assertThat(got.type().id()).as(name + " type").isEqualTo(want.path("type").asText());
            softly.assertThat(got.outcome().name()).as(name + " outcome: " + got.message())
                    .isEqualTo(want.path("outcome").asText());
            softly.assertThat(got.exact()).as(name + " exact").isTrue();
            if (!want.path("count").isNull()) {
                softly.assertThat(got.count()).as(name + " count").isEqualTo(want.path("count").asLong());
            }
            softly.assertThat(got.observed()).as(name + " observed").isCloseTo(want.path("observed").asDouble(),
                    within(1e-9 * Math.max(1, Math.abs(want.path("observed").asDouble()))));
            softly.assertThat(got.examples()).as(name + " examples").containsExactlyElementsOf(texts(want.path("examples")));
        }
        var anomalies = new TreeMap<String, Long>();
        result.anomalies().forEach(anomaly -> anomalies.merge(anomaly.type().id(), 1L, Long::sum));
        var wantAnomalies = new TreeMap<String, Long>();
        expected.path("anomalies").fields().forEachRemaining(entry -> wantAnomalies.put(entry.getKey(),
                entry.getValue().asLong()));
        softly.assertThat(anomalies).as("anomalies by type").isEqualTo(wantAnomalies);
        for (Anomaly anomaly : result.anomalies()) {
            var want = expected.path("constraints").path(anomaly.constraint());
            if (!want.path("share").isNull()) {
                softly.assertThat(anomaly.share()).as(anomaly.constraint() + " share")
                        .isCloseTo(want.path("share").asDouble(), within(1e-12));
            }
        }
        softly.assertThat(result.verdict().name()).isEqualTo(wantAnomalies.isEmpty() ? "PASSED" : "FAILED");
        softly.assertAll();
    }

    @Test
    public void shouldOrderAnomaliesByTheRowsTheyAffect() {
        var counts = validate().anomalies().stream().map(Anomaly::count).toList();

        assertThat(counts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    private DataValidationResult validate() {
        var schema = SchemaYaml.read(folder.resolve("schema.yaml"));
        var reference = DataValidator.reference(List.of(folder.resolve("reference.csv")), schema, Progress.NONE);
        return new DataValidator(schema, Optional.of(reference), new Policy(List.of()), MetricHistory.NONE, "batch")
                .validate(List.of(folder.resolve("batch.csv")), Progress.NONE);
    }

    private static List<String> texts(final JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

}
