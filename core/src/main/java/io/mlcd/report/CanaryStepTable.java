package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Every analysed step in order: weight, window, outcome, both sides' requests, error rate and
 * latency p95, the p-value of the prediction drift test, and below, each gate's outcome and
 * message. A step that did not pass gets tinted rows in the tone of its outcome.
 */
final class CanaryStepTable {
    /** Step, weight, window, outcome, two sides of three metrics, drift p-value. */
    private static final int COLUMNS = 11;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private CanaryStepTable() {
    }

    static void write(final Html page, final JsonNode steps) {
        page.open("section", "id", "steps").open("h2").text("Steps");
        page.element("span", tally(steps), "class", "tally").close("h2");
        if (steps.isEmpty()) {
            page.element("p", "No step was analysed.", "class", "muted").close("section");
            return;
        }
        page.open("div", "class", "scroll").open("table", "class", "steps").open("thead").open("tr");
        page.element("th", "Step", "rowspan", "2").element("th", "Weight", "rowspan", "2", "class", "num")
                .element("th", "Window", "rowspan", "2").element("th", "Outcome", "rowspan", "2");
        for (String metric : new String[] {"Requests", "Error rate", "Latency p95"}) {
            page.element("th", metric, "colspan", "2", "class", "num");
        }
        page.element("th", "Drift p-value", "rowspan", "2", "class", "num", "title",
                "p-value of the Kolmogorov–Smirnov test of canary against baseline predictions");
        page.close("tr").open("tr");
        for (int i = 0; i < 3; i++) {
            page.element("th", "canary", "class", "num").element("th", "baseline", "class", "num");
        }
        page.close("tr").close("thead").open("tbody");
        var index = 0;
        for (JsonNode step : steps) {
            index++;
            row(page, index, step);
        }
        page.close("tbody").close("table").close("div").close("section");
    }

    /** The step's numbers in one row and, when it has gates, their outcomes and messages in a row below. */
    private static void row(final Html page, final int index, final JsonNode step) {
        var outcome = step.path("outcome").asText(Format.MISSING);
        var tone = Page.tone(outcome);
        var tint = "ok".equals(tone) ? "" : "short " + tone;
        var gates = step.path("gates");
        var lead = (tint + (gates.isEmpty() ? "" : " lead")).trim();
        page.open("tr", "class", lead.isEmpty() ? null : lead);
        page.element("td", String.valueOf(index), "class", "num");
        page.element("td", CanaryHtml.weight(step.path("weight")), "class", "num");
        page.element("td", window(step.path("from"), step.path("to")), "class", "window");
        page.open("td").element("span", outcome, "class", "badge " + tone).close("td");
        var canary = step.path("canary");
        var baseline = step.path("baseline");
        page.element("td", Format.number(canary.path("requests")), "class", "num")
                .element("td", Format.number(baseline.path("requests")), "class", "num");
        page.element("td", CanaryHtml.rate(canary.path("error_rate")), "class", "num")
                .element("td", CanaryHtml.rate(baseline.path("error_rate")), "class", "num");
        page.element("td", CanaryHtml.millis(canary.path("latency_p95")), "class", "num")
                .element("td", CanaryHtml.millis(baseline.path("latency_p95")), "class", "num");
        page.element("td", Format.pValue(canary.path("prediction_drift_p_value")), "class", "num");
        page.close("tr");
        if (!gates.isEmpty()) {
            page.open("tr", "class", (tint + " gates-row").trim()).element("td", "")
                    .open("td", "colspan", String.valueOf(COLUMNS - 1));
            gates(page, gates);
            page.close("td").close("tr");
        }
    }

    /** Each gate's outcome and message; the expression is the tooltip. */
    private static void gates(final Html page, final JsonNode gates) {
        page.open("ul", "class", "step-gates");
        for (JsonNode gate : gates) {
            var outcome = gate.path("outcome").asText(Format.MISSING);
            page.open("li", "title", gate.path("expression").asText(""))
                    .element("span", outcome, "class", "badge " + GateTable.tone(outcome,
                            gate.path("severity").asText("")))
                    .text(gate.path("message").asText("")).close("li");
        }
        page.close("ul");
    }

    /** E.g. "2026-05-04 10:00:00 – 10:00:30 UTC (30 s)"; the end's day only when it differs. */
    static String window(final JsonNode from, final JsonNode to) {
        if (!from.isTextual() || !to.isTextual()) {
            return Format.time(from.asText(Format.MISSING)) + " – " + Format.time(to.asText(Format.MISSING));
        }
        try {
            var start = Instant.parse(from.asText());
            var end = Instant.parse(to.asText());
            var sameDay = start.atZone(ZoneOffset.UTC).toLocalDate().equals(end.atZone(ZoneOffset.UTC).toLocalDate());
            var startText = Format.time(from.asText());
            var seconds = Duration.between(start, end).toMillis() / 1000.0;
            return (sameDay ? startText.replace(" UTC", "") + " – " + CLOCK.format(end) + " UTC"
                    : startText + " – " + Format.time(to.asText())) + " (" + CanaryHtml.duration(seconds) + ")";
        }
        catch (DateTimeParseException e) {
            // not an instant: show the text as it is
            return from.asText() + " – " + to.asText();
        }
    }

    /** E.g. "2 passed · 1 inconclusive": how many steps ended in each outcome. */
    private static String tally(final JsonNode steps) {
        var tally = new StringBuilder();
        for (String outcome : new String[] {"PASSED", "WARNING", "INCONCLUSIVE", "FAILED"}) {
            var count = 0;
            for (JsonNode step : steps) {
                count += outcome.equals(step.path("outcome").asText()) ? 1 : 0;
            }
            if (count > 0) {
                tally.append(tally.length() == 0 ? "" : " · ").append(count).append(' ')
                        .append(outcome.toLowerCase(Locale.ROOT));
            }
        }
        return tally.toString();
    }
}
