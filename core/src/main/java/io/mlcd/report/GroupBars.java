package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Per-group bars for one group column: selection rate, true positive rate and false positive rate
 * of each group value side by side, the three rates behind demographic parity and equalized odds.
 */
final class GroupBars {
    /** JSON field and legend text of each bar, in drawing order. */
    private static final String[][] SERIES = {
        {"selection_rate", "Selection rate"},
        {"true_positive_rate", "True positive rate"},
        {"false_positive_rate", "False positive rate"},
    };
    private static final int MAX_LABEL = 18;
    private static final double PLOT = 380;
    private static final double BAR = 12;
    private static final double GAP = 2;
    private static final double BLOCK_GAP = 14;
    private static final double LEGEND = 30;
    private static final double AXIS = 26;
    private static final double RIGHT = 56;

    private GroupBars() {
    }

    /** @param rows the group rows of one column, as in the report's {@code groups} */
    static String render(final String column, final JsonNode rows) {
        var labelWidth = 0;
        for (JsonNode row : rows) {
            labelWidth = Math.max(labelWidth, Svg.shorten(row.path("group").asText(), MAX_LABEL).length());
        }
        var left = labelWidth * 7.0 + 16;
        var block = SERIES.length * (BAR + GAP) - GAP + BLOCK_GAP;
        var bottom = LEGEND + rows.size() * block;
        var svg = Svg.open(new Html(), left + PLOT + RIGHT, bottom + AXIS, "Rates per group of " + column);
        legend(svg, left);
        for (double tick : Svg.UNIT_TICKS) {
            var x = Svg.px(left + tick * PLOT);
            svg.empty("line", "class", "grid", "x1", x, "y1", Svg.px(LEGEND - 4), "x2", x, "y2", Svg.px(bottom));
            svg.element("text", Format.number(tick), "class", "tick", "x", x, "y", Svg.px(bottom + 16),
                    "text-anchor", "middle");
        }
        var top = LEGEND;
        for (JsonNode row : rows) {
            var group = row.path("group").asText();
            svg.open("text", "class", "tick", "x", Svg.px(left - 8), "y", Svg.px(top + (block - BLOCK_GAP) / 2),
                    "text-anchor", "end", "dominant-baseline", "central")
                    .element("title", group).text(Svg.shorten(group, MAX_LABEL)).close("text");
            for (int s = 0; s < SERIES.length; s++) {
                var y = top + s * (BAR + GAP);
                var value = row.path(SERIES[s][0]);
                var width = value.isNumber() ? Math.max(0, Math.min(1, value.doubleValue())) * PLOT : 0;
                svg.open("g").element("title", group + ": " + SERIES[s][1].toLowerCase(Locale.ROOT) + " "
                        + Format.number(value));
                svg.empty("rect", "class", "bar s" + s, "x", Svg.px(left), "y", Svg.px(y), "width", Svg.px(width),
                        "height", Svg.px(BAR));
                svg.element("text", Format.number(value), "class", "value", "x", Svg.px(left + width + 4),
                        "y", Svg.px(y + BAR / 2), "dominant-baseline", "central");
                svg.close("g");
            }
            top += block;
        }
        svg.empty("line", "class", "axis", "x1", Svg.px(left), "y1", Svg.px(LEGEND - 4), "x2", Svg.px(left),
                "y2", Svg.px(bottom));
        return svg.close("svg").toString();
    }

    private static void legend(final Html svg, final double left) {
        var x = left;
        for (int s = 0; s < SERIES.length; s++) {
            svg.empty("rect", "class", "bar s" + s, "x", Svg.px(x), "y", "6", "width", "12", "height", "12",
                    "rx", "2");
            svg.element("text", SERIES[s][1], "class", "legend", "x", Svg.px(x + 18), "y", "12",
                    "dominant-baseline", "central");
            x += 18 + SERIES[s][1].length() * 6.5 + 20;
        }
    }

}
