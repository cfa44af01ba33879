package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Locale;

/**
 * The HTML view of {@code canary.json}, in the frame and style of the validation and drift pages:
 * the verdict, where the rollout ran and by which plan, a timeline of the analysed steps (weight,
 * error rate and latency p95 of canary against baseline, each step's outcome), the gates of the
 * deciding analysis, and a table of every step. Self-contained (inline CSS and SVG, no scripts);
 * every value from the report is escaped.
 */
public final class CanaryHtml {
    private static final int SECONDS_PER_MINUTE = 60;

    private CanaryHtml() {
    }

    public static String of(final JsonNode report) {
        var verdict = report.path("verdict").asText("UNKNOWN");
        var subject = subject(report.path("context"));
        var page = Page.start("mlcd canary: " + verdict + (subject.isEmpty() ? "" : " · " + subject));
        Page.masthead(page, verdict, heading(report.path("plan")), report.path("summary").asText(""), subject,
                Format.time(report.path("created_at").asText("")));
        rollout(page, report);
        var steps = report.path("steps").isArray() ? report.path("steps") : JsonNodeFactory.instance.arrayNode();
        timeline(page, steps);
        GateTable.write(page, report.path("gates"), false, decidingHeading(steps), steps.isEmpty()
                ? "No step was analysed, so no gate was judged." : "The last analysis judged no gates.");
        CanaryStepTable.write(page, steps);
        return Page.end(page, report);
    }

    private static String heading(final JsonNode plan) {
        var weights = weights(plan.path("weights"));
        return weights.isEmpty() ? "Canary rollout" : "Canary rollout · " + weights;
    }

