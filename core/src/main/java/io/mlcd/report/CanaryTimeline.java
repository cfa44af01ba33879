package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The analysed steps of a rollout side by side, one column per analysis: its outcome as a marked
 * word (a symbol when the columns are narrow), the canary's weight as a bar, and below, in two
 * panels with their own y axes, the error rate and latency p95 of canary (solid line, filled
 * dots) and baseline (dashed line, hollow squares). Steps that did not pass are shaded across all
 * panels. A value that is null breaks its line.
 */
final class CanaryTimeline {
    private static final double LEFT = 70;
    private static final double RIGHT = 20;
    private static final double MIN_PLOT = 960;
    private static final double MIN_COLUMN = 48;
    /** From this column width on, outcomes are written out; below, they are symbols with a legend. */
    private static final double WORDS = 96;
    private static final double LEGEND = 30;
    private static final double MARK = 20;
    private static final double TITLE = 26;
    private static final double WEIGHT = 60;
    private static final double PANEL = 118;
    private static final double AXIS = 40;
    private static final int MAX_TICKS = 4;
    /** Outcome, symbol: the symbols stand in for the words when the columns are too narrow for them. */
    private static final String[][] OUTCOMES = {
        {"PASSED", "✓"}, {"WARNING", "!"}, {"INCONCLUSIVE", "?"}, {"FAILED", "✕"},
    };

    private final JsonNode steps;
    private final double column;
    private final boolean words;

    private CanaryTimeline(final JsonNode steps) {
        this.steps = steps;
        this.column = Math.max(MIN_PLOT, steps.size() * MIN_COLUMN) / Math.max(1, steps.size());
        this.words = column >= WORDS;
    }

    /** @param steps the report's {@code steps}; at least one */
    static String render(final JsonNode steps) {
        return new CanaryTimeline(steps).draw();
    }

    private String draw() {
        var markTop = LEGEND;
        var weightTop = markTop + MARK + TITLE;
        var errorTop = weightTop + WEIGHT + TITLE;
        var latencyTop = errorTop + PANEL + TITLE;
        var bottom = latencyTop + PANEL;
        var svg = Svg.open(new Html(), LEFT + plotWidth() + RIGHT, bottom + AXIS, "Canary timeline: " + steps.size()
                + " analysed steps with the canary weight, and error rate and latency p95 of canary and baseline");
        bands(svg, markTop, bottom);
        legend(svg);
        marks(svg, markTop);
        weights(svg, weightTop);
        var errors = Scale.of(max("error_rate"), 0.01);
        panel(svg, "Error rate", "error_rate", errors, errorTop, CanaryHtml::rate);
        var latency = Scale.of(max("latency_p95"), 10);
        panel(svg, "Latency p95 (ms)", "latency_p95", latency, latencyTop, Format::number);
        labels(svg, bottom);
        return svg.close("svg").toString();
    }

    private double plotWidth() {
        return column * Math.max(1, steps.size());
    }

    private double center(final int index) {
        return LEFT + (index + 0.5) * column;
    }

