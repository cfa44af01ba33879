package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The anomalies of a batch in report order (most rows affected first): what kind, on which column
 * (linked to its card), which constraint with its message, its severity, how many rows and what
 * share of the batch, and example values. Below, the constraints that could not be evaluated,
 * which are no anomaly but no pass either.
 */
final class AnomalyTable {
    private AnomalyTable() {
    }

    static void write(final Html page, final JsonNode report, final Map<String, String> anchors) {
        var anomalies = report.path("anomalies");
        var constraints = report.path("constraints");
        var unevaluated = unevaluated(anomalies, constraints);
        page.open("section", "id", "anomalies").open("h2").text("Anomalies")
                .element("span", tally(anomalies, constraints), "class", "tally").close("h2");
        if (anomalies.isEmpty()) {
            page.element("p", constraints.isEmpty() ? "No anomalies: the schema states no constraint."
                    : unevaluated.isEmpty() ? "No anomalies: every constraint held."
                    : "No anomalies among the constraints that could be evaluated.",
                    "class", unevaluated.isEmpty() ? "muted" : null);
        }
        else {
            table(page, anomalies, anchors);
        }
        if (!unevaluated.isEmpty()) {
            page.element("p", unevaluated.size() == 1 ? "Not evaluated (counts as falling short):"
                    : unevaluated.size() + " constraints not evaluated (each counts as falling short):",
                    "class", "message");
            page.open("ul", "class", "unevaluated");
            for (JsonNode constraint : unevaluated) {
                page.open("li").element("code", ValueText.name(constraint.path("name").asText())).text(" — ")
                        .text(ValueText.message(constraint.path("message").asText(""))).close("li");
            }
            page.close("ul");
        }
        page.close("section");
    }

    private static void table(final Html page, final JsonNode anomalies, final Map<String, String> anchors) {
        page.open("div", "class", "scroll").open("table", "class", "anomalies").open("thead").open("tr")
                .element("th", "Anomaly").element("th", "Column").element("th", "Constraint")
                .element("th", "Severity").element("th", "Rows", "class", "num").element("th", "Share", "class", "num")
                .element("th", "Examples").close("tr").close("thead").open("tbody");
        for (JsonNode anomaly : anomalies) {
            var severity = anomaly.path("severity").asText();
            var type = anomaly.path("type").asText();
            page.open("tr", "class", "short " + ("WARN".equals(severity) ? "warn" : "bad"));
            page.open("td").element("span", name(type), "title", ValueText.name(type)).close("td");
            page.open("td", "class", "what");
            var column = anomaly.path("column");
            if (column.isTextual()) {
                var anchor = anchors.get(column.textValue());
                if (anchor != null) {
                    page.open("a", "href", "#" + anchor);
                }
                page.element("code", ValueText.name(column.textValue()));
                if (anchor != null) {
                    page.close("a");
                }
            }
            else {
                page.element("a", "dataset", "href", anchors.containsValue("dataset") ? "#dataset" : null,
                        "class", "muted");
            }
            page.close("td");
            page.open("td", "class", "what").element("code", ValueText.name(anomaly.path("constraint").asText()));
            if (!anomaly.path("message").asText("").isEmpty()) {
                page.element("p", ValueText.message(anomaly.path("message").asText()), "class", "muted small");
            }
            page.close("td");
            page.open("td").element("span", severity, "class", "severity").close("td");
            page.element("td", Format.number(anomaly.path("count")), "class", "num");
            page.element("td", ValueText.share(anomaly.path("share")), "class", "num");
            page.open("td");
            ValueText.examples(page, anomaly.path("examples"));
            page.close("td").close("tr");
        }
        page.close("tbody").close("table").close("div");
    }

    /** The constraints whose outcome is ERROR and that are not already listed as an anomaly. */
    private static List<JsonNode> unevaluated(final JsonNode anomalies, final JsonNode constraints) {
        var listed = new HashSet<String>();
        anomalies.forEach(anomaly -> listed.add(anomaly.path("constraint").asText()));
        var unevaluated = new ArrayList<JsonNode>();
        for (JsonNode constraint : constraints) {
            if ("ERROR".equals(constraint.path("outcome").asText()) && !listed.contains(constraint.path("name").asText())) {
                unevaluated.add(constraint);
            }
        }
        return unevaluated;
    }

    /** E.g. "2 fail · 1 warn · 45 of 48 constraints held". */
    private static String tally(final JsonNode anomalies, final JsonNode constraints) {
        var parts = new ArrayList<String>();
        var fail = 0;
        var warn = 0;
        for (JsonNode anomaly : anomalies) {
            if ("WARN".equals(anomaly.path("severity").asText())) {
                warn++;
            }
            else {
                fail++;
            }
        }
        if (fail > 0) {
            parts.add(fail + " fail");
        }
        if (warn > 0) {
            parts.add(warn + " warn");
        }
        if (!constraints.isEmpty()) {
            var held = 0;
            for (JsonNode constraint : constraints) {
                held += "PASSED".equals(constraint.path("outcome").asText()) ? 1 : 0;
            }
            parts.add(held == constraints.size() ? "all " + held + " constraints held"
                    : held + " of " + constraints.size() + " constraints held");
        }
        return String.join(" · ", parts);
    }

    /** The anomaly type as a reader says it; the id (as in gates and metrics) is in the tooltip. */
    static String name(final String type) {
        return switch (type) {
            case "missing_column" -> "Missing column";
            case "new_column" -> "New column";
            case "type_mismatch" -> "Type mismatch";
            case "low_completeness" -> "Completeness too low";
            case "out_of_domain" -> "Out of domain";
            case "out_of_range" -> "Out of range";
            case "length_out_of_range" -> "Length out of range";
            case "pattern_mismatch" -> "Pattern mismatch";
            case "not_unique" -> "Not unique";
            case "row_count_out_of_range" -> "Row count out of range";
            case "statistic_out_of_range" -> "Statistic out of range";
            case "skew_too_high" -> "Skew too high";
            default -> type.isEmpty() ? Format.MISSING : ValueText.name(type);
        };
    }
}
