package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;

/**
 * One column's distribution as bars per bin on a share axis: for drift, reference (grey) and
 * current (blue) side by side; for other reports, any {@link Plot} of bins with one or more bars
 * each (a batch's histogram, its categories with the unexpected ones marked). Numeric bins get
 * their edges as ticks between the bars; categories get their value under the bars, slanted when
 * they do not fit, shortened when long (the full value is in the tooltip). Beyond
 * {@link #MAX_BINS} bins of a drift distribution the rest are drawn as one.
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
    private static final List<Legend> REFERENCE_AND_CURRENT = List.of(new Legend("ref", "Reference"),
            new Legend("cur", "Current"));

    /**
     * What a chart shows.
     *
     * @param label     what the chart shows, for screen readers
     * @param legend    swatches above the plot; none when the bars speak for themselves
     * @param caption   what the share axis measures, above it on the right
     * @param edges     tick labels for numeric bins, or null to label each bin by its category
     * @param firstEdge where the first edge sits: 0 at the left end of the axis, 1 after the first bin
     */
    record Plot(String label, List<Legend> legend, String caption, List<Bin> bins, @CheckForNull List<String> edges,
            int firstEdge) {
    }

    /** A legend swatch: the bars' CSS class and what they are. */
    record Legend(String css, String text) {
    }

    /** One bin: its category label, its tooltip, and its bars from left to right. */
    record Bin(String label, String title, List<Bar> bars) {
    }

    /** One bar: its CSS class and the share it stands for (null or zero draws nothing). */
    record Bar(String css, @CheckForNull Double share) {
    }

    private DistributionChart() {
    }

    /**
     * @param distribution a column's {@code distribution}: bins with reference and current shares
     * @return the SVG, or null when there are no bins to draw
     */
    @CheckForNull
    static String render(final String column, final JsonNode distribution) {
        var sides = Bins.of(distribution);
        var bins = new ArrayList<Bin>();
        for (int i = 0; i < sides.labels.size(); i++) {
            var label = sides.labels.get(i);
            bins.add(new Bin(label, label + ": reference " + share(sides.reference.get(i)) + ", current "
                    + share(sides.current.get(i)), List.of(new Bar("ref", sides.reference.get(i)),
                            new Bar("cur", sides.current.get(i)))));
        }
        return render(new Plot("Distribution of " + column + " in reference and current data", REFERENCE_AND_CURRENT,
                "share of values per bin", bins, edges(sides.labels), 1));
    }

    /**
     * Draws a plot: its bins side by side, each with its bars on a shared share axis, labelled by
     * category or, when the plot has edges, by the edges between them.
     *
     * @return the SVG, or null when there are no bins to draw
     */
    @CheckForNull
    static String render(final Plot plot) {
        if (plot.bins().isEmpty()) {
            return null;
        }
        var labels = plot.bins().stream().map(Bin::label).toList();
        var count = labels.size();
        var edges = plot.edges();
        var slanted = edges == null && widest(labels) * CHAR > (WIDTH - LEFT - RIGHT) / count - 4;
        var reach = widest(labels) * CHAR * Math.cos(Math.toRadians(SLANT));
        // a slanted first label reaches left of its bars: widen the margin so it stays in the picture
        var left = slanted ? Math.max(LEFT, reach + 4 - (WIDTH - LEFT - RIGHT) / count / 2) : LEFT;
        var slot = (WIDTH - left - RIGHT) / count;
        var every = edges == null ? 1 : (int) Math.ceil((widest(edges) * CHAR + 6) / slot);
        double labelHeight;
        if (slanted) {
            labelHeight = widest(labels) * CHAR * Math.sin(Math.toRadians(SLANT)) + 20;
        }
        else {
            labelHeight = every == 2 ? 36 : 22;
        }
        var bottom = TOP + PLOT;
        var svg = Svg.open(new Html(), WIDTH, bottom + labelHeight, plot.label());
        legend(svg, plot.legend(), plot.caption());
        var top = shareAxis(svg, max(plot.bins()), left, bottom);
        var pad = Math.max(2, slot * 0.2);
        for (int i = 0; i < count; i++) {
            var x = left + i * slot;
            var middle = x + slot / 2;
            var bin = plot.bins().get(i);
            var bars = bin.bars().size();
            var bar = Math.min(28, (slot - pad - (bars - 1)) / bars);
            svg.open("g", "class", "slot").element("title", bin.title());
            svg.empty("rect", "class", "hit", "x", Svg.px(x), "y", Svg.px(TOP), "width", Svg.px(slot),
                    "height", Svg.px(PLOT));
            for (int b = 0; b < bars; b++) {
                // side by side, one pixel apart, the group centred on the slot
                var start = middle + (b - bars / 2.0) * (bar + 1) + 0.5;
                bar(svg, bin.bars().get(b).css(), start, bar, bin.bars().get(b).share(), top, bottom);
            }
            svg.close("g");
            if (edges == null) {
                category(svg, bin.label(), middle, bottom, slanted);
            }
        }
        if (edges != null) {
            edgeTicks(svg, edges, plot.firstEdge(), left, slot, every, bottom);
        }
        svg.empty("line", "class", "axis", "x1", Svg.px(left), "y1", Svg.px(bottom), "x2", Svg.px(WIDTH - RIGHT),
                "y2", Svg.px(bottom));
        return svg.close("svg").toString();
    }

    /** The legend's swatches from the left, the share axis's caption on the right. */
    private static void legend(final Html svg, final List<Legend> legend, final String caption) {
        var x = LEFT;
        for (Legend entry : legend) {
            svg.empty("rect", "class", "bar " + entry.css(), "x", Svg.px(x), "y", "6", "width", "12", "height", "12",
                    "rx", "2");
            svg.element("text", entry.text(), "class", "legend", "x", Svg.px(x + 18), "y", "12",
                    "dominant-baseline", "central");
            x += 18 + entry.text().length() * 6.5 + 20;
        }
        svg.element("text", caption, "class", "tick", "x", Svg.px(WIDTH - RIGHT), "y", "12",
                "text-anchor", "end", "dominant-baseline", "central");
    }

    private static void bar(final Html svg, final String css, final double x, final double width,
            @CheckForNull final Double share, final double top, final double bottom) {
        if (share == null || share <= 0) {
            return;
        }
        var height = Math.max(1, Math.min(share, top) / top * PLOT);
        svg.empty("rect", "class", "bar " + css, "x", Svg.px(x), "y", Svg.px(bottom - height),
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
     * The edges of bins as ticks on the axis; in two staggered rows when one row would be too
     * tight for them, and only every few when even two rows would be. An outer edge at the right
     * end of the axis is set flush right so it stays in the picture.
     *
     * @param first the position of the first edge: 0 at the left end of the axis, 1 after the first bin
     */
    private static void edgeTicks(final Html svg, final List<String> edges, final int first, final double left,
            final double slot, final int every, final double bottom) {
        for (int i = 0; i < edges.size(); i++) {
            var position = i + first;
            var x = Svg.px(left + position * slot);
            var lower = every == 2 && position % 2 == 0;
            svg.empty("line", "class", "axis", "x1", x, "y1", Svg.px(bottom), "x2", x,
                    "y2", Svg.px(bottom + (lower ? 18 : 4)));
            if (every <= 2 || position % every == 0) {
                var rightEnd = first == 0 && i == edges.size() - 1;
                svg.element("text", edges.get(i), "class", "tick", "x", x, "y", Svg.px(bottom + (lower ? 30 : 16)),
                        "text-anchor", rightEnd ? "end" : "middle");
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

    private static double max(final List<Bin> bins) {
        var max = 0.0;
        for (Bin bin : bins) {
            for (Bar bar : bin.bars()) {
                max = bar.share() == null ? max : Math.max(max, bar.share());
            }
        }
        return max;
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
