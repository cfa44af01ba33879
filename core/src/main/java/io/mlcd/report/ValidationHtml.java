package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTML view of {@code validate.json}: one self-contained page with inline CSS and SVG, no
 * scripts, readable in a browser, a Jenkins artifact view or an MLflow artifact preview. Every
 * value from the report is escaped; a Content-Security-Policy forbids scripts and fetches as a
 * second line of defence.
 */
public final class ValidationHtml {
    private ValidationHtml() {
    }

    public static String of(final JsonNode report) {
        var verdict = report.path("verdict").asText("UNKNOWN");
        var inputs = report.path("inputs");
        var subject = inputs.path("predictions").asText(inputs.path("metrics_from").asText(""));
        var page = Page.start("mlcd validate: " + verdict + " · " + subject);
        Page.masthead(page, verdict, task(report.path("task").asText("")), report.path("summary").asText(""), subject,
                Format.time(report.path("created_at").asText("")));
        inputs(page, report);
        GateTable.write(page, report.path("gates"));
        MetricTable.write(page, report);
        ComparisonSection.write(page, report.path("comparison"));
        ChartSection.write(page, report);
        GroupSection.write(page, report.path("groups"));
        return Page.end(page, report);
    }

    private static void inputs(final Html page, final JsonNode report) {
        var inputs = report.path("inputs");
        page.open("section", "id", "inputs").element("h2", "Inputs").open("dl", "class", "facts");
        Page.fact(page, "Predictions", Page.text(inputs.path("predictions")), true);
        Page.fact(page, "Metrics from", Page.text(inputs.path("metrics_from")), true);
        Page.fact(page, "Baseline", Page.text(inputs.path("baseline")), true);
        Page.fact(page, "Rows", Page.number(inputs.path("rows")), false);
        Page.fact(page, "Label column", Page.text(inputs.path("label")), true);
        Page.fact(page, "Score column", Page.text(inputs.path("score")), true);
        Page.fact(page, "Prediction column", Page.text(inputs.path("prediction")), true);
        Page.fact(page, "Id column", Page.text(inputs.path("id")), true);
        Page.fact(page, "Positive label", Page.text(inputs.path("positive_label")), true);
        Page.fact(page, "Decision threshold", Page.number(inputs.path("decision_threshold")), false);
        if (!inputs.path("groups").isEmpty()) {
            page.open("div").element("dt", "Group columns").open("dd");
            var separator = "";
            for (JsonNode group : inputs.path("groups")) {
                page.text(separator).element("code", group.asText());
                separator = ", ";
            }
            page.close("dd").close("div");
        }
        Page.provenance(page, report);
        page.close("dl").close("section");
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
}
