package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcd.validation.Tendency;
import java.util.Map;

/**
 * Challenger against baseline on the same rows: one card per paired test with the change, its
 * confidence interval drawn around zero, the p-value, and a plain sentence on significance. The
 * change is significant when the interval excludes zero, the rule the {@code *_ci_lower > 0} gates use.
 */
final class ComparisonSection {
    private static final double PLOT_WIDTH = 320;
    private static final double PLOT_HEIGHT = 44;
    private static final double MARGIN = 24;

    private ComparisonSection() {
    }

    static void write(final Html page, final JsonNode comparison) {
        if (!comparison.isObject() || comparison.isEmpty()) {
            return;
        }
        page.open("section", "id", "comparison").element("h2", "Challenger vs baseline").open("div", "class", "cards");
        comparison.fields().forEachRemaining(entry -> card(page, entry));
        page.close("div").close("section");
    }

    private static void card(final Html page, final Map.Entry<String, JsonNode> entry) {
        var metric = entry.getKey();
        var test = entry.getValue();
        var delta = test.path("delta");
        var confidence = test.path("confidence").isNumber() ? test.path("confidence").doubleValue() : 0.95;
        var significance = Significance.of(metric, test.path("ci_lower"), test.path("ci_upper"));
        page.open("div", "class", "card");
        page.open("div", "class", "card-head").element("code", metric).element("span", test.path("test").asText(),
                "class", "muted").element("span", significance.badge, "class", "badge " + significance.tone)
                .close("div");
        var direction = delta.isNumber() ? MetricTable.direction(metric, delta.doubleValue()) : "same";
        page.open("div", "class", "headline").element("span", Format.signed(delta),
                "class", "change big " + direction)
                .element("span", "challenger " + Format.number(test.path("challenger")) + " vs baseline "
                        + Format.number(test.path("baseline")), "class", "muted").close("div");
        if (test.path("ci_lower").isNumber() && test.path("ci_upper").isNumber() && delta.isNumber()) {
            page.raw(interval(test.path("ci_lower").doubleValue(), test.path("ci_upper").doubleValue(),
                    delta.doubleValue(), significance.tone));
        }
        page.open("dl", "class", "pairs");
        pair(page, Format.percent(confidence) + " CI", "[" + Format.signed(test.path("ci_lower")) + ", "
                + Format.signed(test.path("ci_upper")) + "]");
        pair(page, "p-value", Format.pValue(test.path("p_value")));
        page.close("dl");
        page.element("p", significance.sentence(Format.percent(1 - confidence), Format.percent(confidence)),
                "class", "conclusion");
        if (!test.path("detail").asText().isEmpty()) {
            page.element("p", test.path("detail").asText(), "class", "muted small");
        }
        page.close("div");
    }

    private static void pair(final Html page, final String term, final String value) {
        page.open("div").element("dt", term).element("dd", value).close("div");
    }

    /** The interval as a bar on an axis centred on zero, with the change as a dot. */
    private static String interval(final double lower, final double upper, final double delta, final String tone) {
        var range = Math.max(Math.max(Math.abs(lower), Math.abs(upper)), Math.abs(delta)) * 1.25;
        var scale = range == 0 ? 0 : (PLOT_WIDTH / 2 - MARGIN) / range;
        var middle = PLOT_WIDTH / 2;
        var axis = PLOT_HEIGHT - 14;
        var svg = Svg.open(new Html(), PLOT_WIDTH, PLOT_HEIGHT, "confidence interval of the change");
        svg.empty("line", "class", "axis", "x1", Svg.px(MARGIN), "y1", Svg.px(axis), "x2",
                Svg.px(PLOT_WIDTH - MARGIN), "y2", Svg.px(axis));
        svg.empty("line", "class", "zero", "x1", Svg.px(middle), "y1", "2", "x2", Svg.px(middle),
                "y2", Svg.px(axis + 4));
        svg.element("text", "0", "class", "tick", "x", Svg.px(middle), "y", Svg.px(PLOT_HEIGHT - 1),
                "text-anchor", "middle");
        var y = Svg.px(axis - 12);
        svg.empty("line", "class", "ci " + tone, "x1", Svg.px(middle + lower * scale), "y1", y,
                "x2", Svg.px(middle + upper * scale), "y2", y);
        svg.empty("circle", "class", "ci-point " + tone, "cx", Svg.px(middle + delta * scale), "cy", y, "r", "5");
        return svg.close("svg").toString();
    }

    /** Whether the interval excludes zero, and on which side of it the challenger lies. */
    private enum Significance {
        BETTER("significant improvement", "ok", "The challenger is significantly better at the %s level: the %s confidence "
                + "interval of the change excludes 0."),
        WORSE("significantly worse", "bad", "The challenger is significantly worse at the %s level: the %s "
                + "confidence interval of the change excludes 0."),
        DIFFERENT("significant", "neutral", "The change is significant at the %s level: the %s confidence "
                + "interval excludes 0."),
        NOT_SIGNIFICANT("not significant", "neutral", "The change is not significant at the %s level: the %s "
                + "confidence interval includes 0."),
        UNDEFINED("undefined", "neutral", "Significance at the %s level cannot be judged: the %s confidence "
                + "interval is undefined.");

        private final String badge;
        private final String tone;
        private final String sentence;

        Significance(final String badge, final String tone, final String sentence) {
            this.badge = badge;
            this.tone = tone;
            this.sentence = sentence;
        }

        static Significance of(final String metric, final JsonNode lower, final JsonNode upper) {
            if (!lower.isNumber() || !upper.isNumber()) {
                return UNDEFINED;
            }
            if (lower.doubleValue() <= 0 && upper.doubleValue() >= 0) {
                return NOT_SIGNIFICANT;
            }
            var tendency = MetricTable.tendency(metric);
            if (tendency == Tendency.NEUTRAL) {
                return DIFFERENT;
            }
            return lower.doubleValue() > 0 == (tendency == Tendency.LARGER_IS_BETTER) ? BETTER : WORSE;
        }

        String sentence(final String level, final String confidence) {
            return String.format(sentence, level, confidence);
        }
    }
}
