package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

/**
 * The constraints on one column (or on the dataset) in schema order, a row each: name (tagged
 * when it only warns, and when it was inferred), outcome, observed value (with the sketch's error
 * bound), expected, rows affected. A constraint that fell short, or has example values, gets a
 * second row with its message and examples.
 */
final class ConstraintTable {
    private ConstraintTable() {
    }

    static void write(final Html page, final List<JsonNode> constraints) {
        if (constraints.isEmpty()) {
            page.element("p", "The schema states no constraint on this column.", "class", "muted small");
            return;
        }
        page.open("table", "class", "constraints").open("thead").open("tr").element("th", "Constraint")
                .element("th", "Outcome").element("th", "Observed", "class", "num").element("th", "Expected")
                .element("th", "Rows", "class", "num").close("tr").close("thead").open("tbody");
        for (JsonNode constraint : constraints) {
            var outcome = constraint.path("outcome").asText();
            var severity = constraint.path("severity").asText();
            var tone = GateTable.tone(outcome, severity);
            var shortOf = !"ok".equals(tone);
            var examples = constraint.path("examples");
            var detail = shortOf && !constraint.path("message").asText("").isEmpty()
                    || examples.isArray() && !examples.isEmpty();
            var classes = (detail ? "lead " : "") + (shortOf ? "short " + tone : "");
            page.open("tr", "class", classes.isBlank() ? null : classes.strip());
            page.open("td", "class", "what").element("code", ValueText.name(constraint.path("name").asText()));
            if ("WARN".equals(severity)) {
                page.element("span", "warn", "class", "tag", "title", "falling short makes the verdict WARNING");
            }
            if (constraint.path("inferred").asBoolean(false)) {
                page.element("span", "inferred", "class", "tag", "title", "inferred from data by mlcd infer-schema");
            }
            page.close("td");
            page.open("td").element("span", outcome.isEmpty() ? Format.MISSING : outcome, "class", "badge " + tone)
                    .close("td");
            page.element("td", observed(constraint), "class", "num", "title", method(constraint));
            page.element("td", ValueText.message(Page.text(constraint.path("expected")) == null ? Format.MISSING
                    : constraint.path("expected").asText()), "class", "expected");
            page.element("td", ValueText.rows(constraint.path("count"), constraint.path("share")), "class", "num");
            page.close("tr");
            if (detail) {
                page.open("tr", "class", shortOf ? "detail short " + tone : "detail").open("td", "colspan", "5");
                if (shortOf && !constraint.path("message").asText("").isEmpty()) {
                    page.element("p", ValueText.message(constraint.path("message").asText()), "class", "message");
                }
                ValueText.examples(page, examples);
                page.close("td").close("tr");
            }
        }
        page.close("tbody").close("table");
    }

    /** The observed value, with the error bound when it was estimated from a sketch. */
    private static String observed(final JsonNode constraint) {
        var value = Format.number(constraint.path("observed"));
        var bound = constraint.path("error_bound");
        return bound.isNumber() && constraint.path("observed").isNumber() ? value + " ± " + Format.number(bound) : value;
    }

    @CheckForNull
    private static String method(final JsonNode constraint) {
        return switch (constraint.path("method").asText()) {
            case "sketch" -> "estimated from the profile's quantile sketch";
            case "exact" -> "exact";
            default -> null;
        };
    }
}
