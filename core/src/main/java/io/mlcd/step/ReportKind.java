package io.mlcd.step;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcd.canary.CanaryCatalog;
import io.mlcd.drift.DriftCatalog;
import io.mlcd.gate.Gate;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.Operator;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Severity;
import io.mlcd.gate.Threshold;
import io.mlcd.quality.DataCatalog;
import io.mlcd.quality.MetricHistory;
import io.mlcd.report.CanaryHtml;
import io.mlcd.report.DataValidationHtml;
import io.mlcd.report.DriftHtml;
import io.mlcd.report.ReportDigest;
import io.mlcd.report.RobustnessHtml;
import io.mlcd.report.ValidationHtml;
import io.mlcd.robustness.RobustnessCatalog;
import io.mlcd.validation.ValidationCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reports a gated step publishes: the CLI command that names its files and pages
 * ({@code validate.html}, {@code mlcd-validate/}), the step's name in MLflow tags
 * ({@code mlcd.validation.*}), its HTML view, and the metrics its gates may name.
 */
public enum ReportKind {
    VALIDATION("validate", "validation"),
    DRIFT("drift", "drift"),
    CANARY("canary", "canary"),
    DATA("validate-data", "data"),
    ROBUSTNESS("robustness", "robustness");

    /** A robustness run's trend point: its largest flip rate over the perturbations. */
    private static final String MAX_FLIP_RATE = "max_flip_rate";
    /** {@code data.<dataset>.anomalies}: dataset names have no dot. */
    private static final Pattern ANOMALY_COUNT = Pattern.compile("data\\.[A-Za-z0-9_-]+\\.anomalies");

    private final String command;
    private final String record;

    ReportKind(final String command, final String record) {
        this.command = command;
        this.record = record;
    }

    public String command() {
        return command;
    }

    /** The step's name in the record's tag keys. */
    public String record() {
        return record;
    }

    /** The report's HTML page, drawn from its document. */
    public String html(final JsonNode report) {
        return switch (this) {
            case VALIDATION -> ValidationHtml.of(report);
            case DRIFT -> DriftHtml.of(report);
            case CANARY -> CanaryHtml.of(report);
            case DATA -> DataValidationHtml.of(report);
            case ROBUSTNESS -> RobustnessHtml.of(report);
        };
    }

    /** The metrics gates may name; a robustness run's depend on its perturbations (none here). */
    public MetricCatalog catalog() {
        return switch (this) {
            case VALIDATION -> new ValidationCatalog();
            case DRIFT -> new DriftCatalog();
            case CANARY -> new CanaryCatalog();
            case DATA -> new DataCatalog();
            case ROBUSTNESS -> new RobustnessCatalog(List.of());
        };
    }

    /**
     * The gates of a report document (a canary's: its deciding analysis'), as results for a record.
     * A data validation report's constraints come first, as {@code mlcd validate-data} records them:
     * each restored with its name, severity, outcome and message (what a record keeps) as the gate
     * {@code anomalies[TYPE] <= 0} it amounts to.
     */
    public List<GateResult> gates(final JsonNode report) {
        var parser = new GateParser(this == ROBUSTNESS ? new RobustnessCatalog(perturbations(report)) : catalog());
        var results = new ArrayList<GateResult>();
        if (this == DATA) {
            for (JsonNode constraint : report.path("constraints")) {
                var gate = new Gate(constraint.path("name").asText(), MetricKey.grouped("anomalies",
                        constraint.path("type").asText()), Operator.LESS_OR_EQUAL, new Threshold.Fixed(0),
                        Severity.valueOf(constraint.path("severity").asText()));
                results.add(new GateResult(gate, Outcome.valueOf(constraint.path("outcome").asText()), null, null, null,
                        constraint.path("message").asText()));
            }
        }
        for (JsonNode gate : report.path("gates")) {
            results.add(parser.restore(gate.path("expression").asText(), gate.path("severity").asText(),
                    gate.path("outcome").asText(), gate.path("message").asText()));
        }
        return results;
    }

    /**
     * The metrics a record logs: the report's numeric metrics; for data validation also one point
     * of each history series of the dataset ({@code data.<dataset>.row_count},
     * {@code data.<dataset>.completeness.<col>}, {@code data.<dataset>.mean.<col>}), as
     * {@code mlcd validate-data} records them. The points are the report's own numbers: its row
     * count, and the completeness and mean of each batch column the schema names.
     */
    public Map<String, Double> metrics(final JsonNode report) {
        var metrics = new LinkedHashMap<>(ReportDigest.of(report).metrics());
        if (this == DATA) {
            var dataset = report.path("inputs").path("dataset").asText();
            metrics.put(MetricHistory.key(dataset, "row_count", null), report.path("inputs").path("rows").asDouble());
            for (JsonNode column : report.path("columns")) {
                if (column.path("schema_type").isNull() || column.path("schema_type").isMissingNode()) {
                    continue;
                }
                var name = column.path("name").asText();
                point(metrics, MetricHistory.key(dataset, "completeness", name), column.path("completeness"));
                point(metrics, MetricHistory.key(dataset, "mean", name), column.path("numeric").path("mean"));
            }
        }
        return metrics;
    }

    private static List<String> perturbations(final JsonNode report) {
        var ids = new ArrayList<String>();
        report.path("perturbations").forEach(perturbation -> ids.add(perturbation.path("id").asText()));
        return ids;
    }

    private static void point(final Map<String, Double> metrics, final String key, final JsonNode value) {
        if (value.isNumber()) {
            metrics.put(key, value.doubleValue());
        }
    }

    /**
     * The numbers a build adds to the job's trend chart: the headline metrics; for data validation
     * the anomaly count, as {@code data.<dataset>.anomalies}, so training data and a production
     * batch checked in one build keep separate lines; for robustness the largest flip rate.
     */
    public Map<String, Double> headline(final JsonNode report) {
        if (this == ROBUSTNESS) {
            var worst = report.path("metrics").path(MAX_FLIP_RATE);
            return worst.isNumber() ? Map.of(MAX_FLIP_RATE, worst.doubleValue()) : Map.of();
        }
        if (this != DATA) {
            return ReportDigest.of(report).headline();
        }
        var anomalies = report.path("metrics").path("anomalies");
        return anomalies.isNumber() ? Map.of(MetricHistory.key(report.path("inputs").path("dataset").asText(),
                "anomalies", null), anomalies.doubleValue()) : Map.of();
    }

    /**
     * A build's trend point after one more step: a data validation's anomaly count
     * ({@code data.<dataset>.anomalies}) adds to the count of the build's earlier checks of that
     * dataset, so two batches of {@code production} checked in one build count all their anomalies;
     * any other metric (a ROC AUC, a drift share) is a value, not a count, and the later step's
     * replaces the earlier one.
     *
     * @param build the build's point so far, in the order its steps computed them
     * @param step  the step's {@link #headline}
     */
    public static Map<String, Double> plus(final Map<String, Double> build, final Map<String, Double> step) {
        var all = new LinkedHashMap<>(build);
        step.forEach((key, value) -> {
            if (isCount(key)) {
                all.merge(key, value, Double::sum);
            }
            else {
                all.put(key, value);
            }
        });
        return all;
    }

    private static boolean isCount(final String key) {
        return ANOMALY_COUNT.matcher(key).matches();
    }
}
