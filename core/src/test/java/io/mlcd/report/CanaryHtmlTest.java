package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.canary.RolloutPlan;
import io.mlcd.canary.RolloutResult;
import io.mlcd.canary.RolloutState;
import io.mlcd.canary.RolloutStatus;
import io.mlcd.canary.StepOutcome;
import io.mlcd.canary.StepRecord;
import io.mlcd.canary.StepRecord.GateRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.Test;

public class CanaryHtmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final String ERROR_GATE = "error_rate <= baseline + 1%";
    private static final String LATENCY_GATE = "latency_p95 <= baseline + 20ms";

    @Test
    public void shouldKeepTheDecidingWindowsCanaryMetricsAtTheTop() {
        var report = rolledBack();

        assertThat(report.path("metrics").path("requests").asDouble()).isEqualTo(2000.0);
        assertThat(report.path("metrics").path("error_rate").asDouble()).isEqualTo(0.029);
        var steps = report.path("steps");
        assertThat(report.path("metrics")).isEqualTo(steps.get(steps.size() - 1).path("canary"));
    }

    @Test
    public void shouldShowVerdictPlanContextAndStepsOfARolledBackRollout() {
        var page = CanaryHtml.of(rolledBack());

        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<span class=\"badge verdict\">FAILED</span>", "class=\"masthead bad\"",
                        "<h1>Canary rollout · 25% → 50% → 100%</h1>",
                        "FAILED: rolled back: error_rate failed twice at 50%",
                        "<title>mlcd canary: FAILED · churn 7</title>", "churn 7 · 2026-05-04 10:10:00 UTC");
        // context keys as given, then status, final weight and reason
        assertThat(page).contains("<dt>model</dt><dd><code>churn</code></dd>",
                "<dt>router</dt><dd><code>haproxy 127.0.0.1:9999 backend model</code></dd>",
                "<dt>Status</dt><dd><span class=\"badge bad\">ROLLED_BACK</span></dd>",
                "<dt>Final weight</dt><dd>0% on the canary</dd>",
                "<dt>Reason</dt><dd>error_rate failed twice at 50%</dd>");
        // the plan
        assertThat(page).contains("<dt>Weights</dt><dd>25% → 50% → 100%</dd>",
                "<dt>Pause at each weight</dt><dd>2 min 30 s</dd>", "<dt>Min requests per side</dt><dd>200</dd>",
                "<dt>Confidence</dt><dd>95%</dd>", "<dt>Failure limit</dt><dd>1</dd>",
                "<dt>Inconclusive limit</dt><dd>2</dd>",
                "<dt>Manual gate</dt><dd>yes: a person decides when the inconclusive limit is reached</dd>");
        assertThat(page).contains("id=\"rollout\"", "id=\"timeline\"", "id=\"gates\"", "id=\"steps\"");
        assertThat(page.indexOf("id=\"timeline\"")).isLessThan(page.indexOf("id=\"gates\""));
        assertThat(page.indexOf("id=\"gates\"")).isLessThan(page.indexOf("id=\"steps\""));
        assertThat(count(page, "<svg")).isEqualTo(1);
    }

    @Test
    public void shouldListEveryStepWithBothSidesMetricsAndGateMessages() {
        var page = CanaryHtml.of(rolledBack());

        assertThat(page).contains("1 passed · 1 inconclusive · 2 failed", "4 analyses");
        assertThat(page).contains("<tr class=\"lead\"><td class=\"num\">1</td><td class=\"num\">25%</td>"
                + "<td class=\"window\">2026-05-04 10:00:00 – 10:02:30 UTC (2 min 30 s)</td>"
                + "<td><span class=\"badge ok\">PASSED</span></td>"
                + "<td class=\"num\">1,200</td><td class=\"num\">3,600</td>"
                + "<td class=\"num\">0.25%</td><td class=\"num\">0.0833%</td>"
                + "<td class=\"num\">81.2 ms</td><td class=\"num\">80 ms</td><td class=\"num\">0.42</td>");
        // no traffic on the canary: its metrics are dashes, the step is inconclusive and tinted as such
        assertThat(page).contains("<tr class=\"short unsure lead\"><td class=\"num\">2</td><td class=\"num\">50%</td>",
                "<td><span class=\"badge unsure\">INCONCLUSIVE</span></td><td class=\"num\">0</td>"
                        + "<td class=\"num\">2,000</td><td class=\"num\">—</td><td class=\"num\">0.1%</td>"
                        + "<td class=\"num\">—</td><td class=\"num\">79.5 ms</td><td class=\"num\">—</td>",
                "<li title=\"" + Html.escape(ERROR_GATE) + "\"><span class=\"badge unsure\">INCONCLUSIVE</span>"
                        + "too little traffic: canary 0, baseline 2000 requests (at least 200 each)</li>");
        assertThat(page).contains("<tr class=\"short bad lead\"><td class=\"num\">3</td>",
                "<tr class=\"short bad lead\"><td class=\"num\">4</td>",
                "<tr class=\"short bad gates-row\"><td></td><td colspan=\"10\"><ul class=\"step-gates\">",
                "<span class=\"badge bad\">FAILED</span>error_rate 0.031 vs baseline 0.0011",
                "<td class=\"num\">3.1%</td>", "<td class=\"num\">&lt; 0.0001</td>");
    }

    @Test
    public void shouldShowTheGatesOfTheDecidingAnalysisWithoutValueColumns() {
        var page = CanaryHtml.of(rolledBack());

        var gates = page.substring(page.indexOf("id=\"gates\""), page.indexOf("id=\"steps\""));
        assertThat(gates).contains("Deciding gates · step 4 at 50%", "1 passed · 1 failed",
                "<code>" + Html.escape(ERROR_GATE) + "</code>", "<code>" + Html.escape(LATENCY_GATE) + "</code>",
                "<tr class=\"short bad\">", "error_rate 0.029 vs baseline 0.001")
                .doesNotContain(">Value</th>", ">Threshold</th>", ">Baseline</th>", "too little traffic");
    }

    @Test
    public void shouldDrawOneColumnPerStepWithItsOutcomeInWords() {
        var page = CanaryHtml.of(rolledBack());

        var svg = page.substring(page.indexOf("<svg"), page.indexOf("</svg>"));
        assertThat(count(svg, "class=\"mark-text\"")).isEqualTo(4);
        assertThat(svg).contains(">PASSED</text>", ">INCONCLUSIVE</text>", ">FAILED</text>",
                "class=\"mark unsure\"", "class=\"mark bad\"", "class=\"mark ok\"",
                ">Error rate</text>", ">Latency p95 (ms)</text>", ">Canary weight</text>",
                ">canary</text>", ">baseline</text>", ">step 4</text>");
        // the canary's error rate is undefined at step 2, so its line breaks there
        // one dot per defined value in each panel, and one in the legend
        assertThat(count(svg, "class=\"dot canary\"")).isEqualTo(3 + 3 + 1);
        assertThat(count(svg, "class=\"dot baseline\"")).isEqualTo(4 + 4 + 1);
    }

    @Test
    public void shouldEscapeHostileTextFromContextGatesAndReason() {
        var page = CanaryHtml.of(rolledBack());

        assertThat(page).doesNotContainIgnoringCase("<script").contains(
                "<dt>metrics</dt><dd><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></dd>",
                "&lt;script&gt;alert(1)&lt;/script&gt; in the log</li>");

        var hostile = read("""
                {"verdict": "<b>FAILED</b>", "summary": "<i>x</i>", "status": "<u>ROLLED_BACK</u>",
                 "reason": "<script>alert(1)</script>", "context": {"<script>k</script>": "v\\"><img src=x>"},
                 "plan": {"weights": ["<s>5</s>", 100]},
                 "steps": [{"weight": 5, "from": "<em>then</em>", "to": "now", "outcome": "<script>o</script>",
                            "canary": {}, "baseline": {},
                            "gates": [{"expression": "a\\" onmouseover=\\"x", "severity": "FAIL",
                                       "outcome": "FAILED", "message": "<script>alert(1)</script>"}]}],
                 "gates": [{"expression": "<script>alert(1)</script>", "severity": "FAIL", "outcome": "FAILED",
                            "message": "<img src=x onerror=alert(1)>"}]}
                """);
        var escaped = CanaryHtml.of(hostile);

        assertThat(escaped).doesNotContainIgnoringCase("<script").doesNotContain("<b>", "<i>", "<u>", "<img",
                "<em>", "<s>", "\" onmouseover=\"");
        assertThat(escaped).contains("&lt;b&gt;FAILED&lt;/b&gt;", "<dt>&lt;script&gt;k&lt;/script&gt;</dt>",
                "<code>v&quot;&gt;&lt;img src=x&gt;</code>", "title=\"a&quot; onmouseover=&quot;x\"",
                "&lt;em&gt;then&lt;/em&gt; – now", ">&lt;script&gt;o&lt;/script&gt;</span>",
                "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>", "&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    public void shouldRenderARolloutThatEndedBeforeItsFirstAnalysis() {
        var plan = new RolloutPlan(List.of(10, 100), Duration.ofSeconds(45), List.of(), 50, 0.9, 0, 0, false);
        var state = new RolloutState(RolloutStatus.ROLLED_BACK, 0, 0, 0, 0, List.of(), "router unreachable: "
                + HOSTILE, null, START);
        var report = CanaryJson.of(new RolloutResult(plan, state), Map.of(), START);

        var page = CanaryHtml.of(report);

        assertThat(page).endsWith("</html>\n").contains("<span class=\"badge verdict\">FAILED</span>",
                "<h1>Canary rollout · 10% → 100%</h1>", "0 analyses",
                "No step was analysed: the rollout ended before its first analysis.",
                "No step was analysed, so no gate was judged.", "No step was analysed.", ">Deciding gates<",
                "<dt>Pause at each weight</dt><dd>45 s</dd>", "<dt>Confidence</dt><dd>90%</dd>",
                "<dt>Manual gate</dt><dd>no: the inconclusive limit rolls back</dd>",
                "router unreachable: &lt;script&gt;alert(1)&lt;/script&gt;", "<title>mlcd canary: FAILED</title>")
                .doesNotContain("<svg", "<table", "NaN", "null").doesNotContainIgnoringCase("<script");
    }

    @Test
    public void shouldRenderAnEmptyOrSparseReportWithDashes() {
        var bare = CanaryHtml.of(read("{}"));
        var malformed = CanaryHtml.of(read("""
                {"steps": {"a": 1}, "gates": "none", "context": ["x"], "plan": {"weights": "all"}}
                """));
        var sparse = CanaryHtml.of(read("""
                {"verdict": "WARNING", "status": "AWAITING_DECISION", "final_weight": null, "plan": {},
                 "steps": [{"weight": null, "outcome": null, "canary": {"requests": 0, "error_rate": null,
                              "latency_p95": null}},
                           {}]}
                """));

        assertThat(bare).contains("class=\"masthead neutral\"", ">UNKNOWN</span>", "<h1>Canary rollout</h1>",
                "No step was analysed.").endsWith("</html>\n").doesNotContain("<dt>Status</dt>", "Final weight");
        assertThat(malformed).contains("0 analyses", "No step was analysed, so no gate was judged.")
                .endsWith("</html>\n");
        assertThat(sparse).contains("class=\"masthead warn\"",
                "<dt>Status</dt><dd><span class=\"badge warn\">AWAITING_DECISION</span></dd>", "2 analyses",
                "<tr class=\"short neutral\"><td class=\"num\">1</td><td class=\"num\">—</td>",
                "<td class=\"window\">— – —</td>", "<span class=\"badge neutral\">—</span>")
                .doesNotContain("NaN", "null", "Infinity", "—%", "Final weight", "<dt>Weights</dt>");
        // the chart has nothing to draw but its frame: the legend's dots are the only ones
        assertThat(count(sparse, "class=\"dot canary\"")).isEqualTo(1);
    }

    @Test
    public void shouldTellInconclusiveGatesApartInEveryGateTable() {
        var gates = read("""
                [{"expression": "e", "severity": "FAIL", "outcome": "INCONCLUSIVE", "message": "m"},
                 {"expression": "w", "severity": "WARN", "outcome": "INCONCLUSIVE", "message": "m"},
                 {"expression": "p", "severity": "FAIL", "outcome": "PASSED", "message": "m"},
                 {"expression": "f", "severity": "WARN", "outcome": "FAILED", "message": "m"}]
                """);
        var page = new Html();

        GateTable.write(page, gates, false);

        assertThat(count(page.toString(), "<tr class=\"short unsure\">")).isEqualTo(2);
        assertThat(page.toString()).contains("<span class=\"badge unsure\">INCONCLUSIVE</span>",
                "1 passed · 2 inconclusive · 1 failed", "<tr class=\"short warn\">");
        assertThat(PageStyle.CSS).contains(".badge.unsure {", "tr.short.unsure td {", "svg .mark.unsure {");
        assertThat(Page.tone("INCONCLUSIVE")).isEqualTo("unsure");
    }

    @Test
    public void shouldFormatRatesLatenciesDurationsAndWindows() {
        assertThat(CanaryHtml.rate(0.0125)).isEqualTo("1.25%");
        assertThat(CanaryHtml.rate(0.000345)).isEqualTo("0.0345%");
        assertThat(CanaryHtml.rate(0.0)).isEqualTo("0%");
        assertThat(CanaryHtml.rate(1.0)).isEqualTo("100%");
        assertThat(CanaryHtml.rate(Double.NaN)).isEqualTo("—");
        assertThat(CanaryHtml.millis(read("81.249"))).isEqualTo("81.2 ms");
        assertThat(CanaryHtml.millis(read("1234.56"))).isEqualTo("1,234.6 ms");
        assertThat(CanaryHtml.duration(45)).isEqualTo("45 s");
        assertThat(CanaryHtml.duration(90.5)).isEqualTo("90.5 s");
        assertThat(CanaryHtml.duration(120)).isEqualTo("2 min");
        assertThat(CanaryHtml.duration(3630)).isEqualTo("60 min 30 s");
        assertThat(CanaryStepTable.window(read("\"2026-05-04T23:59:30Z\""), read("\"2026-05-05T00:00:30Z\"")))
                .isEqualTo("2026-05-04 23:59:30 UTC – 2026-05-05 00:00:30 UTC (60 s)");
        assertThat(CanaryStepTable.window(read("\"yesterday\""), read("\"today\""))).isEqualTo("yesterday – today");
        assertThat(CanaryHtml.weights(read("[5, 25, 100]"))).isEqualTo("5% → 25% → 100%");
    }

    /**
     * A rollout over 25% → 50% → 100% that passed at 25%, saw no canary traffic at 50%, then failed the
     * error rate gate twice and rolled back; the metric source's name is hostile.
     */
    static JsonNode rolledBack() {
        var plan = new RolloutPlan(List.of(25, 50, 100), Duration.ofSeconds(150), List.of(), 200, 0.95, 1, 2, true);
        var history = List.of(
                step(0, 25, StepOutcome.PASSED, side(1200, 0.0025, 81.24, 0.42), side(3600, 0.00083333, 80.0, 0.42),
                        gate(ERROR_GATE, "PASSED", "error_rate 0.0025 vs baseline 0.00083: passed"),
                        gate(LATENCY_GATE, "PASSED", "latency_p95 81.2 ms vs baseline 80 ms: passed")),
                step(1, 50, StepOutcome.INCONCLUSIVE, side(0, Double.NaN, Double.NaN, Double.NaN),
                        side(2000, 0.001, 79.5, Double.NaN),
                        gate(ERROR_GATE, "INCONCLUSIVE",
                                "too little traffic: canary 0, baseline 2000 requests (at least 200 each)"),
                        gate(LATENCY_GATE, "INCONCLUSIVE",
                                "too little traffic: canary 0, baseline 2000 requests (at least 200 each)")),
                step(2, 50, StepOutcome.FAILED, side(2100, 0.031, 95.0, 0.00001), side(2050, 0.0011, 82.0, 0.00001),
                        gate(ERROR_GATE, "FAILED", "error_rate 0.031 vs baseline 0.0011: failed; " + HOSTILE
                                + " in the log"),
                        gate(LATENCY_GATE, "PASSED", "latency_p95 95 ms vs baseline 82 ms: passed")),
                step(3, 50, StepOutcome.FAILED, side(2000, 0.029, 90.0, 0.3), side(2000, 0.001, 81.0, 0.3),
                        gate(ERROR_GATE, "FAILED", "error_rate 0.029 vs baseline 0.001: failed"),
                        gate(LATENCY_GATE, "PASSED", "latency_p95 90 ms vs baseline 81 ms: passed")));
        var state = new RolloutState(RolloutStatus.ROLLED_BACK, 1, 0, 2, 0, history,
                "error_rate failed twice at 50%", null, START.plusSeconds(600));
        var context = new LinkedHashMap<String, String>();
        context.put("model", "churn");
        context.put("version", "7");
        context.put("router", "haproxy 127.0.0.1:9999 backend model");
        context.put("metrics", HOSTILE);
        return CanaryJson.of(new RolloutResult(plan, state), context, START.plusSeconds(600));
    }

    private static StepRecord step(final int index, final int weight, final StepOutcome outcome,
            final Map<String, Double> canary, final Map<String, Double> baseline, final GateRecord... gates) {
        var from = START.plusSeconds(150L * index);
        return new StepRecord(weight, from, from.plusSeconds(150), canary, baseline, List.of(gates), outcome);
    }

    private static Map<String, Double> side(final long requests, final double errorRate, final double p95,
            final double driftP) {
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put("requests", (double) requests);
        metrics.put("error_rate", errorRate);
        metrics.put("latency_p50", p95 / 2);
        metrics.put("latency_p95", p95);
        metrics.put("latency_p99", p95 * 1.5);
        if (!Double.isNaN(driftP)) {
            metrics.put("prediction_drift", 0.05);
            metrics.put("prediction_drift_p_value", driftP);
        }
        return metrics;
    }

    private static GateRecord gate(final String expression, final String outcome, final String message) {
        return new GateRecord(expression, "FAIL", outcome, message);
    }

    static int count(final String text, final String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    static JsonNode read(final String json) {
        try {
            return JSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
