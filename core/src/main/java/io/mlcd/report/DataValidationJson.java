package io.mlcd.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.NumericProfile;
import io.mlcd.gate.GateResult;
import io.mlcd.quality.Anomaly;
import io.mlcd.quality.ColumnSchema;
import io.mlcd.quality.Constraint;
import io.mlcd.quality.ConstraintResult;
import io.mlcd.quality.DataValidationResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Turns a data validation result into {@code validate-data.json}, the report's canonical form;
 * the HTML and JUnit views are drawn from it. Schema {@value #SCHEMA}: docs/validate-data.md.
 * NaN becomes null.
 */
public final class DataValidationJson {
    public static final String SCHEMA = "mlcd.validate-data/1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Bins of the histogram drawn per numeric column. */
    private static final int HISTOGRAM_BINS = 10;
    /** Values listed per categorical column. */
    private static final int VALUES_SHOWN = 20;

    private DataValidationJson() {
    }

    public static ObjectNode of(final DataValidationResult result, final Instant createdAt) {
        var root = ReportHeader.start(SCHEMA, "validate-data", createdAt, result.verdict(), result.gates());
        root.put("summary", summary(result));
        var inputs = root.putObject("inputs");
        var data = inputs.putArray("data");
        result.inputs().forEach(data::add);
        inputs.put("schema", result.schemaName());
        inputs.put("reference", result.reference());
        inputs.put("dataset", result.dataset());
        inputs.put("rows", result.profile().rows());
        inputs.put("profiles", result.fromProfiles());
        var anomalies = root.putArray("anomalies");
        result.anomalies().forEach(anomaly -> anomalies.add(anomaly(anomaly)));
        var constraints = root.putArray("constraints");
        result.constraints().forEach(constraint -> constraints.add(constraint(constraint, result.profile().rows())));
        var notChecked = root.putArray("not_checked");
        result.notChecked().forEach(name -> notChecked.addObject().put("name", name)
                .put("reason", "no reference was given to compare with"));
        // the constraints' gates are in "constraints"; "gates" holds the user's, as in every report
        root.set("gates", ValidationJson.gates(result.gates().subList(result.constraints().size(),
                result.gates().size())));
        var metrics = root.putObject("metrics");
        result.metrics().asMap().forEach((key, value) -> number(metrics, key, value));
        if (result.history().isRequested()) {
            root.set("history", history(result));
        }
        var columns = root.putArray("columns");
        for (ColumnProfile column : result.profile().columns()) {
            columns.add(column(column, result));
        }
        return root;
    }

    /** The verdict and what decided it: the constraints first, then the user's gates. */
    private static String summary(final DataValidationResult result) {
        var constraints = result.constraints().size();
        var failedConstraints = result.constraints().stream().filter(c -> c.outcome().fellShort()).count();
        var userGates = result.gates().subList(constraints, result.gates().size());
        var failedGates = userGates.stream().filter(gate -> gate.outcome().fellShort()).count();
        var text = new StringBuilder(result.verdict().name()).append(": ");
        text.append(result.anomalies().size()).append(result.anomalies().size() == 1 ? " anomaly" : " anomalies");
        text.append(String.format(Locale.ROOT, "; %d of %d constraints fell short", failedConstraints, constraints));
        if (!userGates.isEmpty()) {
            text.append(String.format(Locale.ROOT, ", %d of %d gates", failedGates, userGates.size()));
        }
        if (!result.notChecked().isEmpty()) {
            text.append(String.format(Locale.ROOT, "; %d skew constraint%s not checked (no reference given)",
                    result.notChecked().size(), result.notChecked().size() == 1 ? "" : "s"));
        }
        result.gates().stream().filter(gate -> gate.outcome().fellShort()).findFirst().map(GateResult::message)
                .ifPresent(message -> text.append("; first: ").append(message));
        return text.toString();
    }

    private static ObjectNode anomaly(final Anomaly anomaly) {
        var node = JSON.objectNode();
        node.put("type", anomaly.type().id());
        node.put("column", anomaly.column());
        node.put("constraint", anomaly.constraint());
        node.put("severity", anomaly.severity().name());
        node.put("count", anomaly.count());
        number(node, "share", anomaly.share());
        node.set("examples", texts(anomaly.examples()));
        node.put("message", anomaly.message());
        return node;
    }

    private static ObjectNode constraint(final ConstraintResult constraint, final long rows) {
        var node = JSON.objectNode();
        node.put("name", constraint.name());
        node.put("type", constraint.type().id());
        node.put("column", constraint.column());
        node.put("severity", constraint.severity().name());
        node.put("outcome", constraint.outcome().name());
        number(node, "observed", constraint.observed());
        node.put("expected", constraint.expected());
        if (constraint.count() == null) {
            node.putNull("count");
            node.putNull("share");
        }
        else {
            node.put("count", constraint.count());
            number(node, "share", (double) constraint.count() / rows);
        }
        node.put("method", constraint.exact() ? "exact" : "sketch");
        number(node, "error_bound", constraint.errorBound());
        node.set("examples", texts(constraint.examples()));
        node.put("inferred", constraint.inferred());
        node.put("message", constraint.message());
        return node;
    }

    private static ObjectNode history(final DataValidationResult result) {
        var node = JSON.objectNode();
        // earlier records found (at most --history N): a record adds a point to every series
        node.put("compared_with", result.historyPoints().keySet().stream()
                .mapToInt(key -> result.history().points(key).size()).max().orElse(0));
        node.put("requested", result.history().compared());
        var series = node.putObject("series");
        result.historyPoints().forEach((key, current) -> {
            var entry = series.putObject(key);
            var earlier = entry.putArray("earlier");
            result.history().points(key).forEach(earlier::add);
            number(entry, "current", current);
            var kind = key.contains(".completeness.") ? io.mlcd.quality.MetricHistory.Change.ABSOLUTE
                    : io.mlcd.quality.MetricHistory.Change.RELATIVE;
            var change = result.history().change(key, current, kind);
            if (Double.isNaN(change)) {
                entry.put("change", 0.0);
                entry.put("note", "no earlier record");
            }
            else {
                entry.put("change", change);
            }
        });
        return node;
    }

    private static ObjectNode column(final ColumnProfile column, final DataValidationResult result) {
        var schema = result.schema().column(column.name());
        var node = JSON.objectNode();
        node.put("name", column.name());
        node.put("type", column.type().id());
        node.put("schema_type", schema.map(s -> s.type().id()).orElse(null));
        var rows = result.profile().rows();
        node.put("rows", rows);
        node.put("missing", rows - column.count() - column.unparseable());
        number(node, "completeness", (double) (column.count() + column.unparseable()) / rows);
        node.put("unparseable", column.unparseable());
        column.numericProfile().ifPresent(numeric -> node.set("numeric", numeric(numeric)));
        column.categoricalProfile().ifPresent(categorical -> {
            var domain = schema.flatMap(DataValidationJson::domain);
            var values = JSON.objectNode();
            var list = values.putArray("values");
            var listed = 0L;
            for (var entry : categorical.counts().entrySet()) {
                if (list.size() == VALUES_SHOWN) {
                    break;
                }
                var value = list.addObject();
                value.put("value", entry.getKey());
                value.put("count", entry.getValue());
                if (domain.isPresent()) {
                    value.put("in_domain", domain.get().contains(entry.getKey()));
                }
                else {
                    value.putNull("in_domain");
                }
                listed += entry.getValue();
            }
            values.put("other", categorical.total() - listed);
            values.put("exact", categorical.exact());
            node.set("categorical", values);
        });
        return node;
    }

    private static Optional<TreeSet<String>> domain(final ColumnSchema column) {
        return column.constraints().stream().filter(Constraint.Domain.class::isInstance)
                .map(constraint -> new TreeSet<>(((Constraint.Domain) constraint).values())).findFirst();
    }

    /** Summary and a histogram of equal-width bins over [min, max]: exact from kept values, else from the sketch. */
    private static ObjectNode numeric(final NumericProfile numeric) {
        var node = JSON.objectNode();
        var summary = numeric.summary();
        var empty = summary.count() == 0;
        number(node, "min", empty ? null : summary.min());
        number(node, "max", empty ? null : summary.max());
        number(node, "mean", empty ? null : summary.mean());
        number(node, "stddev", summary.std());
        if (empty) {
            return node;
        }
        var bins = summary.max() > summary.min() ? HISTOGRAM_BINS : 1;
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = summary.min() + (summary.max() - summary.min()) * i / bins;
        }
        edges[bins] = summary.max();
        var counts = new long[bins];
        var exact = numeric.exact();
        if (exact.isPresent()) {
            for (double value : exact.get()) {
                var bin = bins == 1 ? 0 : (int) Math.min(bins - 1, Math.floor((value - summary.min())
                        / (summary.max() - summary.min()) * bins));
                counts[bin]++;
            }
        }
        else {
            var sketch = numeric.sketch();
            var below = 0L;
            for (int i = 1; i <= bins; i++) {
                var atOrBelow = i == bins ? summary.count()
                        : Math.round(sketch.getRank(edges[i], QuantileSearchCriteria.EXCLUSIVE) * summary.count());
                counts[i - 1] = Math.max(0, atOrBelow - below);
                below = Math.max(below, atOrBelow);
            }
        }
        var histogram = node.putObject("histogram");
        var edgeArray = histogram.putArray("edges");
        for (double edge : edges) {
            edgeArray.add(edge);
        }
        var countArray = histogram.putArray("counts");
        for (long count : counts) {
            countArray.add(count);
        }
        histogram.put("exact", exact.isPresent());
        return node;
    }

    private static ArrayNode texts(final List<String> texts) {
        var array = JSON.arrayNode();
        texts.forEach(array::add);
        return array;
    }

    private static void number(final ObjectNode node, final String key, @CheckForNull final Double value) {
        if (value != null && Double.isFinite(value)) {
            node.put(key, value);
        }
        else {
            node.putNull(key);
        }
    }
}
