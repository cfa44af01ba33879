package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One card per column, in report order: the value its test decided on, the reference and current
 * distributions drawn over each other, and both sides' summaries. Drifted cards are marked in red.
 */
final class DriftColumnCards {
    /** Summary fields in display order, with their headings. */
    private static final String[][] SUMMARY = {
        {"count", "Count"}, {"missing", "Missing"}, {"mean", "Mean"}, {"std", "Std"}, {"min", "Min"},
        {"max", "Max"}, {"distinct", "Distinct"},
    };

    private DriftColumnCards() {
    }

    static void write(final Html page, final JsonNode columns) {
        if (columns.isEmpty()) {
            return;
        }
        page.open("section", "id", "distributions").open("h2").text("Distributions")
                .element("span", "reference and current data, one card per column", "class", "tally").close("h2");
        page.open("div", "class", "cards");
        var index = 0;
        for (JsonNode column : columns) {
            card(page, column, ++index);
        }
        page.close("div").close("section");
    }

    private static void card(final Html page, final JsonNode column, final int index) {
        var name = column.path("name").asText();
        var drifted = column.path("drifted").asBoolean(false);
        page.open("div", "class", drifted ? "card drifted" : "card", "id", DriftColumnTable.anchor(index));
        page.open("div", "class", "card-head").element("code", name);
        DriftColumnTable.role(page, column);
        page.element("span", DriftColumnTable.text(column.path("type")), "class", "muted");
        DriftColumnTable.driftBadge(page, column.path("drifted"));
        page.close("div");
        decision(page, column, drifted);
        var distribution = column.path("distribution");
        var chart = DistributionChart.render(name, distribution);
        if (chart == null) {
            page.element("p", "No distribution was recorded for this column.", "class", "muted small");
        }
        else {
            page.raw(chart);
            if (DistributionChart.edges(labels(distribution.path("bins"))) != null) {
                page.element("p", "Bins are the deciles of the reference; hover over a bin for its range and shares.",
                        "class", "muted small");
            }
        }
        sides(page, column.path("reference"), column.path("current"));
        page.close("div");
    }

    /**
     * The value the test decided on, large: the p-value for tests that have one, else the
     * statistic; then the test, the rule and how the statistic was computed.
     */
    private static void decision(final Html page, final JsonNode column, final boolean drifted) {
        var test = column.path("test").asText("");
        var byPValue = column.path("p_value").isNumber() || column.path("rule").asText("").startsWith("p-value");
        var value = byPValue ? Format.pValue(column.path("p_value")) : Format.number(column.path("statistic"));
        var name = DriftColumnTable.testName(test);
        page.open("div", "class", "stat-line")
                .element("span", value, "class", drifted ? "stat-value bad" : "stat-value")
                .element("span", byPValue ? "p-value of the " + name : name, "class", "test")
                .close("div");
        var details = new ArrayList<String>();
        if (byPValue) {
            details.add("statistic " + Format.number(column.path("statistic")));
        }
        details.add("drift when " + DriftColumnTable.rule(column.path("rule")));
        if (column.path("error_bound").isNumber()) {
            details.add("from sketches, error ± " + Format.number(column.path("error_bound")));
        }
        else {
            details.add("exact".equals(column.path("method").asText()) ? "from exact values"
                    : DriftColumnTable.method(column));
        }
        page.element("p", String.join(" · ", details), "class", "muted small");
    }

    /** Both sides' summaries: a row per side, a column per field either side has. */
    private static void sides(final Html page, final JsonNode reference, final JsonNode current) {
        var fields = new ArrayList<String[]>();
        for (String[] field : SUMMARY) {
            if (reference.has(field[0]) || current.has(field[0])) {
                fields.add(field);
            }
        }
        if (fields.isEmpty()) {
            return;
        }
        page.open("table", "class", "sides").open("thead").open("tr").element("th", "");
        for (String[] field : fields) {
            page.element("th", field[1], "class", "num");
        }
        page.close("tr").close("thead").open("tbody");
        side(page, "Reference", reference, fields);
        side(page, "Current", current, fields);
        page.close("tbody").close("table");
    }

    private static void side(final Html page, final String title, final JsonNode side, final List<String[]> fields) {
        page.open("tr").element("th", title);
        for (String[] field : fields) {
            var value = side.path(field[0]);
            if ("missing".equals(field[0]) && value.isNumber() && value.doubleValue() > 0
                    && side.path("count").isNumber()) {
                var all = value.doubleValue() + side.path("count").doubleValue();
                page.element("td", Format.number(value) + " (" + Format.percent(value.doubleValue() / all) + ")",
                        "class", "num");
            }
            else {
                page.element("td", Format.number(value), "class", "num");
            }
        }
        page.close("tr");
    }

    private static List<String> labels(final JsonNode bins) {
        var labels = new ArrayList<String>();
        bins.forEach(bin -> labels.add(bin.asText()));
        return labels;
    }
}