    /** The model and its version from the context, e.g. "churn 7"; empty when the context names neither. */
    private static String subject(final JsonNode context) {
        var parts = new ArrayList<String>();
        for (String key : new String[] {"model", "version"}) {
            var value = Page.text(context.path(key));
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        return String.join(" ", parts);
    }

    /** E.g. "25% → 50% → 100%"; empty without weights. */
    static String weights(final JsonNode weights) {
        var text = new StringBuilder();
        for (JsonNode weight : weights) {
            text.append(text.length() == 0 ? "" : " → ").append(weight(weight));
        }
        return text.toString();
    }

    /** A weight in percent, e.g. "25%"; a dash when it is missing. */
    static String weight(final JsonNode weight) {
        return weight.isNumber() ? Format.number(weight) + "%" : Format.MISSING;
    }

    /** The gates section is titled by the analysis that decided: the last one. */
    private static String decidingHeading(final JsonNode steps) {
        if (steps.isEmpty()) {
            return "Deciding gates";
        }
        var last = steps.get(steps.size() - 1);
        return "Deciding gates · step " + steps.size() + " at " + weight(last.path("weight"));
    }

    /** Where the rollout ran (the context, keys as given), where it stands, and the plan it followed. */
    private static void rollout(final Html page, final JsonNode report) {
        page.open("section", "id", "rollout").element("h2", "Rollout").open("dl", "class", "facts");
        report.path("context").fields().forEachRemaining(entry ->
                Page.fact(page, entry.getKey(), Page.text(entry.getValue()), true));
        status(page, report.path("status"));
        var weight = report.path("final_weight");
        Page.fact(page, "Final weight", weight.isNumber() ? weight(weight) + " on the canary" : null, false);
        Page.fact(page, "Reason", Page.text(report.path("reason")), false);
        Page.provenance(page, report);
        page.close("dl");
        var plan = report.path("plan");
        if (plan.isObject()) {
            page.element("h3", "Plan").open("dl", "class", "facts");
            var weights = weights(plan.path("weights"));
            Page.fact(page, "Weights", weights.isEmpty() ? null : weights, false);
            Page.fact(page, "Pause at each weight", duration(plan.path("pause_seconds")), false);
            Page.fact(page, "Min requests per side", Page.number(plan.path("min_requests")), false);
            var confidence = plan.path("confidence");
            Page.fact(page, "Confidence", confidence.isNumber() ? rate(confidence) : null, false);
            Page.fact(page, "Failure limit", Page.number(plan.path("failure_limit")), false);
            Page.fact(page, "Inconclusive limit", Page.number(plan.path("inconclusive_limit")), false);
            var manual = plan.path("manual_gate");
            Page.fact(page, "Manual gate", manual.isBoolean() ? manualGate(manual.booleanValue()) : null, false);
            page.close("dl");
        }
        page.close("section");
    }

    private static void status(final Html page, final JsonNode status) {
        var text = Page.text(status);
        if (text == null) {
            return;
        }
        page.open("div").element("dt", "Status").open("dd")
                .element("span", text, "class", "badge " + statusTone(text)).close("dd").close("div");
    }

    private static String manualGate(final boolean manual) {
        return manual ? "yes: a person decides when the inconclusive limit is reached"
                : "no: the inconclusive limit rolls back";
    }

    private static void timeline(final Html page, final JsonNode steps) {
        page.open("section", "id", "timeline").open("h2").text("Timeline");
        page.element("span", steps.size() + (steps.size() == 1 ? " analysis" : " analyses"), "class", "tally")
                .close("h2");
        if (steps.isEmpty()) {
            page.element("p", "No step was analysed: the rollout ended before its first analysis.", "class", "muted");
        }
        else {
            page.open("div", "class", "scroll").raw(CanaryTimeline.render(steps)).close("div");
        }
        page.close("section");
    }

    /** SUCCEEDED green, AWAITING_DECISION amber, ROLLED_BACK and ABORTED red, anything else (PROGRESSING) grey. */
    static String statusTone(final String status) {
        return switch (status) {
            case "SUCCEEDED" -> "ok";
            case "AWAITING_DECISION" -> "warn";
            case "ROLLED_BACK", "ABORTED" -> "bad";
            default -> "neutral";
        };
    }

    /**
     * A rate such as an error rate as a percentage: two decimals from 1% up (0.0125 as 1.25%), three
     * significant digits below, so that small rates do not read as zero (0.000345 as 0.0345%).
     */
    static String rate(final JsonNode node) {
        return node.isNumber() ? rate(node.doubleValue()) : Format.MISSING;
    }

    static String rate(final double share) {
        if (!Double.isFinite(share)) {
            return Format.MISSING;
        }
        var percent = new BigDecimal(share * 100);
        var rounded = Math.abs(share) >= 0.01 ? percent.setScale(2, RoundingMode.HALF_EVEN)
                : percent.round(new MathContext(3, RoundingMode.HALF_EVEN));
        return rounded.stripTrailingZeros().toPlainString() + "%";
    }

    /** A latency in milliseconds with one decimal, e.g. "12.3 ms". */
    static String millis(final JsonNode node) {
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            return Format.MISSING;
        }
        var rounded = new BigDecimal(node.doubleValue()).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
        return (rounded == Math.rint(rounded) ? Format.number(rounded)
                : String.format(Locale.ROOT, "%,.1f", rounded)) + " ms";
    }

    /** Seconds as "45 s", "2 min" or "2 min 30 s"; null when absent. */
    @CheckForNull
    static String duration(final JsonNode seconds) {
        return seconds.isNumber() ? duration(seconds.doubleValue()) : null;
    }

    static String duration(final double value) {
        if (!Double.isFinite(value)) {
            return Format.MISSING;
        }
        if (value < 2 * SECONDS_PER_MINUTE || value != Math.rint(value)) {
            return Format.number(value) + " s";
        }
        var minutes = (long) value / SECONDS_PER_MINUTE;
        var rest = (long) value % SECONDS_PER_MINUTE;
        return Format.number(minutes) + " min" + (rest == 0 ? "" : " " + rest + " s");
    }
}
