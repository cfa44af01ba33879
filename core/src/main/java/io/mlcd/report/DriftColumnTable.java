package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every tested column in report order (drifted first, then by how far past its threshold): the
 * test, its statistic and p-value, the threshold with the rule it is applied by, whether the
 * column drifted, and whether the test ran on exact values or on sketches (with the error bound).
 * Each name links to the column's card.
 */
final class DriftColumnTable {
    private DriftColumnTable() {
    }

    static void write(final Html page, final JsonNode columns) {
        page.open("section", "id", "columns").open("h2").text("Columns");
        page.element("span", tally(columns), "class", "tally").close("h2");
        if (columns.isEmpty()) {
            page.element("p", "No columns were tested.", "class", "muted").close("section");
            return;
        }
        page.open("div", "class", "scroll").open("table", "class", "columns").open("thead").open("tr");
        page.element("th", "Column").element("th", "Type").element("th", "Test")
                .element("th", "Statistic", "class", "num").element("th", "p-value", "class", "num")
                .element("th", "Threshold", "class", "num").element("th", "Drift when")
                .element("th", "Drift").element("th", "Method");
        page.close("tr").close("thead").open("tbody");
        var index = 0;
        for (JsonNode column : columns) {
            index++;
            var drifted = column.path("drifted").asBoolean(false);
            page.open("tr", "class", drifted ? "drifted" : null);
            page.open("td").open("a", "href", "#" + anchor(index)).element("code", column.path("name").asText())
                    .close("a");
            role(page, column);
            page.close("td");
            page.element("td", text(column.path("type")));
            var test = column.path("test").asText("");
            page.open("td").element("span", test.isEmpty() ? Format.MISSING : test, "title", testName(test))
                    .close("td");
            page.element("td", Format.number(column.path("statistic")), "class", "num");
            page.element("td", Format.pValue(column.path("p_value")), "class", "num");
            page.element("td", Format.number(column.path("threshold")), "class", "num");
            page.element("td", rule(column.path("rule")), "class", "rule");
            page.open("td");
            driftBadge(page, column.path("drifted"));
            page.close("td");
            var sketch = "sketch".equals(column.path("method").asText());
            page.element("td", method(column), "class", "method", "title",
                    sketch ? "computed from quantile sketches; ± is the bound on the statistic's error" : null);
            page.close("tr");
        }
        page.close("tbody").close("table").close("div").close("section");
    }

    /** The id of the card of the column at this 1-based position. */
    static String anchor(final int index) {
        return "column-" + index;
    }

    /** A badge for a prediction or target column; nothing for other columns. */
    static void role(final Html page, final JsonNode column) {
        var role = column.path("role");
        if (role.isTextual() && !role.asText().isEmpty()) {
            page.text(" ").element("span", role.asText(), "class", "badge role");
        }
    }

    /** Red "drifted", green "no drift", or grey "—" when the report does not say. */
    static void driftBadge(final Html page, final JsonNode drifted) {
        if (!drifted.isBoolean()) {
            page.element("span", Format.MISSING, "class", "badge neutral");
        }
        else if (drifted.booleanValue()) {
            page.element("span", "drifted", "class", "badge bad");
        }
        else {
            page.element("span", "no drift", "class", "badge ok");
        }
    }

    /** {@code exact}, or {@code sketch ± bound} when the statistic comes from sketches. */
    static String method(final JsonNode column) {
        var method = text(column.path("method"));
        var bound = column.path("error_bound");
        return bound.isNumber() ? method + " ± " + Format.number(bound) : method;
    }

    /** The rule in the report, e.g. {@code p-value <= 0.05}, with typographic comparison signs. */
    static String rule(final JsonNode rule) {
        return rule.isTextual() ? rule.asText().replace(">=", "≥").replace("<=", "≤") : Format.MISSING;
    }

    /** The full name of a drift test, for tooltips and cards; unknown tests keep their id. */
    static String testName(final String test) {
        return switch (test) {
            case "ks" -> "Kolmogorov–Smirnov test";
            case "chisquare" -> "chi-square test";
            case "z" -> "two-proportion z-test";
            case "jensenshannon" -> "Jensen–Shannon distance";
            case "kl_div" -> "Kullback–Leibler divergence";
            case "psi" -> "population stability index";
            case "wasserstein" -> "Wasserstein distance (normalized)";
            case "hellinger" -> "Hellinger distance";
            default -> test;
        };
    }

    /** A scalar's text, or a dash when it is absent or null. */
    static String text(final JsonNode node) {
        var text = Page.text(node);
        return text == null || text.isEmpty() ? Format.MISSING : text;
    }

    private static String tally(final JsonNode columns) {
        var drifted = 0;
        for (JsonNode column : columns) {
            drifted += column.path("drifted").asBoolean(false) ? 1 : 0;
        }
        return columns.isEmpty() ? "" : drifted + " drifted · " + (columns.size() - drifted) + " not drifted";
    }
}
