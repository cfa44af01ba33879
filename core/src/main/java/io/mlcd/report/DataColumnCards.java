package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One card per column of the batch, in report order, after a card for the dataset's own
 * constraints (row count, primary key) and before a card per schema column the batch lacks: the
 * column's counts, its constraints with outcome, observed and expected values, rows affected and
 * example values, and its histogram or value chart. A card is marked by the worst constraint it
 * holds.
 */
final class DataColumnCards {
    /** Summary fields of a column, in display order: JSON field, block it sits in (null: the column), heading. */
    private static final String[][] FACTS = {
        {"rows", null, "Rows"}, {"completeness", null, "Completeness"}, {"unparseable", null, "Type mismatches"},
        {"min", "numeric", "Min"}, {"max", "numeric", "Max"}, {"mean", "numeric", "Mean"},
        {"stddev", "numeric", "Std"},
    };

    private DataColumnCards() {
    }

    /**
     * A card to draw.
     *
     * @param anchor      the id of the card, for links from the anomaly table
     * @param name        the column, or null for the dataset card
     * @param column      the column's block in the report; missing when the batch lacks the column
     * @param constraints the constraints on it, in schema order
     */
    record Card(String anchor, @CheckForNull String name, JsonNode column, List<JsonNode> constraints) {
    }

    /** The cards of a report, each constraint on exactly one. */
    static List<Card> plan(final JsonNode report) {
        var byColumn = new LinkedHashMap<String, List<JsonNode>>();
        var dataset = new ArrayList<JsonNode>();
        for (JsonNode constraint : report.path("constraints")) {
            var column = constraint.path("column");
            if (column.isTextual()) {
                byColumn.computeIfAbsent(column.textValue(), key -> new ArrayList<>()).add(constraint);
            }
            else {
                dataset.add(constraint);
            }
        }
        var cards = new ArrayList<Card>();
        if (!dataset.isEmpty()) {
            cards.add(new Card("dataset", null, report.path("inputs"), dataset));
        }
        var index = 0;
        for (JsonNode column : report.path("columns")) {
            var name = column.path("name").asText();
            var constraints = byColumn.remove(name);
            cards.add(new Card("column-" + ++index, name, column, constraints == null ? List.of() : constraints));
        }
        for (var missing : byColumn.entrySet()) {
            cards.add(new Card("column-" + ++index, missing.getKey(), MissingNode.getInstance(), missing.getValue()));
        }
        return cards;
    }

    /** Which card each column is on, for links. */
    static Map<String, String> anchors(final List<Card> cards) {
        var anchors = new LinkedHashMap<String, String>();
        for (Card card : cards) {
            if (card.name() != null) {
                anchors.putIfAbsent(card.name(), card.anchor());
            }
        }
        return anchors;
    }

    static void write(final Html page, final List<Card> cards) {
        if (cards.isEmpty()) {
            return;
        }
        var columns = cards.stream().filter(card -> card.name() != null && !card.column().isMissingNode()).count();
        page.open("section", "id", "columns").open("h2").text("Columns")
                .element("span", Format.number(columns) + (columns == 1 ? " column" : " columns")
                        + " · constraints, values and distribution", "class", "tally").close("h2");
        page.open("div", "class", "cards");
        for (Card card : cards) {
            card(page, card);
        }
        page.close("div").close("section");
    }

    private static void card(final Html page, final Card card) {
        var tone = tone(card.constraints());
        page.open("div", "class", tone == null ? "card" : "card " + tone, "id", card.anchor());
        page.open("div", "class", "card-head");
        if (card.name() == null) {
            page.element("strong", "Dataset").element("span", "row count and keys", "class", "muted");
        }
        else {
            page.element("code", ValueText.name(card.name())).element("span", type(card.column()), "class", "muted");
        }
        badge(page, card.constraints(), tone);
        page.close("div");
        facts(page, card);
        ConstraintTable.write(page, card.constraints());
        if (card.name() != null) {
            chart(page, card.name(), card.column());
        }
        page.close("div");
    }

    /** The column's type as the batch read it, and the schema's when they differ. */
    private static String type(final JsonNode column) {
        if (column.isMissingNode()) {
            return "not in the batch";
        }
        var type = Page.text(column.path("type"));
        var schema = Page.text(column.path("schema_type"));
        if (schema == null) {
            return type == null ? "not in the schema" : type + " · not in the schema";
        }
        return type == null || type.equals(schema) ? schema : type + " · schema: " + schema;
    }

