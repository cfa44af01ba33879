package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A curve on the unit square with grid, ticks and axis labels: the ROC and precision-recall
 * charts. Both axes are fixed to [0, 1] so charts of different reports compare at a glance.
 */
final class LineChart {
    private static final double PLOT = 300;
    private static final double LEFT = 58;
    private static final double TOP = 12;
    private static final double RIGHT = 16;
    private static final double BOTTOM = 50;

    private final String xLabel;
    private final String yLabel;
    private final boolean diagonal;

    private LineChart(final String xLabel, final String yLabel, final boolean diagonal) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.diagonal = diagonal;
    }

    /** False positive rate against true positive rate, with the diagonal of a random classifier. */
    static LineChart roc() {
        return new LineChart("False positive rate", "True positive rate", true);
    }

    static LineChart precisionRecall() {
        return new LineChart("Recall", "Precision", false);
    }

    /**
     * @param xs x coordinates; a null point (undefined) breaks the line
     * @param ys y coordinates, parallel to xs
     * @param label what the chart shows, for screen readers
     */
    String render(final JsonNode xs, final JsonNode ys, final String label) {
        var svg = Svg.open(new Html(), LEFT + PLOT + RIGHT, TOP + PLOT + BOTTOM, label);
        axes(svg);
        if (diagonal) {
            svg.empty("line", "class", "diagonal", "x1", Svg.px(x(0)), "y1", Svg.px(y(0)),
                    "x2", Svg.px(x(1)), "y2", Svg.px(y(1)));
        }
        svg.empty("path", "class", "curve", "d", path(xs, ys));
        return svg.close("svg").toString();
    }

    private void axes(final Html svg) {
        for (double tick : Svg.UNIT_TICKS) {
            svg.empty("line", "class", "grid", "x1", Svg.px(x(tick)), "y1", Svg.px(y(0)),
                    "x2", Svg.px(x(tick)), "y2", Svg.px(y(1)));
            svg.empty("line", "class", "grid", "x1", Svg.px(x(0)), "y1", Svg.px(y(tick)),
                    "x2", Svg.px(x(1)), "y2", Svg.px(y(tick)));
            svg.element("text", Format.number(tick), "class", "tick", "x", Svg.px(x(tick)),
                    "y", Svg.px(y(0) + 18), "text-anchor", "middle");
            svg.element("text", Format.number(tick), "class", "tick", "x", Svg.px(x(0) - 8),
                    "y", Svg.px(y(tick) + 4), "text-anchor", "end");
        }
        svg.empty("rect", "class", "frame", "x", Svg.px(LEFT), "y", Svg.px(TOP), "width", Svg.px(PLOT),
                "height", Svg.px(PLOT));
        svg.element("text", xLabel, "class", "axis-label", "x", Svg.px(LEFT + PLOT / 2),
                "y", Svg.px(TOP + PLOT + 42), "text-anchor", "middle");
        var middle = Svg.px(TOP + PLOT / 2);
        svg.element("text", yLabel, "class", "axis-label", "x", "16", "y", middle, "text-anchor", "middle",
                "transform", "rotate(-90 16 " + middle + ")");
    }

    private static String path(final JsonNode xs, final JsonNode ys) {
        var d = new StringBuilder();
        var move = true;
        for (int i = 0; i < Math.min(xs.size(), ys.size()); i++) {
            if (!xs.get(i).isNumber() || !ys.get(i).isNumber()) {
                move = true;
                continue;
            }
            d.append(move ? 'M' : 'L').append(Svg.px(x(xs.get(i).doubleValue()))).append(' ')
                    .append(Svg.px(y(ys.get(i).doubleValue())));
            move = false;
        }
        return d.toString();
    }

    private static double x(final double value) {
        return LEFT + clamp(value) * PLOT;
    }

    /** SVG's y axis points down. */
    private static double y(final double value) {
        return TOP + (1 - clamp(value)) * PLOT;
    }

    private static double clamp(final double value) {
        return Math.max(0, Math.min(1, value));
    }
}
