package io.mlcd.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.robustness.ColumnBounds;
import io.mlcd.robustness.ColumnSensitivity;
import io.mlcd.robustness.Estimate;
import io.mlcd.robustness.PerturbationResult;
import io.mlcd.robustness.RobustnessResult;
import io.mlcd.robustness.WeakSegment;
import io.mlcd.robustness.WeakSegments;
import java.time.Instant;
import java.util.Map;

/**
 * Turns a robustness result into {@code robustness.json}, the report's canonical form; the HTML and
 * JUnit views are drawn from it. Schema: docs/robustness.md. NaN becomes null; an interval is an
 * object {@code {value, lower, upper}} with the 95% bounds.
 */
public final class RobustnessJson {
    public static final String SCHEMA = "mlcd.robustness/1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * What was tested, as the report shows it.
     *
     * @param model   the model's URL without user info, or the deploy command as the user may show it
     * @param profile the training profile's file, null without one
     */
    public record Inputs(String data, @CheckForNull String profile, String model) {
    }

    private RobustnessJson() {
    }

    public static ObjectNode of(final RobustnessResult result, final Inputs inputs, final Instant createdAt) {
        var root = ReportHeader.start(SCHEMA, "robustness", createdAt, result.verdict(), result.gates());
        var in = root.putObject("inputs");
        in.put("data", inputs.data());
        if (inputs.profile() == null) {
            in.putNull("profile");
        }
        else {
            in.put("profile", inputs.profile());
        }
        in.put("model", inputs.model());
        if (result.labelColumn() == null) {
            in.putNull("label");
        }
        else {
            in.put("label", result.labelColumn());
        }
        in.put("rows", result.rows());
        in.put("task", result.task().id());
        in.put("seed", result.seed());
        in.put("decision_threshold", result.decisionThreshold());
        var metrics = root.putObject("metrics");
        result.metrics().asMap().forEach((key, value) -> number(metrics, key, value));
        var original = root.putObject("original_metrics");
        result.originalMetrics().forEach((key, value) -> number(original, key, value));
        root.set("gates", ValidationJson.gates(result.gates()));
        var perturbations = root.putArray("perturbations");
        result.perturbations().forEach(perturbation -> perturbations.add(perturbation(perturbation)));
        var columns = root.putArray("columns");
        for (ColumnSensitivity column : result.columns()) {
            columns.add(column(column, result));
        }
        root.set("weak_segments", segments(result.segments()));
        var notes = root.putArray("notes");
        result.notes().forEach(notes::add);
        return root;
    }

    private static ObjectNode perturbation(final PerturbationResult result) {
        var node = JSON.objectNode();
        node.put("id", result.id());
        node.put("kind", result.id().substring(0, result.id().indexOf(':')));
        var column = result.perturbation().column();
        if (column.isPresent()) {
            node.put("column", column.get());
        }
        else {
            node.putNull("column");
        }
        node.put("description", result.perturbation().describe());
        node.put("rows", result.rows());
        node.put("changed_rows", result.changedRows());
        if (result.flipRate() == null) {
            node.putNull("flips");
            node.putNull("flip_rate");
        }
        else {
            node.put("flips", result.flips());
            node.set("flip_rate", interval(result.flipRate()));
        }
        node.set("mean_abs_change", interval(result.meanAbsChange()));
        node.set("mean_rel_change", interval(result.meanRelChange()));
        var metrics = node.putObject("metrics");
        result.metrics().forEach((key, value) -> number(metrics, key, value));
        var changes = node.putObject("metric_changes");
        for (Map.Entry<String, Estimate> change : result.metricChanges().entrySet()) {
            changes.set(change.getKey(), interval(change.getValue()));
        }
        return node;
    }

    private static ObjectNode column(final ColumnSensitivity column, final RobustnessResult result) {
        var node = JSON.objectNode();
        node.put("name", column.column());
        number(node, "max_flip_rate", column.maxFlipRate());
        number(node, "max_mean_abs_change", column.maxMeanAbsChange());
        node.put("worst", column.worst());
        var ids = node.putArray("perturbations");
        column.perturbations().forEach(ids::add);
        result.bounds().stream().filter(bounds -> bounds.name().equals(column.column())).findFirst()
                .ifPresent(bounds -> node.set("bounds", bounds(bounds)));
        return node;
    }

    private static ObjectNode bounds(final ColumnBounds bounds) {
        var node = JSON.objectNode();
        node.put("source", bounds.source());
        node.put("numeric", bounds.numeric());
        if (bounds.numeric()) {
            number(node, "p1", bounds.low());
            number(node, "p99", bounds.high());
            number(node, "spread", bounds.spread());
            node.put("spread_by", bounds.spreadBy());
            node.put("whole_numbers", bounds.integral());
        }
        var frequent = node.putArray("frequent_values");
        bounds.frequent().forEach(frequent::add);
        return node;
    }

    private static ObjectNode segments(final WeakSegments.Found found) {
        var node = JSON.objectNode();
        node.put("tested", found.tested());
        node.put("significant", found.significant());
        node.put("false_discovery_rate", WeakSegments.FDR);
        node.put("min_rows", WeakSegments.MIN_ROWS);
        var list = node.putArray("segments");
        for (WeakSegment segment : found.segments()) {
            var entry = list.addObject();
            entry.put("description", segment.description());
            var conditions = entry.putArray("conditions");
            segment.conditions().forEach(conditions::add);
            entry.put("rows", segment.rows());
            number(entry, "sensitivity", segment.sensitivity());
            number(entry, "other_sensitivity", segment.otherSensitivity());
            number(entry, "p_value", segment.pValue());
            number(entry, "adjusted_p_value", segment.adjustedP());
            entry.put("significant", segment.significant());
        }
        return node;
    }

    private static ObjectNode interval(final Estimate estimate) {
        var node = JSON.objectNode();
        number(node, "value", estimate.value());
        number(node, "lower", estimate.lower());
        number(node, "upper", estimate.upper());
        return node;
    }

    private static void number(final ObjectNode node, final String key, final double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        }
        else {
            node.putNull(key);
        }
    }
}
