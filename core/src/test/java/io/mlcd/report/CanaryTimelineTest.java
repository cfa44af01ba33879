package io.mlcd.report;

import static io.mlcd.report.CanaryHtmlTest.count;
import static io.mlcd.report.CanaryHtmlTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Test;

public class CanaryTimelineTest {
    private static final String TWO_STEPS = """
            [{"weight": 25, "outcome": "PASSED",
              "canary": {"error_rate": 0.01, "latency_p95": 100}, "baseline": {"error_rate": 0.005, "latency_p95": 50}},
             {"weight": 100, "outcome": "WARNING",
              "canary": {"error_rate": 0.02, "latency_p95": 200}, "baseline": {"error_rate": null, "latency_p95": 0}}]
            """;

    @Test
    public void shouldPlaceOneColumnPerStepAndScaleEachPanelToItsLargestValue() {
        var svg = CanaryTimeline.render(read(TWO_STEPS));

        // 960 wide plot from x = 70 in two 480-wide columns: centres at 310 and 790.
        // Weight panel from y = 76, 60 high: 25% is a 15 high bar, 100% fills it
        assertThat(svg).contains("viewBox=\"0 0 1050.0 464.0\"",
                "<rect class=\"weight\" x=\"290.0\" y=\"121.0\" width=\"40.0\" height=\"15.0\"/>",
                "<rect class=\"weight\" x=\"770.0\" y=\"76.0\" width=\"40.0\" height=\"60.0\"/>");
        // error rate panel from y = 162, 118 high, axis 0 to 2% in 0.5% steps; the baseline's null at the
        // second step leaves it a single point
        assertThat(svg).contains(">2%</text>", ">0.5%</text>",
                "<path class=\"series canary\" d=\"M310.0 221.0L790.0 162.0\"/>",
                "<path class=\"series baseline\" d=\"M310.0 250.5\"/>");
        // latency panel from y = 306: 0 to 200 ms in steps of 50
        assertThat(svg).contains(">200</text>", ">50</text>",
                "<path class=\"series canary\" d=\"M310.0 365.0L790.0 306.0\"/>",
                "<path class=\"series baseline\" d=\"M310.0 394.5L790.0 424.0\"/>");
        // outcomes as words, the step that did not pass shaded in its tone, labels under each column
        assertThat(svg).contains(">PASSED</text>", ">WARNING</text>", "class=\"hit band warn\"", ">25%</text>",
                ">step 2</text>", "<title>step 2 at 100%: WARNING; canary — requests, error rate 2%, p95 200 ms; "
                        + "baseline — requests, error rate —, p95 0 ms</title>")
                .doesNotContain("✓ passed");
    }

    @Test
    public void shouldUseSymbolsWithALegendWhenColumnsAreNarrow() {
        var steps = IntStream.range(0, 20).mapToObj(i -> "{\"weight\": " + (i + 1) * 5 + ", \"outcome\": \""
                + (i % 4 == 0 ? "INCONCLUSIVE" : i % 4 == 1 ? "FAILED" : "PASSED") + "\"}")
                .collect(Collectors.joining(",", "[", "]"));

        var svg = CanaryTimeline.render(read(steps));

        assertThat(count(svg, "class=\"mark-text\"")).isEqualTo(20);
        assertThat(svg).contains(">?</text>", ">✕</text>", ">✓</text>", ">? inconclusive</text>",
                ">✕ failed</text>", ">#20</text>", ">100%</text>", ">no values recorded</text>")
                .doesNotContain(">INCONCLUSIVE</text>", "<path class=\"series");
    }

    @Test
    public void shouldChooseRoundAxisSteps() {
        assertScale(CanaryTimeline.Scale.of(0.013, 0.01), 0.015, 0.005, 3);
        assertScale(CanaryTimeline.Scale.of(187, 10), 200, 50, 4);
        assertScale(CanaryTimeline.Scale.of(0.02, 0.01), 0.02, 0.005, 4);
        assertScale(CanaryTimeline.Scale.of(1000, 10), 1000, 250, 4);
        assertScale(CanaryTimeline.Scale.of(3, 10), 3, 1, 3);
        // nothing defined or all zero: the fallback range
        assertThat(CanaryTimeline.Scale.of(Double.NaN, 10).top()).isEqualTo(10);
        assertThat(CanaryTimeline.Scale.of(0, 0.01).top()).isEqualTo(0.01);
        assertThat(new CanaryTimeline.Scale(200, 50).fraction(250)).isEqualTo(1);
        assertThat(new CanaryTimeline.Scale(200, 50).fraction(-1)).isEqualTo(0);
    }

    private static void assertScale(final CanaryTimeline.Scale scale, final double top, final double step,
            final int ticks) {
        assertThat(scale.top()).isCloseTo(top, within(1e-12));
        assertThat(scale.step()).isCloseTo(step, within(1e-12));
        assertThat(scale.ticks()).isEqualTo(ticks);
    }
}
