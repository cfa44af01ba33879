package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcd.validation.Tendency;
import io.mlcd.validation.ValidationMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The metrics table: value, and with a baseline its value and the change, coloured by whether the
 * change is an improvement for that metric. Fairness metrics (those named with a group column in
 * brackets) get their own block; notes on undefined metrics follow the table.
 */
final class MetricTable {
    private MetricTable() {
    }

    static void write(final Html page, final JsonNode report) {
        var baseline = report.path("baseline_metrics");
        var plain = new ArrayList<String>();
        var fairness = new ArrayList<String>();
        report.path("metrics").fieldNames().forEachRemaining(key -> {
            if (!inComparison(key, report.path("comparison"))) {
                (key.contains("[") ? fairness : plain).add(key);
            }
        });
        page.open("section", "id", "metrics").element("h2", "Metrics");
        page.open("table", "class", "metrics").open("thead").open("tr").element("th", "Metric")
                .element("th", "Value", "class", "num");
        if (baseline.isObject()) {
            page.element("th", "Baseline", "class", "num").element("th", "Change", "class", "num");
        }
        page.close("tr").close("thead").open("tbody");
        rows(page, plain, report);
        page.close("tbody");
        if (!fairness.isEmpty()) {
            page.open("tbody").open("tr").element("th", "Fairness across groups",
                    "colspan", baseline.isObject() ? "4" : "2", "class", "block-title").close("tr");
            rows(page, fairness, report);
            page.close("tbody");
        }
        page.close("table");
        notes(page, report.path("notes"));
        page.close("section");
    }

    /** Which way a metric improves, e.g. smaller for {@code log_loss}; unknown metrics are neutral. */
    static Tendency tendency(final String key) {
        return ValidationMetric.byId(name(key)).map(ValidationMetric::tendency).orElse(Tendency.NEUTRAL);
    }

    /** CSS class of a change: better, worse, or same when neither way is better or nothing changed. */
    static String direction(final String key, final double change) {
        var tendency = tendency(key);
        if (change == 0 || !Double.isFinite(change) || tendency == Tendency.NEUTRAL) {
            return "same";
        }
        return change > 0 == (tendency == Tendency.LARGER_IS_BETTER) ? "better" : "worse";
    }

    /** The comparison section shows {@code roc_auc_delta} and its interval; the table need not repeat them. */
    private static boolean inComparison(final String key, final JsonNode comparison) {
        var names = comparison.fieldNames();
        while (names.hasNext()) {
            if (key.startsWith(names.next() + "_delta")) {
                return true;
            }
        }
        return false;
    }

    private static void rows(final Html page, final List<String> keys, final JsonNode report) {
        var baseline = report.path("baseline_metrics");
        for (String key : keys) {
            var value = report.path("metrics").path(key);
            page.open("tr").open("td");
            metric(page, key);
            page.close("td");
            page.element("td", Format.number(value), "class", "num",
                    "title", value.isNumber() ? null : report.path("notes").path(key).textValue());
            if (baseline.isObject()) {
                var before = baseline.path(key);
                page.element("td", Format.number(before), "class", "num");
                change(page, key, value, before);
            }
            page.close("tr");
        }
    }

    /** The metric name in code style, its bracketed qualifier muted, its definition as tooltip. */
    private static void metric(final Html page, final String key) {
        var name = name(key);
        page.open("code", "title", ValidationMetric.byId(name).map(ValidationMetric::definition).orElse(null))
                .text(name);
        if (name.length() < key.length()) {
            page.element("span", key.substring(name.length()), "class", "qualifier");
        }
        page.close("code");
    }

    /** The metric without its bracketed group column or slice: {@code recall} for {@code recall[sex=F]}. */
    private static String name(final String key) {
        var bracket = key.indexOf('[');
        return bracket < 0 ? key : key.substring(0, bracket);
    }

    private static void change(final Html page, final String key, final JsonNode value, final JsonNode before) {
        if (!value.isNumber() || !before.isNumber()) {
            page.element("td", Format.MISSING, "class", "num");
            return;
        }
        var change = value.doubleValue() - before.doubleValue();
        var arrow = change > 0 ? "▲ " : change < 0 ? "▼ " : "";
        page.element("td", arrow + Format.signed(change), "class", "num change " + direction(key, change));
    }

    /** Notes grouped by their text: many metrics are often undefined for one reason. */
    private static void notes(final Html page, final JsonNode notes) {
        if (notes.isEmpty()) {
            return;
        }
        var byText = new LinkedHashMap<String, List<String>>();
        notes.fields().forEachRemaining(note -> byText.computeIfAbsent(note.getValue().asText(),
                text -> new ArrayList<>()).add(note.getKey()));
        page.open("div", "class", "notes").element("h3", "Notes on undefined metrics").open("ul");
        byText.forEach((text, keys) -> {
            page.open("li");
            for (int i = 0; i < keys.size(); i++) {
                page.text(i == 0 ? "" : ", ").element("code", keys.get(i));
            }
            page.text(": " + text).close("li");
        });
        page.close("ul").close("div");
    }
}
