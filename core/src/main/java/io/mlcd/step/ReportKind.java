package io.mlcd.step;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcd.canary.CanaryCatalog;
import io.mlcd.drift.DriftCatalog;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.report.CanaryHtml;
import io.mlcd.report.DriftHtml;
import io.mlcd.report.ValidationHtml;
import io.mlcd.validation.ValidationCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports a gated step publishes: the CLI command that names its files and pages
 * ({@code validate.html}, {@code mlcd-validate/}), the step's name in MLflow tags
 * ({@code mlcd.validation.*}), its HTML view, and the metrics its gates may name.
 */
public enum ReportKind {
    VALIDATION("validate", "validation"),
    DRIFT("drift", "drift"),
    CANARY("canary", "canary");

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
        };
    }

    public MetricCatalog catalog() {
        return switch (this) {
            case VALIDATION -> new ValidationCatalog();
            case DRIFT -> new DriftCatalog();
            case CANARY -> new CanaryCatalog();
        };
    }

    /** The gates of a report document (a canary's: its deciding analysis'), as results for a record. */
    public List<GateResult> gates(final JsonNode report) {
        var parser = new GateParser(catalog());
        var results = new ArrayList<GateResult>();
        for (JsonNode gate : report.path("gates")) {
            results.add(parser.restore(gate.path("expression").asText(), gate.path("severity").asText(),
                    gate.path("outcome").asText(), gate.path("message").asText()));
        }
        return results;
    }
}
