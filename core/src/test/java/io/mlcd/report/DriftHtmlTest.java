package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Test;

public class DriftHtmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void shouldShowVerdictShareColumnsAndOneChartPerColumnOfTheSample() {
        var report = sample();

        var page = DriftHtml.of(report);

        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<span class=\"badge verdict\">PASSED</span>", "class=\"masthead ok\"",
                        "PASSED: no gates were given", "Data drift · 6 columns", "<code>/tmp/ref.csv</code>",
                        "<code>/tmp/cur.csv</code>", "20,000", "15,000", "2026-11-26 16:37:19 UTC")
                .contains("<div class=\"big-number\">66.7%</div>", "4 of 6 columns drifted",
                        "4 drifted · 2 not drifted · 6 tested", "aria-label=\"4 of 6 columns drifted\"");
        assertThat(page).contains("id=\"inputs\"", "id=\"dataset\"", "id=\"gates\"", "id=\"columns\"",
                "id=\"distributions\"", "No gates were given, so nothing could fail.");
        var columns = report.path("columns");
        for (JsonNode column : columns) {
            var name = Html.escape(column.path("name").asText());
            assertThat(page).contains("<code>" + name + "</code>",
                    "aria-label=\"Distribution of " + name + " in reference and current data\"");
        }
        assertThat(count(page, "aria-label=\"Distribution of ")).isEqualTo(columns.size());
        assertThat(count(page, "<svg")).isEqualTo(columns.size() + 1);
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("http://", "https://")
                .contains("Content-Security-Policy", "default-src &#39;none&#39;");
    }

    @Test
    public void shouldListColumnsInReportOrderWithTheirTests() {
        var page = DriftHtml.of(sample());

        // drifted first, as in the report; each name links to its card
        assertThat(page.indexOf("<code>score</code>")).isLessThan(page.indexOf("<code>age</code>"));
        assertThat(page.indexOf("<code>segment</code>")).isLessThan(page.indexOf("<code>region</code>"));
        assertThat(page).contains("<tr class=\"drifted\"><td><a href=\"#column-1\"><code>score</code></a> "
                + "<span class=\"badge role\">prediction</span></td><td>numeric</td>"
                + "<td><span title=\"Wasserstein distance (normalized)\">wasserstein</span></td>"
                + "<td class=\"num\">0.2221</td><td class=\"num\">—</td><td class=\"num\">0.1</td>"
                + "<td class=\"rule\">value ≥ 0.1</td><td><span class=\"badge bad\">drifted</span></td>");
        assertThat(page).contains("sketch ± 0.0378", "<td class=\"method\">exact</td>",
                "<span class=\"badge ok\">no drift</span>",
                "<div class=\"card drifted\" id=\"column-1\">", "<div class=\"card\" id=\"column-5\">");
        // both sides' summaries: numeric and categorical fields, missing values with their share
        assertThat(page).contains("<th class=\"num\">Mean</th>", "<th class=\"num\">Distinct</th>", "957 (4.8%)",
                "Bins are the deciles of the reference");
    }

    @Test
    public void shouldMarkTheDriftShareGateAndShowGatesWithoutBaseline() {
        var page = DriftHtml.of(read("""
                {"verdict": "FAILED", "summary": "FAILED: 1 of 2 gates fell short", "drift_share": 0.5,
                 "drifted_columns": 1, "tested_columns": 2,
                 "gates": [{"expression": "drift_share <= 0.3", "metric": "drift_share", "severity": "FAIL",
                            "outcome": "FAILED", "value": 0.5, "threshold": 0.3, "baseline": null,
                            "message": "drift_share = 0.5 is not <= 0.3"},
                           {"expression": "psi[a] <= 0.1", "metric": "psi[a]", "severity": "WARN",
                            "outcome": "PASSED", "value": 0.05, "threshold": 0.1, "baseline": null,
                            "message": "psi[a] = 0.05 <= 0.1"}],
                 "columns": [{"name": "a", "type": "numeric", "test": "ks", "statistic": 0.4,
                              "p_value": 0.000001, "threshold": 0.05, "rule": "p-value <= 0.05", "drifted": true,
                              "method": "exact", "error_bound": null},
                             {"name": "b", "type": "boolean", "role": "target", "test": "z", "statistic": 0.5,
                              "p_value": 0.6, "threshold": 0.05, "rule": "p-value < 0.05", "drifted": false,
                              "method": "exact", "error_bound": null}]}
                """));

        assertThat(page).contains("class=\"masthead bad\"", "<div class=\"big-number bad\">50%</div>",
                "class=\"gate-mark\"", "<title>drift_share &lt;= 0.3</title>", ">gate 0.3</text>",
                "gate drift_share &lt;= 0.3 failed", "<tr class=\"short bad\">", "1 passed · 1 failed",
                "<dt>Target column</dt><dd><code>b</code></dd>");
        assertThat(page).doesNotContain(">Baseline</th>");
        // tests with a p-value are decided on it
        assertThat(page).contains("<span class=\"stat-value bad\">&lt; 0.0001</span>",
                "p-value of the Kolmogorov–Smirnov test",
                "statistic 0.4 · drift when p-value ≤ 0.05 · from exact values",
                "<span class=\"stat-value\">0.6</span>");
    }

    @Test
    public void shouldEscapeEveryStringFromTheReport() {
        var page = DriftHtml.of(read("""
                {"verdict": "<b>PASSED</b>", "summary": "<i>all</i> & more",
                 "inputs": {"reference": "ref<1>.csv", "current": "a&b\\".csv", "reference_rows": 3,
                            "current_rows": 3},
                 "drift_share": 1.0, "drifted_columns": 1, "tested_columns": 1,
                 "gates": [{"expression": "drifted[<script>x</script>] <= 0", "metric": "drifted[<script>x</script>]",
                            "severity": "FAIL", "outcome": "FAILED", "value": 1, "threshold": 0,
                            "message": "drifted[<script>x</script>] = 1 is not <= 0"}],
                 "columns": [{"name": "<script>x</script>", "type": "categorical", "role": "<u>target</u>",
                              "test": "<em>psi</em>", "statistic": 0.9, "p_value": null, "threshold": 0.1,
                              "rule": "value >= 0.1 <br>", "drifted": true, "method": "exact", "error_bound": null,
                              "reference": {"count": 3, "missing": 0, "distinct": 2},
                              "current": {"count": 3, "missing": 0, "distinct": 2},
                              "distribution": {"bins": ["a&\\"b", "<img src=x>"], "reference": [0.5, 0.5],
                                               "current": [1.0, 0.0]}}]}
                """));

        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("<b>", "<i>", "<u>", "<em>", "<br>",
                "<img");
        assertThat(page).contains("<code>&lt;script&gt;x&lt;/script&gt;</code>",
                "aria-label=\"Distribution of &lt;script&gt;x&lt;/script&gt; in reference and current data\"",
                "&lt;b&gt;PASSED&lt;/b&gt;", "&lt;i&gt;all&lt;/i&gt; &amp; more", "<code>ref&lt;1&gt;.csv</code>",
                "<code>a&amp;b&quot;.csv</code>",
                "<title>mlcd drift: &lt;b&gt;PASSED&lt;/b&gt; · a&amp;b&quot;.csv</title>",
                "<code>drifted[&lt;script&gt;x&lt;/script&gt;] &lt;= 0</code>",
                "<span class=\"badge role\">&lt;u&gt;target&lt;/u&gt;</span>", "&lt;em&gt;psi&lt;/em&gt;",
                "value ≥ 0.1 &lt;br&gt;", ">a&amp;&quot;b</text>", ">&lt;img src=x&gt;</text>",
                "<title>a&amp;&quot;b: reference 50%, current 100%</title>");
    }

    @Test
    public void shouldShowNullsAsDashes() {
        var page = DriftHtml.of(read("""
                {"verdict": "PASSED", "drift_share": null, "drifted_columns": null, "tested_columns": null,
                 "inputs": {"reference": null, "current": "c.csv", "reference_rows": null, "current_rows": 2},
                 "gates": [{"expression": "drift_share <= 0.3", "metric": "drift_share", "severity": "FAIL",
                            "outcome": "ERROR", "value": null, "threshold": null, "baseline": null,
                            "message": "drift_share is undefined"}],
                 "columns": [{"name": "x", "type": null, "role": null, "test": "wasserstein", "statistic": null,
                              "p_value": null, "threshold": null, "rule": null, "drifted": null, "method": "sketch",
                              "error_bound": null,
                              "reference": {"count": 0, "missing": 2, "min": null, "max": null, "mean": null,
                                            "std": null},
                              "current": {"count": null, "missing": null, "mean": null},
                              "distribution": {"bins": ["≤ 1", "1 – 2", "> 2"], "reference": [null, 0.5],
                                               "current": null}}]}
                """));

        assertThat(page).contains("<div class=\"big-number\">—</div>", "<td class=\"num\">—</td>",
                "<span class=\"badge neutral\">—</span>", "<td class=\"rule\">—</td>", "<td>—</td>",
                "<span class=\"stat-value\">—</span>", "≤ 1: reference —, current —",
                "1 – 2: reference 50%, current —", "<span class=\"badge bad\">ERROR</span>", "2 (100%)")
                .doesNotContain("NaN", "null", "Infinity", "Reference rows", "<dt>Reference</dt>");
    }

    @Test
    public void shouldRenderWithoutColumnsGatesOrDistributions() {
        var page = DriftHtml.of(read("""
                {"verdict": "PASSED", "summary": "PASSED: no gates were given", "drift_share": 0,
                 "drifted_columns": 0, "tested_columns": 0, "gates": [], "columns": []}
                """));
        var bare = DriftHtml.of(read("{}"));
        var empty = DriftHtml.of(read("""
                {"verdict": "PASSED", "drifted_columns": 0, "tested_columns": 1,
                 "columns": [{"name": "x", "drifted": false, "distribution": {"bins": [], "reference": [],
                              "current": []}, "reference": {}, "current": {}}]}
                """));

        assertThat(page).contains("No columns were tested.", "No gates were given", "class=\"big-number ok\">0%<")
                .doesNotContain("<svg", "id=\"distributions\"");
        assertThat(bare).contains("class=\"masthead neutral\"", ">UNKNOWN</span>", "No columns were tested.")
                .endsWith("</html>\n");
        assertThat(empty).contains("No distribution was recorded for this column.", "No column drifted.")
                .doesNotContain("table class=\"sides\"", "aria-label=\"Distribution of");
    }

    @Test
    public void shouldRenderACategoricalColumnWithTwentyFiveCategories() {
        var bins = IntStream.range(0, 25).mapToObj(i -> "\"category number " + i + "\"")
                .collect(Collectors.joining(", "));
        var shares = IntStream.range(0, 25).mapToObj(i -> "0.04").collect(Collectors.joining(", "));
        var page = DriftHtml.of(read("""
                {"verdict": "PASSED", "drift_share": 0, "drifted_columns": 0, "tested_columns": 1, "gates": [],
                 "columns": [{"name": "city", "type": "categorical", "test": "chisquare", "statistic": 3.1,
                              "p_value": 0.9, "threshold": 0.05, "rule": "p-value < 0.05", "drifted": false,
                              "method": "exact", "error_bound": null,
                              "reference": {"count": 500, "missing": 0, "distinct": 25},
                              "current": {"count": 400, "missing": 0, "distinct": 25},
                              "distribution": {"bins": [%s], "reference": [%s], "current": [%s]}}]}
                """.formatted(bins, shares, shares)));

        assertThat(count(page, "<g class=\"slot\">")).isEqualTo(25);
        assertThat(page).contains("<title>category number 24</title>category number…</text>",
                "<title>category number 7: reference 4%, current 4%</title>", "rotate(-40.0");
    }

    private static int count(final String text, final String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /** A real drift.json: 20,000 reference and 15,000 current rows, numeric columns tested on sketches. */
    private static JsonNode sample() {
        try (var sample = DriftHtmlTest.class.getResourceAsStream("drift-sample.json")) {
            return JSON.readTree(sample);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(final String json) {
        try {
            return JSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
