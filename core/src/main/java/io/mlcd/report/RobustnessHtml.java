package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The HTML view of {@code robustness.json}: verdict and inputs, the gates, the columns by
 * sensitivity (most fragile first) with a bar of each one's largest flip rate, every perturbation
 * with its flip rate and changes and their 95% intervals drawn as small bars with whiskers, and the
 * weak segments. Self-contained (inline CSS and SVG, no scripts); every value from the report is
 * escaped.
 */
public final class RobustnessHtml {
    private static final double CHART_WIDTH = 140;
    private static final double CHART_HEIGHT = 14;

    private RobustnessHtml() {
    }

    public static String of(final JsonNode report) {
        var verdict = report.path("verdict").asText("UNKNOWN");
        var inputs = report.path("inputs");
        var page = Page.start("mlcd robustness: " + verdict + " · " + inputs.path("data").asText(""));
        Page.masthead(page, verdict, heading(report), report.path("summary").asText(""),
                inputs.path("model").asText(""), Format.time(report.path("created_at").asText("")));
        inputs(page, report);
        GateTable.write(page, report.path("gates"), false);
        columns(page, report);
        perturbations(page, report);
        segments(page, report.path("weak_segments"));
        notes(page, report.path("notes"));
        return Page.end(page, report);
    }

    private static String heading(final JsonNode report) {
        var count = report.path("perturbations").size();
        return "Robustness · " + count + (count == 1 ? " perturbation" : " perturbations") + " · "
                + report.path("inputs").path("task").asText("");
    }

    private static void inputs(final Html page, final JsonNode report) {
        var inputs = report.path("inputs");
        page.open("section", "id", "inputs").element("h2", "Inputs").open("dl", "class", "facts");
        Page.fact(page, "Data", Page.text(inputs.path("data")), true);
        Page.fact(page, "Training profile", Page.text(inputs.path("profile")), true);
        Page.fact(page, "Model", Page.text(inputs.path("model")), true);
        Page.fact(page, "Label column", Page.text(inputs.path("label")), true);
        Page.fact(page, "Rows", Page.number(inputs.path("rows")), false);
        Page.fact(page, "Task", Page.text(inputs.path("task")), false);
        Page.fact(page, "Seed", Page.text(inputs.path("seed")), false);
        if (!"regression".equals(inputs.path("task").asText())) {
            Page.fact(page, "Decision threshold", Page.number(inputs.path("decision_threshold")), false);
        }
        var original = report.path("original_metrics");
        original.fieldNames().forEachRemaining(name -> Page.fact(page, name + " (unperturbed)",
                Format.number(original.path(name)), false));
        Page.provenance(page, report);
        page.close("dl").close("section");
    }

    /** The columns, most fragile first, with the bar of their largest flip rate. */
    private static void columns(final Html page, final JsonNode report) {
        var columns = report.path("columns");
        var classification = !"regression".equals(report.path("inputs").path("task").asText());
        page.open("section", "id", "columns").open("h2").text("Sensitivity by column");
        page.element("span", "most fragile first", "class", "tally").close("h2");
        if (columns.isEmpty()) {
            page.element("p", "No perturbation changed a single column.", "class", "muted").close("section");
            return;
        }
        var scale = 0.0;
        for (JsonNode column : columns) {
            scale = Math.max(scale, column.path(classification ? "max_flip_rate" : "max_mean_abs_change").asDouble(0));
        }
        page.open("div", "class", "scroll").open("table", "class", "columns").open("thead").open("tr");
        page.element("th", "Column").element("th", "Most harmful perturbation");
        if (classification) {
            page.element("th", "Largest flip rate", "class", "num").element("th", "");
        }
        page.element("th", "Largest mean |change|", "class", "num");
        if (!classification) {
            page.element("th", "");
        }
        page.element("th", "Bounds");
        page.close("tr").close("thead").open("tbody");
        for (JsonNode column : columns) {
            page.open("tr").open("td").element("code", column.path("name").asText()).close("td");
            page.open("td").element("code", column.path("worst").asText()).close("td");
            var key = classification ? "max_flip_rate" : "max_mean_abs_change";
            if (classification) {
                page.element("td", percent(column.path("max_flip_rate")), "class", "num");
            }
            else {
                page.element("td", Format.number(column.path("max_mean_abs_change")), "class", "num");
            }
            page.open("td").raw(bar(column.path(key).asDouble(Double.NaN), Double.NaN, Double.NaN, scale,
                    column.path("name").asText() + ": " + key + " " + Format.number(column.path(key)))).close("td");
            if (classification) {
                page.element("td", Format.number(column.path("max_mean_abs_change")), "class", "num");
            }
            page.element("td", bounds(column.path("bounds")), "class", "muted small");
            page.close("tr");
        }
        page.close("tbody").close("table").close("div").close("section");
    }

