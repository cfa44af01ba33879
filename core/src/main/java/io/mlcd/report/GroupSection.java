package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;

/** Per-group results for each group column: the rate bars, then the numbers behind them. */
final class GroupSection {
    /** JSON field and column header of the table, after the group value. */
    private static final String[][] COLUMNS = {
        {"count", "Count"},
        {"positives", "Positives"},
        {"selection_rate", "Selection rate"},
        {"accuracy", "Accuracy"},
        {"precision", "Precision"},
        {"recall", "Recall"},
        {"true_positive_rate", "TPR"},
        {"false_positive_rate", "FPR"},
    };

    private GroupSection() {
    }

    static void write(final Html page, final JsonNode groups) {
        if (!groups.isObject() || groups.isEmpty()) {
            return;
        }
        page.open("section", "id", "groups").element("h2", "Groups");
        groups.fields().forEachRemaining(column -> {
            page.open("div", "class", "group").open("h3").text("By ").element("code", column.getKey()).close("h3");
            page.open("figure").raw(GroupBars.render(column.getKey(), column.getValue())).close("figure");
            table(page, column.getValue());
            page.close("div");
        });
        page.close("section");
    }

    private static void table(final Html page, final JsonNode rows) {
        page.open("table", "class", "groups").open("thead").open("tr").element("th", "Group");
        for (String[] column : COLUMNS) {
            page.element("th", column[1], "class", "num");
        }
        page.close("tr").close("thead").open("tbody");
        for (JsonNode row : rows) {
            page.open("tr").open("td").element("code", row.path("group").asText()).close("td");
            for (String[] column : COLUMNS) {
                page.element("td", Format.number(row.path(column[0])), "class", "num");
            }
            page.close("tr");
        }
        page.close("tbody").close("table");
    }
}
