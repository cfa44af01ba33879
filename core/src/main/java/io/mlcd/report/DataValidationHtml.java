package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The HTML view of {@code validate-data.json}, in the frame and style of the other reports and
 * read top down in a minute: the verdict and summary, the anomalies, the user gates, the change
 * against earlier records, then one card per column with its constraints and its distribution,
 * and the inputs. Self-contained (inline CSS and SVG, no scripts). Everything from the report is
 * escaped, and text that comes from data or a schema (values, names, patterns, messages) is shown
 * on one line with control characters visible and long text cut with a count of what was left out.
 */
public final class DataValidationHtml {
    /** Earlier points of a history series listed before the list is cut short (the oldest are left out). */
    private static final int EARLIER_SHOWN = 8;

    private DataValidationHtml() {
    }

    public static String of(final JsonNode report) {
        var verdict = report.path("verdict").asText("UNKNOWN");
        var inputs = report.path("inputs");
        var data = ValueText.name(String.join(", ", texts(inputs.path("data"))));
        var schema = Page.text(inputs.path("schema"));
        var page = Page.start("mlcd validate-data: " + verdict + (data.isEmpty() ? "" : " · " + data),
                PageStyle.DATA_CSS);
        Page.masthead(page, verdict, heading(inputs), report.path("summary").asText(""), data,
                schema == null ? null : "schema " + ValueText.name(schema), Format.time(report.path("created_at").asText("")));
        var cards = DataColumnCards.plan(report);
        AnomalyTable.write(page, report, DataColumnCards.anchors(cards));
        notChecked(page, report.path("not_checked"));
        GateTable.write(page, userGates(report), false, "Gates",
                "No gates were given: the verdict rests on the schema's constraints.");
        history(page, report.path("history"));
        DataColumnCards.write(page, cards);
        inputs(page, report);
        return Page.end(page, report);
    }

    /** The skew constraints left out for want of a reference: not passed, not checked. */
    private static void notChecked(final Html page, final JsonNode notChecked) {
        var names = new ArrayList<String>();
        notChecked.forEach(entry -> names.add(ValueText.name(entry.path("name").asText(""))));
        if (!names.isEmpty()) {
            page.element("p", "Not checked, for want of --reference to compare with: " + String.join(", ", names)
                    + ".", "class", "muted");
        }
    }

    /** E.g. "Data validation · production · 20,000 rows". */
    private static String heading(final JsonNode inputs) {
        var heading = new StringBuilder("Data validation");
        var dataset = Page.text(inputs.path("dataset"));
        if (dataset != null && !dataset.isEmpty()) {
            heading.append(" · ").append(ValueText.name(dataset));
        }
        var rows = inputs.path("rows");
        if (rows.isNumber()) {
            heading.append(" · ").append(Format.number(rows)).append(rows.asLong() == 1 ? " row" : " rows");
        }
        return heading.toString();
    }

    /**
     * The gates given with --gate, --warn or --policy, their expression and message on one line
     * (both may quote a column name from the data). Should the report's gates also hold the
     * constraints' own gates, those are left out: the cards show them.
     */
    private static ArrayNode userGates(final JsonNode report) {
        var constraints = new HashSet<String>();
        report.path("constraints").forEach(constraint -> constraints.add(constraint.path("name").asText()));
        var gates = JsonNodeFactory.instance.arrayNode();
        for (JsonNode gate : report.path("gates")) {
            if (gate.isObject() && !constraints.contains(gate.path("expression").asText())) {
                var shown = gate.deepCopy();
                for (String field : new String[] {"expression", "message"}) {
                    if (shown.path(field).isTextual()) {
                        ((ObjectNode) shown).put(field, ValueText.message(shown.path(field).textValue()));
                    }
                }
                gates.add(shown);
            }
        }
        return gates;
    }