    /** bad when a FAIL constraint fell short, warn when only WARN ones did, null when none did. */
    @CheckForNull
    private static String tone(final List<JsonNode> constraints) {
        String tone = null;
        for (JsonNode constraint : constraints) {
            if (!"PASSED".equals(constraint.path("outcome").asText())) {
                var own = GateTable.tone(constraint.path("outcome").asText(), constraint.path("severity").asText());
                tone = "bad".equals(tone) ? tone : own;
            }
        }
        return tone;
    }

    /** E.g. "2 failed · 1 error" in the card's colour, "passed", or "no constraints". */
    private static void badge(final Html page, final List<JsonNode> constraints, @CheckForNull final String tone) {
        if (constraints.isEmpty()) {
            page.element("span", "no constraints", "class", "badge neutral");
            return;
        }
        if (tone == null) {
            page.element("span", constraints.size() == 1 ? "passed" : "all " + constraints.size() + " passed",
                    "class", "badge ok");
            return;
        }
        var failed = constraints.stream().filter(c -> "FAILED".equals(c.path("outcome").asText())).count();
        var errors = constraints.stream().filter(c -> "ERROR".equals(c.path("outcome").asText())).count();
        var other = constraints.stream().filter(c -> !List.of("PASSED", "FAILED", "ERROR")
                .contains(c.path("outcome").asText())).count();
        var parts = new ArrayList<String>();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (errors > 0) {
            parts.add(errors + (errors == 1 ? " error" : " errors"));
        }
        if (other > 0) {
            parts.add(other + " undecided");
        }
        page.element("span", String.join(" · ", parts), "class", "badge " + tone);
    }

    /** Rows, missing values, completeness and type mismatches; numeric summaries; absent facts left out. */
    private static void facts(final Html page, final Card card) {
        var column = card.column();
        if (card.name() == null) {
            page.open("dl", "class", "pairs");
            pair(page, "Rows", Format.number(column.path("rows")));
            page.close("dl");
            return;
        }
        if (column.isMissingNode()) {
            page.element("p", "The schema names this column; the batch has no column of that name.",
                    "class", "muted small");
            return;
        }
        page.open("dl", "class", "pairs");
        for (String[] fact : FACTS) {
            var block = fact[1] == null ? column : column.path(fact[1]);
            if (!block.has(fact[0])) {
                continue;
            }
            pair(page, fact[2], Format.number(block.path(fact[0])));
            if ("rows".equals(fact[0]) && column.has("missing")) {
                var missing = column.path("missing");
                var rows = column.path("rows");
                pair(page, "Missing", missing.isNumber() && rows.isNumber() && rows.doubleValue() > 0
                        ? Format.number(missing) + " (" + ValueText.share(missing.doubleValue() / rows.doubleValue()) + ")"
                        : Format.number(missing));
            }
        }
        page.close("dl");
    }

    private static void pair(final Html page, final String term, final String value) {
        page.open("div").element("dt", term).element("dd", value).close("div");
    }

    private static void chart(final Html page, final String name, final JsonNode column) {
        if (column.isMissingNode()) {
            return;
        }
        var shown = ValueText.name(name);
        if (column.has("numeric")) {
            var svg = ValueCharts.histogram(shown, column.path("numeric"));
            if (svg != null) {
                page.raw(svg);
                return;
            }
        }
        if (column.has("categorical")) {
            var categorical = column.path("categorical");
            var svg = ValueCharts.categories(shown, categorical);
            if (svg != null) {
                page.raw(svg);
                var notes = new ArrayList<String>();
                if (ValueCharts.hasOutside(categorical)) {
                    notes.add("Red bars: values outside the schema's domain.");
                }
                if (categorical.path("exact").isBoolean() && !categorical.path("exact").booleanValue()) {
                    notes.add("The profile kept only the most frequent values; the rest are counted together.");
                }
                if (!notes.isEmpty()) {
                    page.element("p", String.join(" ", notes), "class", "muted small");
                }
                return;
            }
            if (categorical.path("values").isEmpty() && categorical.path("other").asLong(0) > 0) {
                page.element("p", "Too many distinct values to draw.", "class", "muted small");
                return;
            }
        }
        page.element("p", "No distribution was recorded for this column.", "class", "muted small");
    }
}
