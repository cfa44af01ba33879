package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The confusion matrix as a heat map: true class in rows, predicted class in columns, each cell
 * with its count. Shading follows the share of the row, so the diagonal reads as per-class recall
 * and a rare class is as visible as a common one. Cells shrink with the number of classes (about
 * 20 fit).
 */
final class ConfusionHeatMap {
    private static final int MAX_LABEL = 14;
    private static final double CHAR_WIDTH = 7;
    private static final double TOP = 8;
    private static final double TITLE = 28;
    private static final int[] LIGHT = {244, 247, 251};
    private static final int[] DARK = {31, 95, 168};
    /** From this share on the shade is dark enough (about half intensity) for white counts. */
    private static final double DARK_TEXT = 0.3;

    private ConfusionHeatMap() {
    }

    /** @param matrix {@code labels} and a k×k array {@code counts} */
    static String render(final JsonNode matrix) {
        var labels = new ArrayList<String>();
        matrix.path("labels").forEach(label -> labels.add(label.asText()));
        var counts = matrix.path("counts");
        var k = labels.size();
        var cell = Math.max(26, Math.min(80, 560.0 / Math.max(1, k)));
        var longest = labels.stream().mapToInt(label -> Svg.shorten(label, MAX_LABEL).length()).max().orElse(1);
        var labelWidth = longest * CHAR_WIDTH + 10;
        var rotate = labelWidth - 10 > cell - 4;
        var left = TITLE + labelWidth;
        var bottom = (rotate ? labelWidth * 0.75 : 22) + TITLE;
        var width = left + k * cell + 8;
        var height = TOP + k * cell + bottom;
        var svg = Svg.open(new Html(), width, height, "Confusion matrix, " + k + " classes");
        var font = Svg.px(Math.min(14, cell / 3));
        for (int row = 0; row < k; row++) {
            var total = 0L;
            for (JsonNode count : counts.path(row)) {
                total += count.asLong();
            }
            for (int column = 0; column < k; column++) {
                var count = counts.path(row).path(column).asLong();
                var share = total == 0 ? 0 : (double) count / total;
                var x = left + column * cell;
                var y = TOP + row * cell;
                svg.open("g").element("title", "true " + labels.get(row) + ", predicted " + labels.get(column) + ": "
                        + Format.number(count) + " (" + Format.percent(share) + " of true " + labels.get(row) + ")");
                svg.empty("rect", "class", "cell", "x", Svg.px(x), "y", Svg.px(y), "width", Svg.px(cell),
                        "height", Svg.px(cell), "fill", shade(share));
                svg.element("text", Format.number(count), "class", share > DARK_TEXT ? "count dark" : "count",
                        "x", Svg.px(x + cell / 2), "y", Svg.px(y + cell / 2), "text-anchor", "middle",
                        "dominant-baseline", "central", "font-size", font);
                svg.close("g");
            }
        }
        labels(svg, labels, left, cell, rotate);
        svg.element("text", "Predicted label", "class", "axis-label", "x", Svg.px(left + k * cell / 2),
                "y", Svg.px(height - 8), "text-anchor", "middle");
        var middle = Svg.px(TOP + k * cell / 2);
        svg.element("text", "True label", "class", "axis-label", "x", "14", "y", middle, "text-anchor", "middle",
                "transform", "rotate(-90 14 " + middle + ")");
        return svg.close("svg").toString();
    }

    private static void labels(final Html svg, final List<String> labels, final double left, final double cell,
            final boolean rotate) {
        var k = labels.size();
        var below = TOP + k * cell + 16;
        for (int i = 0; i < k; i++) {
            var label = labels.get(i);
            var centre = TOP + i * cell + cell / 2;
            svg.open("text", "class", "tick", "x", Svg.px(left - 8), "y", Svg.px(centre), "text-anchor", "end",
                    "dominant-baseline", "central").element("title", label).text(Svg.shorten(label, MAX_LABEL))
                    .close("text");
            var x = Svg.px(left + i * cell + cell / 2);
            svg.open("text", "class", "tick", "x", x, "y", Svg.px(below), "text-anchor", rotate ? "end" : "middle",
                    "transform", rotate ? "rotate(-40 " + x + " " + Svg.px(below) + ")" : null)
                    .element("title", label).text(Svg.shorten(label, MAX_LABEL)).close("text");
        }
    }

    /**
     * White to blue by the square root of the share, so that a few percent of confusion is already
     * visible; one hue keeps it readable for colour-blind readers.
     */
    private static String shade(final double share) {
        var rgb = new int[3];
        var intensity = Math.sqrt(share);
        for (int i = 0; i < 3; i++) {
            rgb[i] = (int) Math.round(LIGHT[i] + (DARK[i] - LIGHT[i]) * intensity);
        }
        return "rgb(" + rgb[0] + "," + rgb[1] + "," + rgb[2] + ")";
    }
}
