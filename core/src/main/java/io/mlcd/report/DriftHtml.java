package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Locale;

/**
 * The HTML view of {@code drift.json}, in the frame and style of the validation page: verdict,
 * inputs, the dataset's drift share, the gates, a table of every column's test, and one card per
 * column with its reference and current distributions. Self-contained (inline CSS and SVG, no
 * scripts); every value from the report is escaped.
 */
public final class DriftHtml {
    /** Drifted columns named in the dataset block before the list is cut short. */
    private static final int NAMED = 12;
    /** Up to this many tested columns, the share bar has one segment per column. */
    private static final int SEGMENTS = 60;
    private static final double BAR_WIDTH = 380;
    private static final double BAR_HEIGHT = 14;

    private DriftHtml() {
    }

    public static String of(final JsonNode report) {
        var verdict = report.path("verdict").asText("UNKNOWN");
        var inputs = report.path("inputs");
        var page = Page.start("mlcd drift: " + verdict + " · " + inputs.path("current").asText(""));
        Page.masthead(page, verdict, heading(report), report.path("summary").asText(""),
                inputs.path("current").asText(""), Format.time(report.path("created_at").asText("")));
        inputs(page, report);
        dataset(page, report);
        GateTable.write(page, report.path("gates"), false);
        DriftColumnTable.write(page, report.path("columns"));
        DriftColumnCards.write(page, report.path("columns"));
        return Page.end(page, report);
    }

    private static String heading(final JsonNode report) {
        var tested = report.path("tested_columns");
        if (!tested.isNumber()) {
            return "Data drift";
        }
        return "Data drift · " + Format.number(tested) + (tested.asLong() == 1 ? " column" : " columns");
    }

    private static void inputs(final Html page, final JsonNode report) {
        var inputs = report.path("inputs");
        page.open("section", "id", "inputs").element("h2", "Inputs").open("dl", "class", "facts");
        Page.fact(page, "Reference", Page.text(inputs.path("reference")), true);
        Page.fact(page, "Current", Page.text(inputs.path("current")), true);
        Page.fact(page, "Reference rows", Page.number(inputs.path("reference_rows")), false);
        Page.fact(page, "Current rows", Page.number(inputs.path("current_rows")), false);
        Page.fact(page, "Prediction column", role(report.path("columns"), "prediction"), true);
        Page.fact(page, "Target column", role(report.path("columns"), "target"), true);
        Page.provenance(page, report);
        page.close("dl").close("section");
    }

    /** The name of the column with this role, or null. */
    @CheckForNull
    private static String role(final JsonNode columns, final String role) {
        for (JsonNode column : columns) {
            if (role.equals(column.path("role").asText())) {
                return column.path("name").asText();
            }
        }
        return null;
    }

    /** The drift share as a big number, the drifted and tested columns, and a bar of the two. */
    private static void dataset(final Html page, final JsonNode report) {
        var share = report.path("drift_share");
        var drifted = report.path("drifted_columns");
        var tested = report.path("tested_columns");
        var gate = shareGate(report.path("gates"));
        page.open("section", "id", "dataset").open("h2").text("Dataset drift");
        if (drifted.isNumber() && tested.isNumber()) {
            page.element("span", Format.number(drifted) + " of " + Format.number(tested) + " columns drifted",
                    "class", "tally");
        }
        page.close("h2").open("div", "class", "dataset");
        var tone = gate != null ? GateTable.tone(gate.path("outcome").asText(), gate.path("severity").asText())
                : drifted.isNumber() && drifted.asLong() == 0 ? "ok" : null;
        page.open("div").element("div", share.isNumber() ? Format.percent(share.doubleValue()) : Format.MISSING,
                "class", tone == null ? "big-number" : "big-number " + tone)
                .element("div", "drift share", "class", "caption").close("div");
        page.open("div");
        if (drifted.isNumber() && tested.isNumber() && tested.asLong() > 0) {
            page.raw(bar(drifted.asLong(), tested.asLong(), gate));
        }
        var caption = counts(drifted, tested);
        if (gate != null) {
            caption += " · gate " + gate.path("expression").asText() + " "
                    + gate.path("outcome").asText().toLowerCase(Locale.ROOT);
        }
        page.element("div", caption, "class", "caption");
        page.close("div");
        driftedNames(page, report.path("columns"));
        page.close("div").close("section");
    }

