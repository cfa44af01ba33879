package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Test;

public class DataValidationHtmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void shouldShowVerdictAndSummaryThenAnomaliesGatesHistoryColumnsAndInputs() {
        var page = DataValidationHtml.of(sample());

        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<title>mlcd validate-data: FAILED · batch-2026-12-03.csv, batch-2026-12-04.csv</title>",
                        "<header class=\"masthead bad\"><span class=\"badge verdict\">FAILED</span>",
                        "<h1>Data validation · production · 20,000 rows</h1>",
                        "FAILED: 3 of 12 constraints fell short, 1 of 2 gates fell short",
                        "schema schema.yaml · 2026-12-04 03:20:11 UTC");
        var order = new String[] {"class=\"masthead", "id=\"anomalies\"", "id=\"gates\"", "id=\"history\"",
            "id=\"columns\"", "id=\"inputs\"", "<footer>"};
        for (int i = 1; i < order.length; i++) {
            assertThat(page.indexOf(order[i - 1])).as(order[i]).isNotNegative().isLessThan(page.indexOf(order[i]));
        }
        assertThat(page).contains("<footer>mlcd 1.4.0 · mlcd.validate-data/1</footer>",
                "<dt>Data (one batch)</dt><dd><code>batch-2026-12-03.csv</code>, <code>batch-2026-12-04.csv</code></dd>",
                "<dt>Reference</dt><dd><code>train.profile.json</code></dd>",
                "<dt>Dataset</dt><dd><code>production</code></dd>")
                .doesNotContainIgnoringCase("<script").doesNotContain("http://", "https://", "NaN", "null");
    }

    @Test
    public void shouldListAnomaliesWithRowsSharesExamplesAndALinkToTheColumnCard() {
        var page = DataValidationHtml.of(sample());

        assertThat(page).contains("<span class=\"tally\">2 fail · 1 warn · 9 of 12 constraints held</span>",
                "<tr class=\"short bad\"><td><span title=\"out_of_domain\">Out of domain</span></td>"
                        + "<td class=\"what\"><a href=\"#column-4\"><code>region</code></a></td>"
                        + "<td class=\"what\"><code>domain[region]</code><p class=\"muted small\">1,250 values (6.25%) "
                        + "of region are not in the domain of 4 values</p></td><td><span class=\"severity\">FAIL</span>"
                        + "</td><td class=\"num\">1,250</td><td class=\"num\">6.2%</td>",
                "<li><code>centre</code></li><li><code>Nord</code></li><li><code>centre</code></li>"
                        + "<li><code class=\"none\">(empty)</code></li><li><code>sud </code></li>",
                "<tr class=\"short warn\"><td><span title=\"low_completeness\">Completeness too low</span>",
                // 3 rows of 20,000 are not rounded away
                "<td class=\"num\">3</td><td class=\"num\">0.015%</td>");
        var table = section(page, "anomalies");
        assertThat(table.indexOf("domain[region]")).isLessThan(table.indexOf("completeness[income]"));
        assertThat(table.indexOf("completeness[income]")).isLessThan(table.indexOf("range[age]"));
    }

    @Test
    public void shouldShowOnlyTheUserGatesAndTheHistoryWithItsChanges() {
        var report = (ObjectNode) sample();
        // a report whose gates also hold the constraints' own gates: the cards show those
        report.withArray("gates").addObject().put("expression", "domain[region]").put("metric", "out_of_domain_count")
                .put("severity", "FAIL").put("outcome", "FAILED").put("message", "constraint gate");

        var page = DataValidationHtml.of(report);

        var gates = section(page, "gates");
        assertThat(gates).contains("<code>anomalies == 0</code>", "<code>row_count_change &lt;= 0.5</code>",
                "1 passed · 1 failed").doesNotContain("domain[region]", ">Baseline</th>");
        assertThat(section(page, "history")).contains("compared with the last 3 records",
                "<tr><td class=\"what\"><code>data.production.row_count</code></td><td>21,000, 20,500, 21,500</td>"
                        + "<td class=\"num\">21,000</td><td class=\"num\">20,000</td><td class=\"num\">0.0476</td></tr>",
                "<code>data.production.completeness.income</code></td><td>0.995, 0.997, 0.996</td>"
                        + "<td class=\"num\">0.996</td><td class=\"num\">0.98</td><td class=\"num\">0.016</td>",
                "|x − m| / m for the row count");
    }

    @Test
    public void shouldGiveEveryColumnACardWithItsConstraintsAndAChart() {
        var page = DataValidationHtml.of(sample());

        var columns = section(page, "columns");
        // the dataset's own constraints first, then the batch's columns, then the schema's column the batch lacks
        assertThat(columns).contains("<div class=\"card\" id=\"dataset\"><div class=\"card-head\"><strong>Dataset</strong>",
                "<code>rows in [10000, 30000]</code>", "<code>primary_key[customer_id, day]</code>",
                "<div class=\"card bad\" id=\"column-2\"><div class=\"card-head\"><code>age</code>"
                        + "<span class=\"muted\">numeric</span><span class=\"badge bad\">1 failed</span>",
                "<div class=\"card warn\" id=\"column-3\"><div class=\"card-head\"><code>income</code>",
                "<div class=\"card bad\" id=\"column-4\"><div class=\"card-head\"><code>region</code>",
                "<code>channel</code><span class=\"muted\">categorical · not in the schema</span>"
                        + "<span class=\"badge neutral\">no constraints</span>",
                "<div class=\"card\" id=\"column-6\"><div class=\"card-head\"><code>tenure</code>"
                        + "<span class=\"muted\">not in the batch</span><span class=\"badge ok\">passed</span>",
                "The schema names this column; the batch has no column of that name.");
        // a constraint: outcome, observed with the sketch's bound, expected, rows; severity and inference tagged
        assertThat(columns).contains("<code>quantile[age, 0.5] in [35, 45]</code><span class=\"tag\" "
                        + "title=\"falling short makes the verdict WARNING\">warn</span></td>"
                        + "<td><span class=\"badge ok\">PASSED</span></td><td class=\"num\" title=\"estimated from the "
                        + "profile&#39;s quantile sketch\">40.5 ± 0.0133</td><td class=\"expected\">in [35, 45]</td>"
                        + "<td class=\"num\">—</td></tr>",
                "<tr class=\"lead short bad\"><td class=\"what\"><code>range[age] in [18, 95]</code><span class=\"tag\" "
                        + "title=\"inferred from data by mlcd infer-schema\">inferred</span></td>"
                        + "<td><span class=\"badge bad\">FAILED</span></td><td class=\"num\" title=\"exact\">3</td>"
                        + "<td class=\"expected\">every value in [18, 95]</td><td class=\"num\">3 (0.015%)</td></tr>"
                        + "<tr class=\"detail short bad\"><td colspan=\"5\"><p class=\"message\">3 values (0.015%) of age "
                        + "are outside [18, 95]</p><ul class=\"examples\"><li><code>-1</code></li>",
                "<dt>Missing</dt><dd>400 (2%)</dd>", "<dt>Completeness</dt><dd>0.98</dd>", "<dt>Std</dt><dd>12.2</dd>");
        // charts: a histogram per numeric column, the values of categorical ones with those outside the domain in red
        assertThat(columns).contains("aria-label=\"Histogram of age\"", "aria-label=\"Histogram of income\"",
                "aria-label=\"Values of region\"", "aria-label=\"Values of channel\"",
                ">not in the domain</text>", "<title>centre: 1,000 values (5%) · not in the domain</title>",
                "<title>-1 – 12.1: 1 value (0.005%)</title>", ">-1</text>", ">130</text>",
                "Red bars: values outside the schema&#39;s domain.", "Too many distinct values to draw.");
        assertThat(count(columns, "class=\"bar out\"")).isEqualTo(4 + 1);
        assertThat(count(page, "<svg")).isEqualTo(4);
        assertThat(count(section(page, "anomalies"), "<svg")).isZero();
    }

    @Test
    public void shouldEscapeAndShowHostileTextFromDataAndSchema() {
        var script = "<script>alert(1)</script>";
        var quotes = "\"'><img src=x onerror=alert(1)>";
        var controls = "red\u001b[31m\u0000nul\u202eevil\r\nline";
        var huge = "x".repeat(10_000);
        var regex = "^(?<v>[<>\\\"'&]+)$";
        var report = JSON.createObjectNode().put("verdict", "<b>FAILED</b>").put("summary", script + " & more");
        var inputs = report.putObject("inputs").put("schema", quotes).put("dataset", controls).put("rows", 4);
        inputs.putArray("data").add(script + ".csv");
        var anomaly = report.putArray("anomalies").addObject().put("type", script).put("column", script)
                .put("constraint", "pattern[" + script + "]").put("severity", "FAIL").put("count", 4).put("share", 1.0)
                .put("message", "</td></tr>" + script);
        anomaly.putArray("examples").add(script).add(quotes).add(controls).add(huge).addNull();
        var constraint = report.putArray("constraints").addObject().put("name", "pattern[" + script + "]")
                .put("type", "pattern_mismatch").put("column", script).put("severity", "FAIL").put("outcome", "FAILED")
                .put("observed", 4).put("expected", "matches " + regex).put("count", 4).put("share", 1.0)
                .put("method", "exact").put("inferred", false).put("message", quotes);
        constraint.set("examples", anomaly.path("examples"));
        report.putArray("gates").addObject().put("expression", "completeness[" + script + "] >= 1")
                .put("metric", "completeness[" + script + "]").put("severity", "WARN").put("outcome", "FAILED")
                .put("value", 0.5).put("threshold", 1).put("message", quotes + controls);
        var history = report.putObject("history").put("compared_with", 1).putObject("series")
                .putObject("data.b.mean." + script);
        history.putArray("earlier").add(1.0);
        history.put("current", 2.0).put("change", 1.0);
        var column = report.putArray("columns").addObject().put("name", script).put("type", "categorical")
                .put("schema_type", "categorical").put("rows", 4).put("missing", 0).put("completeness", 1.0);
        var values = column.putObject("categorical").put("other", 0).put("exact", true).putArray("values");
        for (String value : new String[] {script, quotes, controls, huge}) {
            values.addObject().put("value", value).put("count", 1).put("in_domain", false);
        }

        var page = DataValidationHtml.of(report);

        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("<img", "<b>")
                .doesNotContain("\u001b", "\u0000", "\u202e", "\r", "x".repeat(600));
        assertThat(page).contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>",
                "<code>&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;</code>",
                "red\\e[31m\\u0000nul\\u202eevil\\r\\nline",
                "<title>mlcd validate-data: &lt;b&gt;FAILED&lt;/b&gt; · &lt;script&gt;alert(1)&lt;/script&gt;.csv</title>",
                "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more",
                "matches ^(?&lt;v&gt;[&lt;&gt;\\&quot;&#39;&amp;]+)$",
                "&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
                "aria-label=\"Values of &lt;script&gt;alert(1)&lt;/script&gt;\"",
                "<code>completeness[&lt;script&gt;alert(1)&lt;/script&gt;] &gt;= 1</code>",
                "<code>data.b.mean.&lt;script&gt;alert(1)&lt;/script&gt;</code>",
                "<code class=\"none\">(missing)</code>");
        // a 10 kB value is cut visibly, in the chip, its tooltip and the chart
        assertThat(page).contains(">" + "x".repeat(ValueText.SHOWN) + "... [cut 9,940 chars]</code>",
                "title=\"" + "x".repeat(ValueText.TOOLTIP) + "... [cut 9,500 chars]\"",
                "<title>" + "x".repeat(ValueText.TOOLTIP) + "... [cut 9,500 chars]</title>xxxxxxxxxxxxxxx…</text>");
        assertThat(page.length()).isLessThan(60_000);
    }

    @Test
    public void shouldShowUndefinedNumbersAsDashes() {
        var report = read("""
                {"verdict": "FAILED", "inputs": {"data": ["b.csv"], "rows": null},
                 "anomalies": [{"type": "statistic_out_of_range", "column": "x", "constraint": "mean[x] in [0, 1]",
                                "severity": "FAIL", "count": null, "share": null, "examples": [], "message": "m"}],
                 "constraints": [{"name": "mean[x] in [0, 1]", "type": "statistic_out_of_range", "column": "x",
                                  "severity": "FAIL", "outcome": "ERROR", "observed": null, "expected": null,
                                  "count": null, "share": null, "method": "sketch", "error_bound": 0.01,
                                  "examples": [], "inferred": false, "message": "mean[x] is undefined"},
                                 {"name": "stddev[x] <= 2", "type": "statistic_out_of_range", "column": "x",
                                  "severity": "WARN", "outcome": "PASSED", "observed": 1.5, "expected": "<= 2",
                                  "count": null, "share": null, "method": "exact", "examples": [],
                                  "inferred": false, "message": "ok"}],
                 "gates": [],
                 "history": {"compared_with": 1, "series": {"data.batch.mean.x": {"earlier": [null, 2.0],
                             "current": null, "change": null}}},
                 "columns": [{"name": "x", "type": "numeric", "schema_type": "numeric", "rows": 0, "missing": null,
                              "completeness": null, "unparseable": 0,
                              "numeric": {"min": null, "max": null, "mean": null, "stddev": null,
                                          "histogram": {"edges": [], "counts": []}}}]}
                """);
        // NaN cannot be written in JSON, but a document built in memory may hold it
        var constraint = (ObjectNode) report.path("constraints").get(1);
        constraint.put("observed", Double.NaN);
        ((ObjectNode) report.path("columns").get(0).path("numeric")).put("mean", Double.NaN);

        var page = DataValidationHtml.of(report);

        assertThat(page).contains("<h1>Data validation</h1>", "<td class=\"num\" title=\"estimated from the profile&#39;s "
                        + "quantile sketch\">—</td><td class=\"expected\">—</td><td class=\"num\">—</td>",
                "<span class=\"badge bad\">ERROR</span>", "<td class=\"num\" title=\"exact\">—</td>",
                "<td class=\"num\">—</td><td class=\"num\">—</td>", "<dt>Mean</dt><dd>—</dd>",
                "<dt>Completeness</dt><dd>—</dd>", "<dt>Missing</dt><dd>—</dd>",
                "No distribution was recorded for this column.", "<td>2</td><td class=\"num\">2</td>")
                .doesNotContain("NaN", "null", "Infinity", "<svg");
        // the anomaly without a count, and the gate-less verdict
        assertThat(section(page, "anomalies")).contains("<td class=\"num\">—</td><td class=\"num\">—</td>");
        assertThat(section(page, "gates")).contains("No gates were given: the verdict rests on the schema&#39;s constraints.");
    }

    @Test
    public void shouldSayWhenNothingIsWrongOrNothingCouldBeEvaluated() {
        var clean = DataValidationHtml.of(read("""
                {"verdict": "PASSED", "summary": "PASSED: all 1 constraints held", "inputs": {"rows": 1},
                 "anomalies": [],
                 "constraints": [{"name": "rows in [1, 2]", "type": "row_count_out_of_range", "column": null,
                                  "severity": "FAIL", "outcome": "PASSED", "observed": 1, "expected": "in [1, 2]",
                                  "count": null, "share": null, "method": "exact", "examples": [], "inferred": true,
                                  "message": "ok"}],
                 "gates": [], "history": {"compared_with": 0, "series": {"data.batch.row_count": {"earlier": [],
                                                                          "current": 1, "change": 0}}},
                 "columns": []}
                """));
        var unevaluated = DataValidationHtml.of(read("""
                {"verdict": "FAILED", "anomalies": [],
                 "constraints": [{"name": "unique[id]", "type": "not_unique", "column": "id", "severity": "WARN",
                                  "outcome": "ERROR", "observed": null, "expected": "every value distinct",
                                  "message": "needs the data itself: the profile lists only the most frequent values"}],
                 "columns": [{"name": "id", "type": "categorical", "schema_type": "categorical"}]}
                """));
        var bare = DataValidationHtml.of(read("{}"));

        assertThat(clean).contains("class=\"masthead ok\"", "No anomalies: every constraint held.",
                "all 1 constraints held", "<span class=\"tally\">no earlier record</span>",
                "this is the first, so every change is 0.", "<td class=\"muted\">no earlier record</td>",
                "<div class=\"card\" id=\"dataset\">", "<span class=\"badge ok\">passed</span>")
                .doesNotContain("<svg");
        assertThat(unevaluated).contains("No anomalies among the constraints that could be evaluated.",
                "0 of 1 constraints held", "Not evaluated (counts as falling short):",
                "<li><code>unique[id]</code> — needs the data itself: the profile lists only the most frequent values</li>",
                "<div class=\"card warn\" id=\"column-1\">", "<span class=\"badge warn\">1 error</span>");
        assertThat(bare).contains("class=\"masthead neutral\"", ">UNKNOWN</span>",
                "No anomalies: the schema states no constraint.", "No gates were given")
                .doesNotContain("id=\"history\"", "id=\"columns\"").endsWith("</html>\n");
    }

    @Test
    public void shouldDrawManyBinsAndValuesWithinTheChartsLimit() {
        var edges = IntStream.rangeClosed(0, 100).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        var counts = IntStream.range(0, 100).mapToObj(i -> "10").collect(Collectors.joining(", "));
        var values = IntStream.range(0, 40).mapToObj(i -> "{\"value\": \"v" + i + "\", \"count\": 5, \"in_domain\": "
                + (i != 35) + "}").collect(Collectors.joining(", "));
        var page = DataValidationHtml.of(read("""
                {"verdict": "PASSED", "columns": [
                  {"name": "n", "type": "numeric", "numeric": {"histogram": {"edges": [%s], "counts": [%s]}}},
                  {"name": "c", "type": "categorical", "categorical": {"values": [%s], "other": 100, "exact": false}}]}
                """.formatted(edges, counts, values)));

        var numeric = page.substring(page.indexOf("aria-label=\"Histogram of n\""), page.indexOf("aria-label=\"Values of c\""));
        // 100 bins of 1 drawn as 25 bins of 4, every value still counted
        assertThat(count(numeric, "<g class=\"slot\">")).isEqualTo(25);
        assertThat(numeric).contains("<title>0 – 4: 40 values (4%)</title>", "<title>96 – 100: 40 values (4%)</title>");
        var categorical = page.substring(page.indexOf("aria-label=\"Values of c\""));
        assertThat(count(categorical, "<g class=\"slot\">")).isEqualTo(DistributionChart.MAX_BINS);
        // the folded bar holds the 11 values past the 29th and the other values; one of them is outside the domain
        assertThat(categorical).contains("<title>v0: 5 values (1.7%)</title>",
                "<title>(11 more): 155 values (51.7%) · 1 of them not in the domain</title>",
                "The profile kept only the most frequent values; the rest are counted together.")
                .doesNotContain(">v29</text>");
    }

    @Test
    public void shouldLeaveTheOtherReportsStyleUnchanged() {
        var page = DataValidationHtml.of(sample());

        assertThat(page).contains(PageStyle.CSS + PageStyle.DATA_CSS + "</style>");
        assertThat(ValidationHtml.of(read("{}"))).contains(PageStyle.CSS + "</style>").doesNotContain(PageStyle.DATA_CSS);
    }

    /** The text of the section with this id. */
    private static String section(final String page, final String id) {
        var start = page.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static int count(final String text, final String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** A validate-data.json as DATA.md specifies it: 20,000 rows, three anomalies, five columns. */
    private static JsonNode sample() {
        try (var sample = DataValidationHtmlTest.class.getResourceAsStream("validate-data-sample.json")) {
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
