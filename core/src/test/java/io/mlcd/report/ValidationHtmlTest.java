package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.Test;

public class ValidationHtmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void shouldShowVerdictGatesAndChartsOfTheBinarySample() {
        var report = binarySample();

        var page = ValidationHtml.of(report);

        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<span class=\"badge verdict\">PASSED</span>", "class=\"masthead ok\"",
                        "PASSED: all 6 gates passed", "<code>v/big.csv</code>", "2026-11-26 15:44:18 UTC");
        for (JsonNode gate : report.path("gates")) {
            assertThat(page).contains("<code>" + Html.escape(gate.path("expression").asText()) + "</code>");
        }
        assertThat(page).contains("<code>recall[region=&lt;east&gt;] &gt;= 0.5</code>")
                .doesNotContain("<east>");
        assertThat(page).contains("id=\"gates\"", "id=\"metrics\"", "id=\"comparison\"", "id=\"charts\"",
                "id=\"groups\"");
        assertThat(page).contains("aria-label=\"Confusion matrix, 2 classes\"", "aria-label=\"ROC curve\"",
                "aria-label=\"Precision-recall curve\"", "aria-label=\"Rates per group of sex\"",
                "aria-label=\"Rates per group of region\"", "class=\"diagonal\"");
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("http://", "https://")
                .contains("Content-Security-Policy");
    }

    @Test
    public void shouldColourChangesByWhetherTheyImproveTheMetric() {
        var page = ValidationHtml.of(binarySample());

        // roc_auc rose (better), log_loss fell (better), demographic_parity_difference[region] rose (worse)
        assertThat(page).contains("class=\"num change better\">▲ +0.0827<",
                "class=\"num change better\">▼ \u22120.0993<", "class=\"num change worse\">▲ +0.0038<",
                "class=\"num change same\">0<");
    }

    @Test
    public void shouldSaySignificanceAtFivePercentPlainly() {
        var page = ValidationHtml.of(binarySample());

        assertThat(page).contains("The challenger is significantly better at the 5% level: the 95% confidence "
                + "interval of the change excludes 0.", "[+0.0605, +0.105]", "&lt; 0.0001", "DeLong");
    }

    @Test
    public void shouldSayWhenTheIntervalIncludesZero() {
        var page = ValidationHtml.of(read("""
                {"verdict": "PASSED", "task": "binary", "metrics": {"accuracy": 0.8}, "gates": [],
                 "comparison": {"accuracy": {"test": "McNemar (exact)", "challenger": 0.8, "baseline": 0.79,
                   "delta": 0.01, "ci_lower": -0.02, "ci_upper": 0.04, "confidence": 0.95, "p_value": 0.41}}}
                """));

        assertThat(page).contains("The change is not significant at the 5% level: the 95% confidence interval "
                + "includes 0.", ">not significant<");
    }

    @Test
    public void shouldSayWhenSignificanceCannotBeJudged() {
        var page = ValidationHtml.of(read("""
                {"verdict": "PASSED", "task": "binary", "metrics": {}, "gates": [],
                 "comparison": {"roc_auc": {"test": "DeLong", "challenger": 0.5, "baseline": 0.5, "delta": null,
                   "ci_lower": null, "ci_upper": null, "confidence": 0.95, "p_value": null, "detail": ""}}}
                """));

        assertThat(page).contains("Significance at the 5% level cannot be judged: the 95% confidence interval "
                + "is undefined.", "[—, —]", "<span class=\"change big same\">—</span>")
                .doesNotContain("aria-label=\"confidence interval of the change\"");
    }

    @Test
    public void shouldRenderMulticlassWithoutCurvesGroupsOrBaseline() {
        var page = ValidationHtml.of(read("""
                {"verdict": "FAILED", "summary": "FAILED: 1 of 1 gates fell short", "task": "multiclass",
                 "inputs": {"predictions": "mc.csv", "rows": 6, "label": "label", "prediction": "pred",
                            "groups": []},
                 "metrics": {"row_count": 6.0, "accuracy": 0.5, "f1_macro": 0.5, "f1_weighted": 0.5},
                 "notes": {},
                 "gates": [{"expression": "accuracy >= 0.9", "metric": "accuracy", "severity": "FAIL",
                            "outcome": "FAILED", "value": 0.5, "threshold": 0.9, "baseline": null,
                            "message": "accuracy = 0.5 is not >= 0.9"}],
                 "confusion_matrix": {"labels": ["cat", "dog", "bird"],
                                      "counts": [[1, 1, 0], [0, 1, 1], [0, 0, 2]]}}
                """));

        assertThat(page).contains("class=\"masthead bad\"", "multiclass classification",
                "<tr class=\"short bad\">", "<span class=\"badge bad\">FAILED</span>",
                "aria-label=\"Confusion matrix, 3 classes\"", ">bird</text>");
        assertThat(page).doesNotContain("ROC curve", "Precision-recall", "id=\"groups\"", "id=\"comparison\"",
                ">Change</th>", "Notes on undefined metrics", "Score column");
    }

    @Test
    public void shouldRenderRegressionWithoutAnyChart() {
        var page = ValidationHtml.of(read("""
                {"verdict": "WARNING", "summary": "WARNING: 1 of 1 gates fell short", "task": "regression",
                 "inputs": {"predictions": "reg.csv", "rows": 300, "label": "y", "prediction": "y_hat"},
                 "metrics": {"row_count": 300.0, "rmse": 4.7873191821525225, "mae": 3.9, "r2": 0.97,
                             "mape": 0.18},
                 "gates": [{"expression": "r2 >= 0.99", "severity": "WARN", "outcome": "FAILED", "value": 0.97,
                            "threshold": 0.99, "message": "r2 = 0.97 is not >= 0.99"}]}
                """));

        assertThat(page).contains("class=\"masthead warn\"", "Model validation · regression", "4.7873",
                "<tr class=\"short warn\">", "<span class=\"badge warn\">FAILED</span>");
        assertThat(page).doesNotContain("<svg", "id=\"charts\"", "id=\"groups\"", "id=\"comparison\"");
    }

    @Test
    public void shouldEscapeEveryStringFromTheReport() {
        var page = ValidationHtml.of(read("""
                {"verdict": "PASSED", "summary": "<b>bold</b>", "task": "binary",
                 "inputs": {"predictions": "a&b<c>.csv", "label": "lab\\"el & co", "groups": ["col\\"&<x>"]},
                 "metrics": {"accuracy[col\\"&<x>]": 0.5},
                 "notes": {"roc_auc": "<i>undefined</i>"},
                 "gates": [{"expression": "recall[g=<script>alert(1)</script>] >= 0.5", "severity": "FAIL",
                            "outcome": "ERROR", "message": "no slice '<script>alert(1)</script>'"}],
                 "groups": {"col\\"&<x>": [{"group": "<script>alert(1)</script>", "count": 3,
                                              "selection_rate": 0.5}]},
                 "confusion_matrix": {"labels": ["<script>alert(1)</script>", "\\"&"], "counts": [[1, 0], [0, 1]]}}
                """));

        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("<b>", "<i>", "<x>");
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "<code>a&amp;b&lt;c&gt;.csv</code>",
                "<code>lab&quot;el &amp; co</code>", "col&quot;&amp;&lt;x&gt;", "&lt;b&gt;bold&lt;/b&gt;",
                "aria-label=\"Rates per group of col&quot;&amp;&lt;x&gt;\"",
                "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>", "&lt;i&gt;undefined&lt;/i&gt;");
    }

    @Test
    public void shouldShowUndefinedValuesAsDash() {
        var page = ValidationHtml.of(read("""
                {"verdict": "FAILED", "task": "binary",
                 "metrics": {"roc_auc": null, "accuracy": 0.7},
                 "baseline_metrics": {"roc_auc": 0.8, "accuracy": null},
                 "notes": {"roc_auc": "only one class in the labels"},
                 "gates": [{"expression": "roc_auc >= 0.8", "severity": "FAIL", "outcome": "ERROR",
                            "value": null, "threshold": 0.8, "baseline": null,
                            "message": "roc_auc is undefined: only one class in the labels"}],
                 "groups": {"sex": [{"group": "F", "count": 2, "positives": 0, "selection_rate": 0.5,
                                     "true_positive_rate": null, "false_positive_rate": 0.5}]},
                 "roc_curve": {"fpr": [0, null, 1], "tpr": [0, null, 1]}}
                """));

        assertThat(page).contains("<td class=\"num\" title=\"only one class in the labels\">—</td>",
                "<td class=\"num\">—</td>", "F: true positive rate —", "only one class in the labels",
                "<span class=\"badge bad\">ERROR</span>", "AUC —").doesNotContain("NaN", "null");
    }

    /** A real validate.json: binary, with baseline, two group columns, curves and a confusion matrix. */
    private static JsonNode binarySample() {
        try (var sample = ValidationHtmlTest.class.getResourceAsStream("validate-binary.json")) {
            return JSON.readTree(sample);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(final String json) {
        try {
            return JSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