    private static String counts(final JsonNode drifted, final JsonNode tested) {
        if (!drifted.isNumber() || !tested.isNumber()) {
            return "drifted columns " + Format.number(drifted) + " of " + Format.number(tested) + " tested";
        }
        var stable = tested.asLong() - drifted.asLong();
        return Format.number(drifted) + " drifted · " + Format.number(stable) + " not drifted · "
                + Format.number(tested) + " tested";
    }

    /** The first gate on the drift share with a threshold, or null. */
    @CheckForNull
    private static JsonNode shareGate(final JsonNode gates) {
        for (JsonNode gate : gates) {
            if ("drift_share".equals(gate.path("metric").asText()) && gate.path("threshold").isNumber()) {
                return gate;
            }
        }
        return null;
    }

    /**
     * The tested columns as a bar, drifted in red from the left: one segment per column while they
     * are few enough to count, else one continuous bar. A gate on the drift share marks its threshold.
     */
    private static String bar(final long drifted, final long tested, @CheckForNull final JsonNode gate) {
        var top = gate == null ? 2.0 : 14.0;
        var svg = Svg.open(new Html(), BAR_WIDTH + 2, top + BAR_HEIGHT + 6, Format.number(drifted) + " of "
                + Format.number(tested) + " columns drifted");
        var shown = Math.max(0, Math.min(drifted, tested));
        if (tested <= SEGMENTS) {
            var gap = tested > 1 ? 2.0 : 0.0;
            var width = (BAR_WIDTH - gap * (tested - 1)) / tested;
            for (long i = 0; i < tested; i++) {
                svg.empty("rect", "class", i < shown ? "segment drifted" : "segment stable",
                        "x", Svg.px(1 + i * (width + gap)), "y", Svg.px(top), "width", Svg.px(width),
                        "height", Svg.px(BAR_HEIGHT), "rx", "2");
            }
        }
        else {
            svg.empty("rect", "class", "segment stable", "x", "1", "y", Svg.px(top), "width", Svg.px(BAR_WIDTH),
                    "height", Svg.px(BAR_HEIGHT), "rx", "2");
            svg.empty("rect", "class", "segment drifted", "x", "1", "y", Svg.px(top),
                    "width", Svg.px(BAR_WIDTH * shown / tested), "height", Svg.px(BAR_HEIGHT), "rx", "2");
        }
        if (gate != null) {
            var threshold = Math.max(0, Math.min(1, gate.path("threshold").doubleValue()));
            var x = Svg.px(1 + threshold * BAR_WIDTH);
            svg.open("g").element("title", gate.path("expression").asText());
            svg.empty("line", "class", "gate-mark", "x1", x, "y1", Svg.px(top - 3), "x2", x,
                    "y2", Svg.px(top + BAR_HEIGHT + 3));
            svg.element("text", "gate " + Format.number(gate.path("threshold")), "class", "tick", "x", x, "y", "9",
                    "text-anchor", threshold > 0.85 ? "end" : threshold < 0.15 ? "start" : "middle");
            svg.close("g");
        }
        return svg.close("svg").toString();
    }

    /** The drifted columns by name, in report order, cut short after {@link #NAMED}. */
    private static void driftedNames(final Html page, final JsonNode columns) {
        var names = new ArrayList<String>();
        for (JsonNode column : columns) {
            if (column.path("drifted").asBoolean(false)) {
                names.add(column.path("name").asText());
            }
        }
        if (names.isEmpty()) {
            if (!columns.isEmpty()) {
                page.element("div", "No column drifted.", "class", "caption");
            }
            return;
        }
        page.open("div").element("div", "Drifted columns", "class", "caption").open("ul", "class", "chips");
        for (int i = 0; i < Math.min(NAMED, names.size()); i++) {
            page.open("li").element("code", names.get(i)).close("li");
        }
        if (names.size() > NAMED) {
            page.element("li", "and " + (names.size() - NAMED) + " more", "class", "more");
        }
        page.close("ul").close("div");
    }
}
