package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a CI build page shows of a step's report document: its verdict, summary and numeric
 * metrics, and the headline numbers among them that the build summary and the job's trend
 * chart show.
 *
 * @param metrics the report's numeric metrics, in its order
 */
public record ReportDigest(String verdict, String summary, Map<String, Double> metrics) {
    /** The headline metrics, in the order shown, as far as a report has them. */
    public static final List<String> HEADLINE = List.of("roc_auc", "pr_auc", "accuracy", "f1", "r2", "rmse", "mae",
            "drift_share");

    public ReportDigest {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public static ReportDigest of(final JsonNode report) {
        var metrics = new LinkedHashMap<String, Double>();
        report.path("metrics").properties().forEach(entry -> {
            if (entry.getValue().isNumber()) {
                metrics.put(entry.getKey(), entry.getValue().asDouble());
            }
        });
        return new ReportDigest(report.path("verdict").asText(), report.path("summary").asText(), metrics);
    }

    /** What a Pipeline step returns of its report: verdict, summary, metrics, and the report page's address. */
    public Map<String, Object> values(final String reportUrl) {
        var values = new LinkedHashMap<String, Object>();
        values.put("verdict", verdict);
        values.put("summary", summary);
        values.put("metrics", new LinkedHashMap<>(metrics));
        values.put("reportUrl", reportUrl);
        return values;
    }

    /** The finite headline metrics of the report. */
    public Map<String, Double> headline() {
        var headline = new LinkedHashMap<String, Double>();
        HEADLINE.forEach(name -> {
            var value = metrics.get(name);
            if (value != null && Double.isFinite(value)) {
                headline.put(name, value);
            }
        });
        return headline;
    }

    /** The headline as "name value" with four significant digits, e.g. "roc_auc 0.9123". */
    public List<String> headlineText() {
        var lines = new ArrayList<String>();
        headline().forEach((name, value) -> lines.add(name + " " + String.format(Locale.ROOT, "%.4g", value)));
        return lines;
    }
}
