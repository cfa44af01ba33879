package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The gates as a table in policy order. A gate that fell short gets a tinted row and a badge in
 * the colour of what it did to the verdict: red for a FAIL gate, amber for a WARN gate (an ERROR
 * counts as falling short, so it takes the same colour). An INCONCLUSIVE gate (the evidence
 * decides neither way) is violet whatever its severity, so it never reads as a plain pass or fail.
 */
final class GateTable {
    private GateTable() {
    }

    static void write(final Html page, final JsonNode gates) {
        write(page, gates, true);
    }

    /**
     * @param baseline whether to show the baseline column; reports without a baseline (drift)
     *     leave it out unless a gate carries one
     */
    static void write(final Html page, final JsonNode gates, final boolean baseline) {
        write(page, gates, baseline, "Gates", "No gates were given, so nothing could fail.");
    }

    /**
     * @param heading what the section is called
     * @param none    the sentence shown when there are no gates
     */
    static void write(final Html page, final JsonNode gates, final boolean baseline, final String heading,
            final String none) {
        var baselineColumn = baseline || hasBaseline(gates);
        var valueColumns = hasValues(gates);
        page.open("section", "id", "gates").open("h2").text(heading);
        page.element("span", tally(gates), "class", "tally").close("h2");
        if (gates.isEmpty()) {
            page.element("p", none, "class", "muted").close("section");
            return;
        }
        page.open("table", "class", "gates").open("thead").open("tr");
        page.element("th", "Gate").element("th", "Severity").element("th", "Outcome");
        if (valueColumns) {
            page.element("th", "Value", "class", "num").element("th", "Threshold", "class", "num");
        }
        if (baselineColumn) {
            page.element("th", "Baseline", "class", "num");
        }
        page.element("th", "Message").close("tr").close("thead").open("tbody");
        for (JsonNode gate : gates) {
            var outcome = gate.path("outcome").asText();
            var severity = gate.path("severity").asText();
            var tone = tone(outcome, severity);
            page.open("tr", "class", "ok".equals(tone) ? null : "short " + tone);
            page.open("td").element("code", gate.path("expression").asText()).close("td");
            page.open("td").element("span", severity, "class", "severity").close("td");
            page.open("td").element("span", outcome, "class", "badge " + tone).close("td");
            if (valueColumns) {
                page.element("td", Format.number(gate.path("value")), "class", "num");
                page.element("td", Format.number(gate.path("threshold")), "class", "num");
            }
            if (baselineColumn) {
                page.element("td", Format.number(gate.path("baseline")), "class", "num");
            }
            page.element("td", gate.path("message").asText(), "class", "message");
            page.close("tr");
        }
        page.close("tbody").close("table").close("section");
    }

    private static boolean hasBaseline(final JsonNode gates) {
        for (JsonNode gate : gates) {
            if (gate.path("baseline").isNumber()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the gates carry a value and threshold (validation and drift gates do, even when null;
     * a canary's recorded gates only have their message).
     */
    private static boolean hasValues(final JsonNode gates) {
        for (JsonNode gate : gates) {
            if (gate.has("value") || gate.has("threshold")) {
                return true;
            }
        }
        return false;
    }

    /** How a gate's outcome counts towards the verdict, as a CSS class: ok, unsure, warn or bad. */
    static String tone(final String outcome, final String severity) {
        if ("PASSED".equals(outcome)) {
            return "ok";
        }
        if ("INCONCLUSIVE".equals(outcome)) {
            return "unsure";
        }
        return "WARN".equals(severity) ? "warn" : "bad";
    }

    /** E.g. "5 passed · 1 failed": how many gates ended in each outcome, in a fixed order. */
    private static String tally(final JsonNode gates) {
        var tally = new StringBuilder();
        for (String outcome : new String[] {"PASSED", "INCONCLUSIVE", "FAILED", "ERROR"}) {
            var count = 0;
            for (JsonNode gate : gates) {
                count += outcome.equals(gate.path("outcome").asText()) ? 1 : 0;
            }
            if (count > 0) {
                tally.append(tally.length() == 0 ? "" : " · ").append(count).append(' ')
                        .append(outcome.toLowerCase(Locale.ROOT));
            }
        }
        return tally.toString();
    }
}