    private static String bounds(final JsonNode bounds) {
        if (bounds.isMissingNode()) {
            return Format.MISSING;
        }
        var source = "from " + bounds.path("source").asText("");
        if (bounds.path("numeric").asBoolean(false) && !"none".equals(bounds.path("spread_by").asText())) {
            return "p1 " + Format.number(bounds.path("p1")) + " · p99 " + Format.number(bounds.path("p99")) + " · "
                    + bounds.path("spread_by").asText("").toUpperCase(java.util.Locale.ROOT) + " "
                    + Format.number(bounds.path("spread")) + " · " + source;
        }
        var frequent = bounds.path("frequent_values");
        return frequent.isEmpty() ? source : frequent.size() + " frequent values · " + source;
    }

    /** Every perturbation, most harmful first, with its measures and their intervals. */
    private static void perturbations(final Html page, final JsonNode report) {
        var list = new ArrayList<JsonNode>();
        report.path("perturbations").forEach(list::add);
        var classification = !"regression".equals(report.path("inputs").path("task").asText());
        list.sort(Comparator.<JsonNode>comparingDouble(p -> -p.path("flip_rate").path("value").asDouble(0))
                .thenComparingDouble(p -> -p.path("mean_abs_change").path("value").asDouble(0)));
        var changes = new ArrayList<String>();
        for (JsonNode perturbation : list) {
            perturbation.path("metric_changes").fieldNames().forEachRemaining(name -> {
                if (!changes.contains(name)) {
                    changes.add(name);
                }
            });
        }
        var flipScale = scale(list, "flip_rate");
        var changeScale = scale(list, "mean_abs_change");
        page.open("section", "id", "perturbations").open("h2").text("Perturbations");
        page.element("span", "most harmful first; bars show the 95% interval", "class", "tally").close("h2");
        page.open("div", "class", "scroll").open("table", "class", "columns").open("thead").open("tr");
        page.element("th", "Perturbation").element("th", "Changed rows", "class", "num");
        if (classification) {
            page.element("th", "Flip rate", "class", "num").element("th", "");
        }
        page.element("th", "Mean |change|", "class", "num").element("th", "");
        page.element("th", "Mean relative change", "class", "num");
        changes.forEach(name -> page.element("th", name, "class", "num"));
        page.close("tr").close("thead").open("tbody");
        for (JsonNode perturbation : list) {
            var id = perturbation.path("id").asText();
            page.open("tr").open("td").open("code", "title", perturbation.path("description").asText()).text(id)
                    .close("code").close("td");
            page.element("td", Format.number(perturbation.path("changed_rows")) + " of "
                    + Format.number(perturbation.path("rows")), "class", "num");
            if (classification) {
                var flip = perturbation.path("flip_rate");
                page.element("td", percent(flip.path("value")) + " " + interval(flip, true), "class", "num");
                page.open("td").raw(chart(flip, flipScale, id + ": flip rate")).close("td");
            }
            var change = perturbation.path("mean_abs_change");
            page.element("td", Format.number(change.path("value")) + " " + interval(change, false), "class", "num");
            page.open("td").raw(chart(change, changeScale, id + ": mean absolute change")).close("td");
            page.element("td", Format.number(perturbation.path("mean_rel_change").path("value")), "class", "num");
            for (String name : changes) {
                var value = perturbation.path("metric_changes").path(name);
                page.element("td", Format.signed(value.path("value")) + " " + interval(value, false), "class", "num");
            }
            page.close("tr");
        }
        page.close("tbody").close("table").close("div").close("section");
    }

    private static double scale(final List<JsonNode> perturbations, final String measure) {
        var scale = 0.0;
        for (JsonNode perturbation : perturbations) {
            var node = perturbation.path(measure);
            scale = Math.max(scale, Math.max(node.path("upper").asDouble(0), node.path("value").asDouble(0)));
        }
        return scale;
    }

    private static String interval(final JsonNode estimate, final boolean percent) {
        if (!estimate.path("lower").isNumber() || !estimate.path("upper").isNumber()) {
            return "";
        }
        return percent ? "[" + percent(estimate.path("lower")) + ", " + percent(estimate.path("upper")) + "]"
                : "[" + Format.number(estimate.path("lower")) + ", " + Format.number(estimate.path("upper")) + "]";
    }

