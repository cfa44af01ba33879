package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;

/**
 * One column's distribution in reference and current data as paired bars per bin, reference in
 * grey, current in blue, on a shared share axis. Numeric columns binned at the reference deciles
 * get the bin edges as ticks between the bars; categories get their value under the bars, slanted
 * when they do not fit, shortened when long (the full value is in the tooltip). Beyond
 * {@link #MAX_BINS} bins the rest are drawn as one.
 */
final class DistributionChart {
    static final int MAX_BINS = 30;

    private static final double WIDTH = 520;
    private static final double LEFT = 46;
    private static final double RIGHT = 10;
    private static final double TOP = 34;
    private static final double PLOT = 150;
    private static final double CHAR = 6.2;
    private static final int MAX_LABEL = 16;
    private static final double SLANT = 40;
    private static final double[] STEPS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25};
    private static final String RANGE = " – ";

    private DistributionChart() {
    }

    /**
     * @param distribution a column's {@code distribution}: bins with reference and current shares
     * @return the SVG, or null when there are no bins to draw
     */
    @CheckForNull
    static String render(final String column, final JsonNode distribution) {
        var bins = Bins.of(distribution);
        if (bins.labels.isEmpty()) {
            return null;
        }
        var count = bins.labels.size();
        var edges = edges(bins.labels);
        var slanted = edges == null && widest(bins.labels) * CHAR > (WIDTH - LEFT - RIGHT) / count - 4;
        var reach = widest(bins.labels) * CHAR * Math.cos(Math.toRadians(SLANT));
        // a slanted first label reaches left of its bars: widen the margin so it stays in the picture
        var left = slanted ? Math.max(LEFT, reach + 4 - (WIDTH - LEFT - RIGHT) / count / 2) : LEFT;
        var slot = (WIDTH - left - RIGHT) / count;
        var every = edges == null ? 1 : (int) Math.ceil((widest(edges) * CHAR + 6) / slot);
        double labelHeight;
        if (slanted) {
            labelHeight = widest(bins.labels) * CHAR * Math.sin(Math.toRadians(SLANT)) + 20;
        }
        else {
            labelHeight = every == 2 ? 36 : 22;
        }
        var bottom = TOP + PLOT;
        var svg = Svg.open(new Html(), WIDTH, bottom + labelHeight, "Distribution of " + column
                + " in reference and current data");
        legend(svg);
        var top = shareAxis(svg, bins.max(), left, bottom);
        var pad = Math.max(2, slot * 0.2);
        var bar = Math.min(28, (slot - pad - 1) / 2);
        for (int i = 0; i < count; i++) {
            var x = left + i * slot;
            var middle = x + slot / 2;
            var label = bins.labels.get(i);
            svg.open("g", "class", "slot").element("title", label + ": reference "
                    + share(bins.reference.get(i)) + ", current " + share(bins.current.get(i)));
            svg.empty("rect", "class", "hit", "x", Svg.px(x), "y", Svg.px(TOP), "width", Svg.px(slot),
                    "height", Svg.px(PLOT));
            bar(svg, "ref", middle - bar - 0.5, bar, bins.reference.get(i), top, bottom);
            bar(svg, "cur", middle + 0.5, bar, bins.current.get(i), top, bottom);
            svg.close("g");
            if (edges == null) {
                category(svg, label, middle, bottom, slanted);
            }
        }
        if (edges != null) {
            edgeTicks(svg, edges, left, slot, every, bottom);
        }
        svg.empty("line", "class", "axis", "x1", Svg.px(left), "y1", Svg.px(bottom), "x2", Svg.px(WIDTH - RIGHT),
                "y2", Svg.px(bottom));
        return svg.close("svg").toString();
    }

    private static void legend(final Html svg) {
        svg.empty("rect", "class", "bar ref", "x", Svg.px(LEFT), "y", "6", "width", "12", "height", "12", "rx", "2");
        svg.element("text", "Reference", "class", "legend", "x", Svg.px(LEFT + 18), "y", "12",
                "dominant-baseline", "central");
        var current = LEFT + 18 + "Reference".length() * 6.5 + 20;
        svg.empty("rect", "class", "bar cur", "x", Svg.px(current), "y", "6", "width", "12", "height", "12",
                "rx", "2");
        svg.element("text", "Current", "class", "legend", "x", Svg.px(current + 18), "y", "12",
                "dominant-baseline", "central");
        svg.element("text", "share of values per bin", "class", "tick", "x", Svg.px(WIDTH - RIGHT), "y", "12",
                "text-anchor", "end", "dominant-baseline", "central");
    }

    private static void bar(final Html svg, final String side, final double x, final double width,
            @CheckForNull final Double share, final double top, final double bottom) {
        if (share == null || share <= 0) {
            return;
        }
        var height = Math.max(1, Math.min(share, top) / top * PLOT);
        svg.empty("rect", "class", "bar " + side, "x", Svg.px(x), "y", Svg.px(bottom - height),
                "width", Svg.px(width), "height", Svg.px(height));
    }

    /** A category under its bars, slanted to the lower left when the labels do not fit side by side. */
    private static void category(final Html svg, final String label, final double middle, final double bottom,
            final boolean slanted) {
        var shown = Svg.shorten(label, MAX_LABEL);
        var y = Svg.px(bottom + (slanted ? 12 : 15));
        if (slanted) {
            svg.open("text", "class", "tick", "x", Svg.px(middle), "y", y, "text-anchor", "end",
                    "transform", "rotate(-" + Svg.px(SLANT) + " " + Svg.px(middle) + " " + y + ")");
        }
        else {
            svg.open("text", "class", "tick", "x", Svg.px(middle), "y", y, "text-anchor", "middle");
        }
        if (!shown.equals(label)) {
            svg.element("title", label);
        }
        svg.text(shown).close("text");
    }

    /**
     * The edges between bins as ticks on the axis; in two staggered rows when one row would be too
     * tight for them, and only every few when even two rows would be.
     */
    private static void edgeTicks(final Html svg, final List<String> edges, final double left, final double slot,
            final int every, final double bottom) {
        for (int i = 0; i < edges.size(); i++) {
            var x = Svg.px(left + (i + 1) * slot);
            var lower = every == 2 && i % 2 == 1;
            svg.empty("line", "class", "axis", "x1", x, "y1", Svg.px(bottom), "x2", x,
                    "y2", Svg.px(bottom + (lower ? 18 : 4)));
            if (every <= 2 || (i + 1) % every == 0) {
                svg.element("text", edges.get(i), "class", "tick", "x", x, "y", Svg.px(bottom + (lower ? 30 : 16)),
                        "text-anchor", "middle");
            }
        }
    }

    /**
     * The edges between numeric range bins such as {@code ≤ 27.2}, {@code 27.2 – 31.6}, …,
     * {@code > 52.8}: the upper end of every bin but the last; null when the bins are not ranges.
     */
    @CheckForNull
    static List<String> edges(final List<String> labels) {
        if (labels.size() < 2 || !labels.get(labels.size() - 1).startsWith("> ")) {
            return null;
        }
        var edges = new ArrayList<String>();
        for (int i = 0; i < labels.size() - 1; i++) {
            var label = labels.get(i);
            if (i == 0 && label.startsWith("≤ ")) {
                edges.add(label.substring(2));
            }
            else if (label.contains(RANGE)) {
                edges.add(label.substring(label.indexOf(RANGE) + RANGE.length()));
            }
            else {
                return null;
            }
        }
        return edges;
    }

    /** Grid lines and percentages up the share axis; returns the share at its top. */
    private static double shareAxis(final Html svg, final double largest, final double left, final double bottom) {
        var max = Math.min(1, largest);
        var step = max > 0 ? step(max) : 0.2;
        var top = max > 0 ? Math.max(1, Math.ceil(max / step - 1e-9)) * step : 1;
        for (int t = 0; t * step <= top + 1e-9; t++) {
            var tick = t * step;
            var y = Svg.px(bottom - tick / top * PLOT);
            svg.empty("line", "class", "grid", "x1", Svg.px(left), "y1", y, "x2", Svg.px(WIDTH - RIGHT), "y2", y);
            svg.element("text", Format.percent(tick), "class", "tick", "x", Svg.px(left - 6), "y", y,
                    "text-anchor", "end", "dominant-baseline", "central");
        }
        return top;
    }

    /** The step between share ticks: the smallest that reaches the largest share in at most five steps. */
    private static double step(final double max) {
        for (double step : STEPS) {
            if (Math.ceil(max / step - 1e-9) <= 5) {
                return step;
            }
        }
        return 0.2;
    }

    private static int widest(final List<String> labels) {
        var widest = 0;
        for (String label : labels) {
            widest = Math.max(widest, Svg.shorten(label, MAX_LABEL).length());
        }
        return widest;
    }

    private static String share(@CheckForNull final Double share) {
        return share == null ? Format.MISSING : Format.percent(share);
    }

    /** Bins with both sides' shares, aligned to the labels; a share that is absent or null is null. */
    private static final class Bins {
        final List<String> labels = new ArrayList<>();
        final List<Double> reference = new ArrayList<>();
        final List<Double> current = new ArrayList<>();

        static Bins of(final JsonNode distribution) {
            var bins = new Bins();
            var labels = distribution.path("bins");
            var folded = labels.size() > MAX_BINS;
            var kept = folded ? MAX_BINS - 1 : labels.size();
            for (int i = 0; i < kept; i++) {
                bins.labels.add(labels.get(i).asText());
                bins.reference.add(value(distribution.path("reference").path(i)));
                bins.current.add(value(distribution.path("current").path(i)));
            }
            if (folded) {
                bins.labels.add("(" + (labels.size() - kept) + " more)");
                bins.reference.add(sum(distribution.path("reference"), kept, labels.size()));
                bins.current.add(sum(distribution.path("current"), kept, labels.size()));
            }
            return bins;
        }

        double max() {
            var max = 0.0;
            for (List<Double> side : List.of(reference, current)) {
                for (Double share : side) {
                    max = share == null ? max : Math.max(max, share);
                }
            }
            return max;
        }

        @CheckForNull
        private static Double value(final JsonNode node) {
            return node.isNumber() && Double.isFinite(node.doubleValue()) ? node.doubleValue() : null;
        }

        @CheckForNull
        private static Double sum(final JsonNode shares, final int from, final int to) {
            Double sum = null;
            for (int i = from; i < to; i++) {
                var share = value(shares.path(i));
                if (share != null) {
                    sum = (sum == null ? 0 : sum) + share;
                }
            }
            return sum;
        }
    }
}
