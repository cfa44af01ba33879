package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.GateParser;
import io.mlcd.robustness.Bounds;
import io.mlcd.robustness.Labels;
import io.mlcd.robustness.PerturbationSuite;
import io.mlcd.robustness.Perturber;
import io.mlcd.robustness.RobustnessCatalog;
import io.mlcd.robustness.RobustnessOptions;
import io.mlcd.robustness.RobustnessRunner;
import io.mlcd.scoring.Frame;
import io.mlcd.scoring.Predictions;
import io.mlcd.scoring.Scorer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class RobustnessReportTest {
    private static final String HOSTILE = "<script>alert('x')</script>";
    private static final int N = 200;

    @Test
    public void shouldWriteEveryMeasureWithItsIntervalToTheJson() {
        var report = report();
        assertThat(report.path("schema").asText()).isEqualTo("mlcd.robustness/1");
        assertThat(report.path("command").asText()).isEqualTo("robustness");
        assertThat(report.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(report.path("inputs").path("task").asText()).isEqualTo("binary");
        assertThat(report.path("inputs").path("seed").asLong()).isEqualTo(3);
        var shift = report.path("perturbations").get(0);
        assertThat(shift.path("id").asText()).isEqualTo("shift:x:1");
        assertThat(shift.path("kind").asText()).isEqualTo("shift");
        assertThat(shift.path("column").asText()).isEqualTo("x");
        assertThat(shift.path("flips").asLong()).isEqualTo(100);
        assertThat(shift.path("flip_rate").path("value").asDouble()).isEqualTo(0.5);
        assertThat(shift.path("flip_rate").path("lower").asDouble()).isLessThan(0.5);
        assertThat(shift.path("metric_changes").path("roc_auc_drop").path("upper").isNumber()).isTrue();
        assertThat(report.path("columns").get(0).path("name").asText()).isEqualTo("x");
        assertThat(report.path("columns").get(0).path("bounds").path("spread_by").asText()).isEqualTo("iqr");
        assertThat(report.path("metrics").path("max_flip_rate").asDouble()).isEqualTo(0.5);
        assertThat(report.path("weak_segments").path("tested").asInt()).isPositive();
        assertThat(report.path("gates")).hasSize(2);
    }

    @Test
    public void shouldEscapeEveryTextFromTheDataInTheHtml() {
        var html = RobustnessHtml.of(report());
        assertThat(html).doesNotContain(HOSTILE).doesNotContain("<script");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(html).contains("Sensitivity by column").contains("Weak segments").contains("<svg");
        // most fragile first: x before the hostile column
        assertThat(html.indexOf("<code>x</code>")).isLessThan(html.indexOf("<code>&lt;script"));
    }

    @Test
    public void shouldGiveEachGateAJunitTestCase() {
        var xml = JunitXml.of(report());
        assertThat(xml).contains("<testsuite name=\"mlcd.robustness\" tests=\"2\" failures=\"1\"");
        assertThat(xml).contains("name=\"flip_rate[shift:x:1] &lt;= 0.1\"");
        assertThat(xml).contains("name=\"max_mean_abs_change &lt;= 1\"");
    }

    private static ObjectNode report() {
        var x = new double[N];
        var names = new String[N];
        var labels = new String[N];
        for (int r = 0; r < N; r++) {
            x[r] = (r * 37 % N) + 0.5;
            names[r] = r % 2 == 0 ? HOSTILE : "plain";
            labels[r] = (x[r] > 100) != (r % 10 == 0) ? "1" : "0";
        }
        var rows = Frame.of(List.of("x", HOSTILE), Arrays.asList(x, null), Arrays.asList(null, names));
        Scorer step = new Scorer() {
            @Override
            public Predictions score(final Frame frame) {
                var scores = new double[frame.rows()];
                for (int r = 0; r < scores.length; r++) {
                    scores[r] = frame.number(0, r) > 100 ? 0.8 : 0.2 + r % 7 / 100.0;
                }
                return Predictions.ofNumbers(scores);
            }

            @Override
            public void close() {
            }
        };
        var bounds = Bounds.of(rows, Optional.empty());
        var suite = PerturbationSuite.of(List.of("shift:x:1", "swap:" + HOSTILE, "missing:*"), rows, bounds);
        var policy = new GateParser(new RobustnessCatalog(suite.ids())).policy(List.of("flip_rate[shift:x:1] <= 0.1"),
                List.of("max_mean_abs_change <= 1"));
        var result = new RobustnessRunner(step, new Perturber(3), RobustnessOptions.DEFAULTS,
                RobustnessRunner.Listener.NONE).run(rows, new Labels("y", labels), bounds, Optional.empty(), suite, policy);
        return RobustnessJson.of(result, new RobustnessJson.Inputs("test.csv", null, "http://127.0.0.1:5001"),
                Instant.parse("2026-12-04T07:00:00Z"));
    }
}