    /**
     * Each history series: its earlier points (oldest first), their mean, the current value and
     * the change the gates read. Left out when the report has no history (no --history).
     */
    private static void history(final Html page, final JsonNode history) {
        if (!history.isObject()) {
            return;
        }
        var comparedWith = history.path("compared_with");
        page.open("section", "id", "history").open("h2").text("History");
        page.element("span", comparedWith.isNumber() && comparedWith.asLong() > 0 ? "compared with the last "
                + Format.number(comparedWith) + (comparedWith.asLong() == 1 ? " record" : " records")
                : "no earlier record", "class", "tally").close("h2");
        if (!comparedWith.isNumber() || comparedWith.asLong() == 0) {
            page.element("p", "No earlier record of this dataset in the run: this is the first, so every change is 0.",
                    "class", "muted");
        }
        var series = history.path("series");
        if (!series.isEmpty()) {
            page.open("div", "class", "scroll").open("table", "class", "history").open("thead").open("tr")
                    .element("th", "Series").element("th", "Earlier records (oldest first)")
                    .element("th", "Mean of earlier", "class", "num").element("th", "Current", "class", "num")
                    .element("th", "Change", "class", "num").close("tr").close("thead").open("tbody");
            series.fields().forEachRemaining(entry -> series(page, entry.getKey(), entry.getValue()));
            page.close("tbody").close("table").close("div");
        }
        page.element("p", "Change: |x − m| / m for the row count, |x − m| for a completeness, |x − m| / |m| for a "
                + "mean, where x is the current value and m the mean of the earlier records.", "class", "muted small");
        page.close("section");
    }

    private static void series(final Html page, final String key, final JsonNode point) {
        var earlier = new ArrayList<Double>();
        point.path("earlier").forEach(value -> {
            if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                earlier.add(value.doubleValue());
            }
        });
        page.open("tr").open("td", "class", "what").element("code", ValueText.name(key)).close("td");
        if (earlier.isEmpty()) {
            page.element("td", "no earlier record", "class", "muted");
            page.element("td", Format.MISSING, "class", "num");
        }
        else {
            var shown = earlier.subList(Math.max(0, earlier.size() - EARLIER_SHOWN), earlier.size());
            var text = new StringBuilder(shown.size() < earlier.size() ? "… " : "");
            for (int i = 0; i < shown.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(Format.number(shown.get(i)));
            }
            page.element("td", text.toString());
            page.element("td", Format.number(earlier.stream().mapToDouble(Double::doubleValue).average().orElse(0)),
                    "class", "num");
        }
        page.element("td", Format.number(point.path("current")), "class", "num");
        page.element("td", Format.number(point.path("change")), "class", "num");
        page.close("tr");
    }

    private static void inputs(final Html page, final JsonNode report) {
        var inputs = report.path("inputs");
        page.open("section", "id", "inputs").element("h2", "Inputs").open("dl", "class", "facts");
        var data = texts(inputs.path("data"));
        if (!data.isEmpty()) {
            page.open("div").element("dt", data.size() == 1 ? "Data" : "Data (one batch)").open("dd");
            var separator = "";
            for (String name : data) {
                page.text(separator).element("code", ValueText.name(name));
                separator = ", ";
            }
            page.close("dd").close("div");
        }
        Page.fact(page, "Schema", name(inputs.path("schema")), true);
        Page.fact(page, "Reference", name(inputs.path("reference")), true);
        Page.fact(page, "Dataset", name(inputs.path("dataset")), true);
        Page.fact(page, "Rows", Page.number(inputs.path("rows")), false);
        Page.provenance(page, report);
        page.close("dl").close("section");
    }

    @CheckForNull
    private static String name(final JsonNode node) {
        var text = Page.text(node);
        return text == null ? null : ValueText.name(text);
    }

    /** The texts of an array of scalars (or of one scalar). */
    private static List<String> texts(final JsonNode node) {
        var texts = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(item -> {
                if (Page.text(item) != null) {
                    texts.add(item.asText());
                }
            });
        }
        else if (Page.text(node) != null) {
            texts.add(node.asText());
        }
        return texts;
    }
}