    /** A shaded column behind every step that did not pass, with all of the step's numbers as its tooltip. */
    private void bands(final Html svg, final double top, final double bottom) {
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            var outcome = step.path("outcome").asText("");
            svg.open("g", "class", "slot").element("title", tooltip(i, step));
            svg.empty("rect", "class", "PASSED".equals(outcome) ? "hit" : "hit band " + Page.tone(outcome),
                    "x", Svg.px(LEFT + i * column + 1), "y", Svg.px(top - 4), "width", Svg.px(column - 2),
                    "height", Svg.px(bottom - top + 4));
            svg.close("g");
        }
    }

    private static String tooltip(final int index, final JsonNode step) {
        return "step " + (index + 1) + " at " + CanaryHtml.weight(step.path("weight")) + ": "
                + step.path("outcome").asText(Format.MISSING) + "; canary " + side(step.path("canary"))
                + "; baseline " + side(step.path("baseline"));
    }

    private static String side(final JsonNode metrics) {
        return Format.number(metrics.path("requests")) + " requests, error rate " + CanaryHtml.rate(
                metrics.path("error_rate")) + ", p95 " + CanaryHtml.millis(metrics.path("latency_p95"));
    }

    private void legend(final Html svg) {
        var x = LEFT;
        svg.empty("rect", "class", "weight", "x", Svg.px(x), "y", "8", "width", "14", "height", "12", "rx", "2");
        svg.element("text", "canary weight", "class", "legend", "x", Svg.px(x + 20), "y", "14",
                "dominant-baseline", "central");
        x += 124;
        for (String side : new String[] {"canary", "baseline"}) {
            svg.empty("line", "class", "series " + side, "x1", Svg.px(x), "y1", "14", "x2", Svg.px(x + 28), "y2", "14");
            dot(svg, side, x + 14, 14);
            svg.element("text", side, "class", "legend", "x", Svg.px(x + 36), "y", "14", "dominant-baseline",
                    "central");
            x += 110;
        }
        if (!words) {
            for (String[] outcome : OUTCOMES) {
                svg.element("text", outcome[1] + " " + outcome[0].toLowerCase(Locale.ROOT), "class",
                        "legend", "x", Svg.px(x), "y", "14", "dominant-baseline", "central");
                x += 24 + outcome[0].length() * 7;
            }
        }
    }

    /** Each step's outcome as a pill in its tone, holding the word, or its symbol when space is short. */
    private void marks(final Html svg, final double top) {
        for (int i = 0; i < steps.size(); i++) {
            var outcome = steps.get(i).path("outcome").asText(Format.MISSING);
            var text = words ? outcome : symbol(outcome);
            var width = Math.min(column - 6, words ? 14 + outcome.length() * 7.2 : 22);
            svg.empty("rect", "class", "mark " + Page.tone(outcome), "x", Svg.px(center(i) - width / 2),
                    "y", Svg.px(top), "width", Svg.px(width), "height", Svg.px(MARK), "rx", Svg.px(MARK / 2));
            svg.element("text", text, "class", "mark-text", "x", Svg.px(center(i)), "y", Svg.px(top + MARK / 2),
                    "text-anchor", "middle", "dominant-baseline", "central");
        }
    }

    private static String symbol(final String outcome) {
        for (String[] known : OUTCOMES) {
            if (known[0].equals(outcome)) {
                return known[1];
            }
        }
        return Svg.shorten(outcome, 2);
    }

    /** The canary's weight at each step as a bar on a 0 to 100% axis. */
    private void weights(final Html svg, final double top) {
        title(svg, "Canary weight", top);
        var scale = new Scale(100, 50);
        grid(svg, scale, top, WEIGHT, value -> Format.number(value) + "%");
        var bar = Math.min(40, column * 0.5);
        for (int i = 0; i < steps.size(); i++) {
            var weight = steps.get(i).path("weight");
            if (weight.isNumber()) {
                var height = scale.fraction(weight.doubleValue()) * WEIGHT;
                svg.empty("rect", "class", "weight", "x", Svg.px(center(i) - bar / 2), "y",
                        Svg.px(top + WEIGHT - height), "width", Svg.px(bar), "height", Svg.px(height));
            }
        }
        axes(svg, top, WEIGHT);
    }

    private void panel(final Html svg, final String title, final String metric, final Scale scale, final double top,
            final DoubleFunction<String> tick) {
        title(svg, title, top);
        grid(svg, scale, top, PANEL, tick);
        if (Double.isNaN(max(metric))) {
            svg.element("text", "no values recorded", "class", "tick", "x", Svg.px(LEFT + plotWidth() / 2),
                    "y", Svg.px(top + PANEL / 2), "text-anchor", "middle", "dominant-baseline", "central");
        }
        for (String side : new String[] {"baseline", "canary"}) {
            var path = new StringBuilder();
            var move = true;
            for (int i = 0; i < steps.size(); i++) {
                var value = steps.get(i).path(side).path(metric);
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    move = true;
                    continue;
                }
                var y = top + (1 - scale.fraction(value.doubleValue())) * PANEL;
                path.append(move ? 'M' : 'L').append(Svg.px(center(i))).append(' ').append(Svg.px(y));
                move = false;
            }
            if (path.length() > 0) {
                svg.empty("path", "class", "series " + side, "d", path.toString());
            }
            for (int i = 0; i < steps.size(); i++) {
                var value = steps.get(i).path(side).path(metric);
                if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                    dot(svg, side, center(i), top + (1 - scale.fraction(value.doubleValue())) * PANEL);
                }
            }
        }
        axes(svg, top, PANEL);
    }

    /** A filled circle for the canary, a hollow square for the baseline: told apart without colour. */
    private static void dot(final Html svg, final String side, final double x, final double y) {
        if ("canary".equals(side)) {
            svg.empty("circle", "class", "dot canary", "cx", Svg.px(x), "cy", Svg.px(y), "r", "4");
        }
        else {
            svg.empty("rect", "class", "dot baseline", "x", Svg.px(x - 3.5), "y", Svg.px(y - 3.5), "width", "7",
                    "height", "7");
        }
    }

    private static void title(final Html svg, final String title, final double top) {
        svg.element("text", title, "class", "panel-title", "x", Svg.px(LEFT), "y", Svg.px(top - 9));
    }

    private void grid(final Html svg, final Scale scale, final double top, final double height,
            final DoubleFunction<String> tick) {
        for (int k = 0; k <= scale.ticks(); k++) {
            var value = k * scale.step();
            var y = Svg.px(top + (1 - scale.fraction(value)) * height);
            svg.empty("line", "class", "grid", "x1", Svg.px(LEFT), "y1", y, "x2", Svg.px(LEFT + plotWidth()), "y2", y);
            svg.element("text", tick.apply(value), "class", "tick", "x", Svg.px(LEFT - 8), "y", y,
                    "text-anchor", "end", "dominant-baseline", "central");
        }
    }

    private void axes(final Html svg, final double top, final double height) {
        svg.empty("line", "class", "axis", "x1", Svg.px(LEFT), "y1", Svg.px(top), "x2", Svg.px(LEFT),
                "y2", Svg.px(top + height));
        svg.empty("line", "class", "axis", "x1", Svg.px(LEFT), "y1", Svg.px(top + height),
                "x2", Svg.px(LEFT + plotWidth()), "y2", Svg.px(top + height));
    }

    /** Under each column: the weight, and the step's number. */
    private void labels(final Html svg, final double bottom) {
        for (int i = 0; i < steps.size(); i++) {
            var x = Svg.px(center(i));
            svg.element("text", CanaryHtml.weight(steps.get(i).path("weight")), "class", "step-label", "x", x,
                    "y", Svg.px(bottom + 16), "text-anchor", "middle");
            svg.element("text", (column >= 64 ? "step " : "#") + (i + 1), "class", "tick", "x", x,
                    "y", Svg.px(bottom + 31), "text-anchor", "middle");
        }
    }

    /** The largest finite value of a metric on either side, or NaN when there is none. */
    private double max(final String metric) {
        var max = Double.NaN;
        for (JsonNode step : steps) {
            for (String side : new String[] {"canary", "baseline"}) {
                var value = step.path(side).path(metric);
                if (value.isNumber() && Double.isFinite(value.doubleValue())
                        && (Double.isNaN(max) || value.doubleValue() > max)) {
                    max = value.doubleValue();
                }
            }
        }
        return max;
    }

    /**
     * A y axis from 0 to {@code top} in {@code step}s: the smallest step of 1, 2, 2.5 or 5 times a
     * power of ten that reaches the largest value in at most four steps.
     */
    record Scale(double top, double step) {
        static Scale of(final double max, final double fallback) {
            var reach = max > 0 && Double.isFinite(max) ? max : fallback;
            var magnitude = Math.pow(10, Math.floor(Math.log10(reach / MAX_TICKS)));
            for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
                var step = factor * magnitude;
                var ticks = Math.ceil(reach / step - 1e-9);
                if (ticks <= MAX_TICKS) {
                    return new Scale(Math.max(1, ticks) * step, step);
                }
            }
            return new Scale(MAX_TICKS * 10 * magnitude, 10 * magnitude);
        }

        int ticks() {
            return (int) Math.round(top / step);
        }

        /** Where a value lies between 0 and the top, clamped to [0, 1]. */
        double fraction(final double value) {
            return Math.max(0, Math.min(1, value / top));
        }
    }
}
