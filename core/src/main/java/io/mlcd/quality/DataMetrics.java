package io.mlcd.quality;

import io.mlcd.drift.Profile;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.MetricValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate metrics of a validated batch ({@link DataCatalog}), and the points it adds to the
 * history series. A metric that has no source (a count of a constraint the schema does not
 * state, a change without {@code --history}) is absent, with a note that says why, so a gate on it
 * is an ERROR rather than a pass.
 */
final class DataMetrics {
    private final DataSchema schema;
    private final Profile batch;
    private final List<ConstraintResult> results;
    private final List<Anomaly> anomalies;
    private final MetricHistory history;
    private final String dataset;

    DataMetrics(final DataSchema schema, final Profile batch, final List<ConstraintResult> results,
            final List<Anomaly> anomalies, final MetricHistory history, final String dataset) {
        this.schema = schema;
        this.batch = batch;
        this.results = List.copyOf(results);
        this.anomalies = List.copyOf(anomalies);
        this.history = history;
        this.dataset = dataset;
    }

    MetricValues values() {
        var metrics = MetricValues.builder();
        metrics.put("anomalies", anomalies.size());
        for (AnomalyType type : AnomalyType.values()) {
            metrics.put(MetricKey.grouped("anomalies", type.id()), anomalies.stream().filter(a -> a.type() == type).count());
        }
        metrics.put("row_count", batch.rows());
        change(metrics, MetricKey.of("row_count_change"), MetricHistory.key(dataset, "row_count", null), batch.rows(),
                MetricHistory.Change.RELATIVE);
        for (ColumnSchema column : schema.columns()) {
            batch.column(column.name()).ifPresentOrElse(profile -> column(metrics, column, profile),
                    () -> DataCatalog.PER_COLUMN.forEach(name -> metrics.note(MetricKey.grouped(name, column.name()),
                            "column " + column.name() + " is missing from the batch")));
        }
        return metrics.build();
    }

    private void column(final MetricValues.Builder metrics, final ColumnSchema schemaColumn,
            final io.mlcd.drift.ColumnProfile column) {
        var name = column.name();
        var present = column.count() + column.unparseable();
        var completeness = (double) present / batch.rows();
        metrics.put(MetricKey.grouped("completeness", name), completeness);
        metrics.put(MetricKey.grouped("missing_count", name), batch.rows() - present);
        metrics.put(MetricKey.grouped("type_mismatch_count", name), column.unparseable());
        counted(metrics, name, "out_of_domain", AnomalyType.OUT_OF_DOMAIN, List.of("domain"), true);
        counted(metrics, name, "out_of_range", AnomalyType.OUT_OF_RANGE, List.of("range", "between", "non_negative"),
                true);
        var pattern = result(name, List.of("pattern"));
        share(metrics, MetricKey.grouped("pattern_mismatch_share", name), pattern, "pattern");
        var unique = result(name, List.of("unique"));
        if (unique.isPresent() && unique.get().count() != null) {
            metrics.put(MetricKey.grouped("duplicate_count", name), unique.get().count());
        }
        else {
            metrics.note(MetricKey.grouped("duplicate_count", name), unique.isPresent() ? unique.get().message()
                    : "the schema states no 'unique' for " + name + ", so repeats were not counted");
        }
        var skew = result(name, List.of("skew"));
        if (skew.isPresent() && skew.get().observed() != null) {
            metrics.put(MetricKey.grouped("skew", name), skew.get().observed());
        }
        else {
            metrics.note(MetricKey.grouped("skew", name), skew.isPresent() ? skew.get().message()
                    : "the schema states no 'skew' for " + name);
        }
        change(metrics, MetricKey.grouped("completeness_change", name), MetricHistory.key(dataset, "completeness", name),
                completeness, MetricHistory.Change.ABSOLUTE);
        var numeric = column.numericProfile();
        if (numeric.isPresent() && numeric.get().summary().count() > 0) {
            var summary = numeric.get().summary();
            metrics.put(MetricKey.grouped("mean", name), summary.mean());
            metrics.put(MetricKey.grouped("stddev", name), summary.std());
            metrics.put(MetricKey.grouped("min", name), summary.min());
            metrics.put(MetricKey.grouped("max", name), summary.max());
            change(metrics, MetricKey.grouped("mean_change", name), MetricHistory.key(dataset, "mean", name),
                    summary.mean(), MetricHistory.Change.RELATIVE);
        }
        else {
            for (String statistic : List.of("mean", "stddev", "min", "max", "mean_change")) {
                metrics.note(MetricKey.grouped(statistic, name), numeric.isPresent() ? name + " has no readable value"
                        : name + " is " + column.type().id() + ", not numeric");
            }
        }
    }

    /** {@code <what>_count} and {@code <what>_share} from the first of the constraints the schema states. */
    private void counted(final MetricValues.Builder metrics, final String column, final String what,
            final AnomalyType type, final List<String> keys, final boolean withCount) {
        var result = result(column, keys);
        var count = MetricKey.grouped(what + "_count", column);
        var share = MetricKey.grouped(what + "_share", column);
        if (result.isPresent() && result.get().count() != null && result.get().type() == type) {
            if (withCount) {
                metrics.put(count, result.get().count());
            }
            metrics.put(share, (double) result.get().count() / batch.rows());
            return;
        }
        var why = result.map(ConstraintResult::message).orElse("the schema states no " + String.join(", ", keys)
                + " for " + column);
        metrics.note(count, why);
        metrics.note(share, why);
    }

    private void share(final MetricValues.Builder metrics, final MetricKey key, final Optional<ConstraintResult> result,
            final String constraint) {
        if (result.isPresent() && result.get().count() != null) {
            metrics.put(key, (double) result.get().count() / batch.rows());
        }
        else {
            metrics.note(key, result.map(ConstraintResult::message).orElse("the schema states no '" + constraint
                    + "' for " + key.qualifier()));
        }
    }

    private Optional<ConstraintResult> result(final String column, final List<String> keys) {
        for (String key : keys) {
            var found = results.stream().filter(result -> column.equals(result.column())
                    && result.gate().metric().name().equals(key)).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A change against the history: 0 with a note when there is no earlier point; absent without --history. */
    private void change(final MetricValues.Builder metrics, final MetricKey key, final String series,
            final double current, final MetricHistory.Change kind) {
        if (!history.isRequested()) {
            metrics.note(key, key.name() + " compares with earlier records: give --history N with --run-id or --model");
            return;
        }
        var change = history.change(series, current, kind);
        if (Double.isNaN(change)) {
            metrics.put(key, 0);
            metrics.note(key, "no earlier record of " + series);
        }
        else {
            metrics.put(key, change);
        }
    }

    /** The points this batch adds to its history series: row count, and completeness and mean per column. */
    static Map<String, Double> historyPoints(final DataSchema schema, final Profile batch, final String dataset) {
        var points = new LinkedHashMap<String, Double>();
        points.put(MetricHistory.key(dataset, "row_count", null), (double) batch.rows());
        for (ColumnSchema column : schema.columns()) {
            batch.column(column.name()).ifPresent(profile -> {
                points.put(MetricHistory.key(dataset, "completeness", column.name()),
                        (double) (profile.count() + profile.unparseable()) / batch.rows());
                profile.numericProfile().filter(numeric -> numeric.summary().count() > 0).ifPresent(numeric ->
                        points.put(MetricHistory.key(dataset, "mean", column.name()), numeric.summary().mean()));
            });
        }
        return points;
    }
}
