package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;

/** The confusion matrix and, for scores, the ROC and precision-recall curves, side by side. */
final class ChartSection {
    private ChartSection() {
    }

    static void write(final Html page, final JsonNode report) {
        var matrix = report.path("confusion_matrix");
        var roc = report.path("roc_curve");
        var pr = report.path("pr_curve");
        if (!matrix.isObject() && !roc.isObject() && !pr.isObject()) {
            return;
        }
        page.open("section", "id", "charts").element("h2", "Charts").open("div", "class", "figures");
        if (matrix.isObject()) {
            figure(page, "Confusion matrix", "shaded by share of the true class",
                    ConfusionHeatMap.render(matrix));
        }
        var metrics = report.path("metrics");
        if (roc.isObject()) {
            figure(page, "ROC curve", "AUC " + Format.number(metrics.path("roc_auc")),
                    LineChart.roc().render(roc.path("fpr"), roc.path("tpr"), "ROC curve"));
        }
        if (pr.isObject()) {
            figure(page, "Precision-recall curve", "average precision " + Format.number(metrics.path("pr_auc")),
                    LineChart.precisionRecall().render(pr.path("recall"), pr.path("precision"),
                            "Precision-recall curve"));
        }
        page.close("div").close("section");
    }

    private static void figure(final Html page, final String title, final String subtitle, final String svg) {
        page.open("figure").open("figcaption").text(title).element("span", subtitle, "class", "muted")
                .close("figcaption").raw(svg).close("figure");
    }
}
