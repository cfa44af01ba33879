package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The HTML view of {@code validate.json}: one self-contained page with inline CSS and SVG, no
 * scripts, readable in a browser, a Jenkins artifact view or an MLflow artifact preview. Every
 * value from the report is escaped; a Content-Security-Policy forbids scripts and fetches as a
 * second line of defence.
 */
public final class ValidationHtml {
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private ValidationHtml() {
    }

    public static String of(final JsonNode report) {
        var verdict = report.path("verdict").asText("UNKNOWN");
        var page = new Html().raw("<!DOCTYPE html>\n").open("html", "lang", "en").open("head")
                .empty("meta", "charset", "utf-8")
                .empty("meta", "http-equiv", "Content-Security-Policy", "content", POLICY)
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", "mlcd validate: " + verdict + " · " + report.path("inputs").path("predictions")
                        .asText(""))
                .open("style").raw(PageStyle.CSS).close("style").close("head").open("body").open("main");
        header(page, report, verdict);
        inputs(page, report);
        GateTable.write(page, report.path("gates"));
        MetricTable.write(page, report);
        ComparisonSection.write(page, report.path("comparison"));
        ChartSection.write(page, report);
        GroupSection.write(page, report.path("groups"));
        page.element("footer", "mlcd " + report.path("mlcd_version").asText("") + " · "
                + report.path("schema").asText(""));
        return page.close("main").close("body").close("html").raw("\n").toString();
    }

    private static void header(final Html page, final JsonNode report, final String verdict) {
        var context = Stream.of(report.path("inputs").path("predictions").asText(""),
                Format.time(report.path("created_at").asText(""))).filter(text -> !text.isEmpty())
                .collect(Collectors.joining(" · "));
        page.open("header", "class", "masthead " + tone(verdict))
                .element("span", verdict, "class", "badge verdict")
                .open("div").element("h1", task(report.path("task").asText("")))
                .element("p", report.path("summary").asText(""), "class", "summary")
                .element("p", context, "class", "muted small")
                .close("div").close("header");
    }

    private static void inputs(final Html page, final JsonNode report) {
        var inputs = report.path("inputs");
        page.open("section", "id", "inputs").element("h2", "Inputs").open("dl", "class", "facts");
        fact(page, "Predictions", text(inputs.path("predictions")), true);
        fact(page, "Baseline", text(inputs.path("baseline")), true);
        fact(page, "Rows", inputs.path("rows").isNumber() ? Format.number(inputs.path("rows")) : null, false);
        fact(page, "Label column", text(inputs.path("label")), true);
        fact(page, "Score column", text(inputs.path("score")), true);
        fact(page, "Prediction column", text(inputs.path("prediction")), true);
        fact(page, "Id column", text(inputs.path("id")), true);
        fact(page, "Positive label", text(inputs.path("positive_label")), true);
        fact(page, "Decision threshold", inputs.path("decision_threshold").isNumber()
                ? Format.number(inputs.path("decision_threshold")) : null, false);
        if (!inputs.path("groups").isEmpty()) {
            page.open("div").element("dt", "Group columns").open("dd");
            var separator = "";
            for (JsonNode group : inputs.path("groups")) {
                page.text(separator).element("code", group.asText());
                separator = ", ";
            }
            page.close("dd").close("div");
        }
        var created = text(report.path("created_at"));
        fact(page, "Created", created == null ? null : Format.time(created), false);
        fact(page, "mlcd version", text(report.path("mlcd_version")), false);
        page.close("dl").close("section");
    }

    /** One input; absent inputs are left out rather than shown as a dash. */
    private static void fact(final Html page, final String term, @CheckForNull final String text,
            final boolean code) {
        if (text == null) {
            return;
        }
        page.open("div").element("dt", term).open("dd");
        if (code) {
            page.element("code", text);
        }
        else {
            page.text(text);
        }
        page.close("dd").close("div");
    }

    /** The text of a scalar, or null when the field is absent or null. */
    @CheckForNull
    private static String text(final JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    /** The page heading, naming the task. */
    private static String task(final String task) {
        return switch (task) {
            case "binary" -> "Model validation · binary classification";
            case "multiclass" -> "Model validation · multiclass classification";
            case "" -> "Model validation";
            default -> "Model validation · " + task;
        };
    }

    /** PASSED green, WARNING amber, FAILED red, anything else grey. */
    private static String tone(final String verdict) {
        return switch (verdict) {
            case "PASSED" -> "ok";
            case "WARNING" -> "warn";
            case "FAILED" -> "bad";
            default -> "neutral";
        };
    }
}
