package io.mlcd.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.drift.ColumnDrift;
import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.DriftResult;
import java.time.Instant;

/**
 * Turns a drift result into {@code drift.json}, the report's canonical form; the HTML and JUnit
 * views are drawn from it. Schema: docs/drift.md. NaN becomes null.
 */
public final class DriftJson {
    public static final String SCHEMA = "mlcd.drift/1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int CATEGORIES_SHOWN = 20;

    private DriftJson() {
    }

    public static ObjectNode of(final DriftResult result, final Instant createdAt) {
        var root = ReportHeader.start(SCHEMA, "drift", createdAt, result.verdict(), result.gates());
        var inputs = root.putObject("inputs");
        inputs.put("reference", result.reference().source());
        inputs.put("current", result.current().source());
        inputs.put("reference_rows", result.reference().rows());
        inputs.put("current_rows", result.current().rows());
        root.put("drift_share", result.driftShare());
        root.put("drifted_columns", result.driftedColumns());
        root.put("tested_columns", result.columns().size());
        var metrics = root.putObject("metrics");
        result.metrics().asMap().forEach((key, value) -> number(metrics, key, value));
        root.set("gates", ValidationJson.gates(result.gates()));
        var columns = root.putArray("columns");
        result.columns().forEach(column -> columns.add(column(column)));
        return root;
    }

    private static ObjectNode column(final ColumnDrift column) {
        var node = JSON.objectNode();
        node.put("name", column.name());
        node.put("type", column.type().id());
        node.put("role", column.role());
        node.put("test", column.test().id());
        number(node, "statistic", column.statistic());
        number(node, "p_value", column.pValue());
        number(node, "threshold", column.threshold());
        node.put("rule", column.test().rule(column.threshold()));
        node.put("drifted", column.drifted());
        node.put("method", column.exact() ? "exact" : "sketch");
        if (column.exact()) {
            node.putNull("error_bound");
        }
        else {
            number(node, "error_bound", column.errorBound());
        }
        node.set("reference", side(column.reference()));
        node.set("current", side(column.current()));
        var distribution = node.putObject("distribution");
        var shown = Shown.of(column);
        var bins = distribution.putArray("bins");
        shown.labels().forEach(bins::add);
        distribution.set("reference", shares(shown.reference()));
        distribution.set("current", shares(shown.current()));
        if (column.edges().length > 0) {
            distribution.set("edges", shares(column.edges()));
        }
        return node;
    }

    /**
     * The bins drawn in the report: all of them for numeric columns and up to
     * {@value #CATEGORIES_SHOWN} categories; beyond that the categories with the largest share on
     * either side, the rest summed into {@code (other)}.
     */
    private record Shown(java.util.List<String> labels, double[] reference, double[] current) {
        static Shown of(final ColumnDrift column) {
            var labels = column.bins();
            if (column.edges().length > 0 || labels.size() <= CATEGORIES_SHOWN) {
                return new Shown(labels, column.referenceShares(), column.currentShares());
            }
            var order = java.util.stream.IntStream.range(0, labels.size()).boxed()
                    .sorted(java.util.Comparator.comparingDouble((Integer i) -> -Math.max(column.referenceShares()[i],
                            column.currentShares()[i])))
                    .toList();
            var kept = new java.util.ArrayList<String>();
            var reference = new double[CATEGORIES_SHOWN + 1];
            var current = new double[CATEGORIES_SHOWN + 1];
            for (int rank = 0; rank < order.size(); rank++) {
                var i = order.get(rank);
                var slot = Math.min(rank, CATEGORIES_SHOWN);
                if (rank < CATEGORIES_SHOWN) {
                    kept.add(labels.get(i));
                }
                reference[slot] += column.referenceShares()[i];
                current[slot] += column.currentShares()[i];
            }
            kept.add("(other)");
            return new Shown(kept, reference, current);
        }
    }

    private static ObjectNode side(final ColumnProfile column) {
        var node = JSON.objectNode();
        node.put("count", column.count());
        node.put("missing", column.missing());
        column.numericProfile().ifPresent(numeric -> {
            var summary = numeric.summary();
            number(node, "min", summary.min());
            number(node, "max", summary.max());
            number(node, "mean", summary.mean());
            number(node, "std", summary.std());
        });
        column.categoricalProfile().ifPresent(categorical -> node.put("distinct", categorical.counts().size()
                + (categorical.other() > 0 ? 1 : 0)));
        return node;
    }

    private static ArrayNode shares(final double[] values) {
        var array = JSON.arrayNode();
        for (double value : values) {
            if (Double.isFinite(value)) {
                array.add(value);
            }
            else {
                array.addNull();
            }
        }
        return array;
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