    private static String percent(final JsonNode share) {
        return share.isNumber() ? Format.percent(share.doubleValue()) : Format.MISSING;
    }

    private static String chart(final JsonNode estimate, final double scale, final String label) {
        return bar(estimate.path("value").asDouble(Double.NaN), estimate.path("lower").asDouble(Double.NaN),
                estimate.path("upper").asDouble(Double.NaN), scale, label + " " + Format.number(estimate.path("value"))
                        + " " + interval(estimate, false));
    }

    /** A bar from 0 to the value on a common scale, with the interval as a whisker when there is one. */
    private static String bar(final double value, final double lower, final double upper, final double scale,
            final String label) {
        var svg = Svg.open(new Html(), CHART_WIDTH, CHART_HEIGHT, label);
        svg.element("title", label);
        svg.empty("line", "class", "zero", "x1", "0.5", "y1", "1", "x2", "0.5", "y2", Svg.px(CHART_HEIGHT - 1));
        if (Double.isFinite(value) && scale > 0) {
            svg.empty("rect", "class", "bar s0", "x", "1", "y", "3", "width", Svg.px(x(value, scale) - 1),
                    "height", Svg.px(CHART_HEIGHT - 6));
        }
        if (Double.isFinite(lower) && Double.isFinite(upper) && scale > 0) {
            var middle = Svg.px(CHART_HEIGHT / 2);
            svg.empty("line", "class", "ci", "x1", Svg.px(x(lower, scale)), "y1", middle, "x2", Svg.px(x(upper, scale)),
                    "y2", middle);
            svg.empty("line", "class", "ci", "x1", Svg.px(x(upper, scale)), "y1", "2", "x2", Svg.px(x(upper, scale)),
                    "y2", Svg.px(CHART_HEIGHT - 2));
        }
        return svg.close("svg").toString();
    }

    private static double x(final double value, final double scale) {
        return 1 + Math.max(0, Math.min(1, value / scale)) * (CHART_WIDTH - 3);
    }

    private static void segments(final Html page, final JsonNode found) {
        page.open("section", "id", "segments").open("h2").text("Weak segments");
        page.element("span", Format.number(found.path("significant")) + " significant of "
                + Format.number(found.path("tested")) + " slices tested", "class", "tally").close("h2");
        page.element("p", "Slices of one or two columns whose rows react more to the perturbations than the other "
                + "rows (one-sided Mann-Whitney test of per-row sensitivity; Benjamini-Hochberg at a false discovery "
                + "rate of " + Format.number(found.path("false_discovery_rate")) + "; slices of at least "
                + Format.number(found.path("min_rows")) + " rows).", "class", "muted small");
        var segments = found.path("segments");
        if (segments.isEmpty()) {
            page.element("p", "No slice was tested.", "class", "muted").close("section");
            return;
        }
        page.open("div", "class", "scroll").open("table", "class", "columns").open("thead").open("tr");
        page.element("th", "Slice").element("th", "Rows", "class", "num")
                .element("th", "Sensitivity in slice", "class", "num").element("th", "Elsewhere", "class", "num")
                .element("th", "p-value", "class", "num").element("th", "Adjusted p", "class", "num")
                .element("th", "");
        page.close("tr").close("thead").open("tbody");
        for (JsonNode segment : segments) {
            var significant = segment.path("significant").asBoolean(false);
            page.open("tr").open("td").element("code", segment.path("description").asText()).close("td");
            page.element("td", Format.number(segment.path("rows")), "class", "num");
            page.element("td", Format.number(segment.path("sensitivity")), "class", "num");
            page.element("td", Format.number(segment.path("other_sensitivity")), "class", "num");
            page.element("td", Format.pValue(segment.path("p_value")), "class", "num");
            page.element("td", Format.pValue(segment.path("adjusted_p_value")), "class", "num");
            page.open("td").element("span", significant ? "weak" : "not significant", "class",
                    significant ? "badge bad" : "badge neutral").close("td");
            page.close("tr");
        }
        page.close("tbody").close("table").close("div").close("section");
    }

    private static void notes(final Html page, final JsonNode notes) {
        if (notes.isEmpty()) {
            return;
        }
        page.open("section", "class", "notes").element("h3", "Notes").open("ul");
        notes.forEach(note -> page.element("li", note.asText()));
        page.close("ul").close("section");
    }
}
