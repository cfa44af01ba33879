package io.mlcd.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricValues;
import io.mlcd.validation.Comparison;
import io.mlcd.validation.ConfusionMatrix;
import io.mlcd.validation.Curve;
import io.mlcd.validation.Slice;
import io.mlcd.validation.MetricsValidation;
import io.mlcd.validation.ValidationResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns a validation result into {@code validate.json}, the report's canonical form; the HTML and
 * JUnit views are drawn from this document. NaN becomes null (JSON has no NaN) and the metric's
 * note, if any, goes to {@code notes}. Schema: docs/reports.md.
 */
public final class ValidationJson {
    public static final String SCHEMA = "mlcd.validate/1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ValidationJson() {
    }

    public static ObjectNode of(final ValidationResult result, final Instant createdAt) {
        var spec = result.spec();
        var evaluation = result.evaluation();
        var root = ReportHeader.start(SCHEMA, "validate", createdAt, result.verdict(), result.gates());
        root.put("task", evaluation.task().id());
        var inputs = root.putObject("inputs");
        inputs.put("predictions", spec.predictions().toString());
        inputs.put("baseline", spec.baseline() == null ? null : spec.baseline().toString());
        inputs.put("rows", evaluation.rows());
        inputs.put("label", spec.label());
        inputs.put("score", spec.score());
        inputs.put("prediction", spec.prediction());
        inputs.put("id", spec.id());
        inputs.put("positive_label", result.positiveLabel());
        if (spec.score() != null) {
            inputs.put("decision_threshold", spec.decisionThreshold());
        }
        var groups = inputs.putArray("groups");
        spec.groups().forEach(groups::add);
        root.set("metrics", metrics(evaluation.metrics(), false));
        root.set("notes", notes(evaluation.metrics()));
        if (result.baseline() != null) {
            root.set("baseline_metrics", metrics(result.baseline().metrics(), false));
        }
        root.set("gates", gates(result.gates()));
        if (!result.comparisons().isEmpty()) {
            root.set("comparison", comparisons(result.comparisons()));
        }
        if (!evaluation.slices().isEmpty()) {
            root.set("groups", groups(evaluation.slices()));
        }
        if (evaluation.matrix() != null) {
            root.set("confusion_matrix", matrix(evaluation.matrix()));
        }
        if (evaluation.roc() != null) {
            root.set("roc_curve", curve(evaluation.roc(), "fpr", "tpr"));
        }
        if (evaluation.precisionRecall() != null) {
            root.set("pr_curve", curve(evaluation.precisionRecall(), "recall", "precision"));
        }
        return root;
    }

    /** Metric values without per-slice entries (those appear under {@code groups}). */
    /** The report of gates on metrics read from MLflow runs: no rows, curves or groups, just metrics and gates. */
    public static ObjectNode of(final MetricsValidation result, final Instant createdAt) {
        var root = ReportHeader.start(SCHEMA, "validate", createdAt, result.verdict(), result.gates());
        var inputs = root.putObject("inputs");
        inputs.put("metrics_from", result.source());
        inputs.put("baseline", result.baselineSource());
        root.set("metrics", metrics(result.metrics(), false));
        root.set("notes", notes(result.metrics()));
        if (result.baseline() != null) {
            root.set("baseline_metrics", metrics(result.baseline(), false));
        }
        root.set("gates", gates(result.gates()));
        return root;
    }

    private static ObjectNode metrics(final MetricValues values, final boolean withSlices) {
        var node = JSON.objectNode();
        values.asMap().forEach((key, value) -> {
            if (withSlices || !key.contains("=")) {
                number(node, key, value);
            }
        });
        return node;
    }

    private static ObjectNode notes(final MetricValues values) {
        var node = JSON.objectNode();
        values.notes().forEach((key, note) -> {
            var value = values.asMap().get(key);
            if (value == null || Double.isNaN(value)) {
                node.put(key, note);
            }
        });
        return node;
    }

    static ArrayNode gates(final List<GateResult> results) {
        var array = JSON.arrayNode();
        for (GateResult result : results) {
            var gate = array.addObject();
            gate.put("expression", result.gate().expression());
            gate.put("metric", result.gate().metric().toString());
            gate.put("severity", result.gate().severity().name());
            gate.put("outcome", result.outcome().name());
            number(gate, "value", result.value());
            number(gate, "threshold", result.threshold());
            number(gate, "baseline", result.baseline());
            gate.put("message", result.message());
        }
        return array;
    }

    private static ObjectNode comparisons(final List<Comparison> comparisons) {
        var node = JSON.objectNode();
        for (Comparison comparison : comparisons) {
            var entry = node.putObject(comparison.metric());
            entry.put("test", comparison.test());
            number(entry, "challenger", comparison.challenger());
            number(entry, "baseline", comparison.baseline());
            number(entry, "delta", comparison.delta());
            number(entry, "ci_lower", comparison.ciLower());
            number(entry, "ci_upper", comparison.ciUpper());
            entry.put("confidence", Comparison.CONFIDENCE);
            number(entry, "p_value", comparison.pValue());
            entry.put("detail", comparison.detail());
        }
        return node;
    }

    private static ObjectNode groups(final Map<String, List<Slice>> slices) {
        var node = JSON.objectNode();
        slices.forEach((column, list) -> {
            var array = node.putArray(column);
            for (Slice slice : list) {
                var row = array.addObject();
                var confusion = slice.confusion();
                row.put("group", slice.value());
                row.put("count", slice.count());
                number(row, "selection_rate", confusion.selectionRate());
                number(row, "accuracy", confusion.accuracy());
                number(row, "precision", confusion.precision());
                number(row, "recall", confusion.recall());
                number(row, "f1", confusion.f1());
                number(row, "true_positive_rate", confusion.truePositiveRate());
                number(row, "false_positive_rate", confusion.falsePositiveRate());
                row.put("positives", confusion.tp() + confusion.fn());
            }
        });
        return node;
    }

    private static ObjectNode matrix(final ConfusionMatrix matrix) {
        var node = JSON.objectNode();
        var labels = node.putArray("labels");
        matrix.labels().forEach(labels::add);
        var counts = node.putArray("counts");
        for (long[] row : matrix.counts()) {
            var array = counts.addArray();
            for (long count : row) {
                array.add(count);
            }
        }
        return node;
    }

    private static ObjectNode curve(final Curve curve, final String x, final String y) {
        var node = JSON.objectNode();
        var xs = node.putArray(x);
        var ys = node.putArray(y);
        for (double value : curve.x()) {
            add(xs, value);
        }
        for (double value : curve.y()) {
            add(ys, value);
        }
        return node;
    }

    private static void add(final ArrayNode array, final double value) {
        if (Double.isFinite(value)) {
            array.add(value);
        }
        else {
            array.addNull();
        }
    }

    private static void number(final ObjectNode node, final String key, final Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(key);
        }
        else {
            node.put(key, value);
        }
    }
}
