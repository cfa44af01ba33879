package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The canary analysis' statistics against statsmodels and SciPy on the cases
 * make_canary_reference.py writes in each build.
 */
public class CanaryStatisticsReferenceTest {
    private static final Offset<Double> CLOSE = within(1e-9);
    private static JsonNode reference;

    @BeforeClass
    public static void readReference() throws IOException {
        reference = new ObjectMapper().readTree(Path.of(System.getProperty("mlcd.canary.reference",
                "target/canary-reference.json")).toFile());
    }

    private static double[] doubles(final JsonNode array) {
        var values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    @Test
    public void shouldMatchStatsmodelsWilsonAndNewcombeIntervals() {
        assertThat(reference.path("proportions").size()).isGreaterThanOrEqualTo(6);
        for (JsonNode c : reference.path("proportions")) {
            var confidence = c.path("confidence").asDouble();
            var wilson = Proportions.wilson(c.path("x1").asLong(), c.path("n1").asLong(), confidence);
            var newcombe = Proportions.difference(c.path("x1").asLong(), c.path("n1").asLong(), c.path("x2").asLong(),
                    c.path("n2").asLong(), confidence);
            assertThat(wilson.lower()).as("wilson lower %s", c).isCloseTo(c.path("wilson1").get(0).asDouble(), CLOSE);
            assertThat(wilson.upper()).as("wilson upper %s", c).isCloseTo(c.path("wilson1").get(1).asDouble(), CLOSE);
            assertThat(newcombe.lower()).as("newcombe lower %s", c).isCloseTo(c.path("newcombe").get(0).asDouble(), CLOSE);
            assertThat(newcombe.upper()).as("newcombe upper %s", c).isCloseTo(c.path("newcombe").get(1).asDouble(), CLOSE);
        }
    }

    @Test
    public void shouldMatchNumpyQuantilesAndScipyQuantileIntervals() {
        for (JsonNode c : reference.path("quantiles")) {
            var sorted = doubles(c.path("samples"));
            Arrays.sort(sorted);
            var q = c.path("q").asDouble();
            var interval = Quantiles.interval(sorted, q, c.path("confidence").asDouble());
            assertThat(interval.estimate()).isCloseTo(c.path("estimate").asDouble(), CLOSE);
            assertThat(bound(interval.lower(), c.path("interval").get(0))).as("lower n=%d q=%s", sorted.length, q).isTrue();
            assertThat(bound(interval.upper(), c.path("interval").get(1))).as("upper n=%d q=%s", sorted.length, q).isTrue();
        }
    }

    private static boolean bound(final double actual, final JsonNode expected) {
        return expected.isNull() ? Double.isInfinite(actual) : Math.abs(actual - expected.asDouble()) < 1e-12;
    }

    @Test
    public void shouldMatchScipyMannWhitneyGreater() {
        for (JsonNode c : reference.path("mann_whitney")) {
            var p = MannWhitney.greater(doubles(c.path("x")), doubles(c.path("y")));
            var expected = c.path("p_greater").asDouble();
            assertThat(p).as("p for n=%d,%d", c.path("x").size(), c.path("y").size())
                    .isCloseTo(expected, within(Math.max(1e-12, expected * 1e-9)));
        }
    }
}
