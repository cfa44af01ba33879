package io.mlcd.drift;

import io.mlcd.gate.GateEvaluator;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.MetricValues;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * The entry point of drift detection, shared by {@code mlcd drift} and the Jenkins step: checks
 * that both profiles describe the same columns, tests every column, computes the share of
 * drifted columns and evaluates the gates.
 */
public final class DriftDetector {
    private final DriftSpec spec;

    public DriftDetector(final DriftSpec spec) {
        this.spec = spec;
    }

    public DriftResult detect(final Profile reference, final Profile current, final Policy policy) {
        checkSchemas(reference, current);
        checkGates(reference, policy);
        checkRoles(reference);
        checkColumnOptions(reference);
        var columns = new ArrayList<ColumnDrift>();
        for (ColumnProfile ref : reference.columns()) {
            columns.add(column(ref, current.column(ref.name()).orElseThrow(), current));
        }
        columns.sort(Comparator.comparingInt(this::roleRank)
                .thenComparing(ColumnDrift::drifted, Comparator.reverseOrder())
                .thenComparing(ColumnDrift::excess, Comparator.reverseOrder()));
        var drifted = columns.stream().filter(ColumnDrift::drifted).count();
        var share = (double) drifted / columns.size();
        var metrics = MetricValues.builder().put("drift_share", share).put("drifted_columns", drifted);
        for (ColumnDrift column : columns) {
            metrics.put(MetricKey.grouped("drifted", column.name()), column.drifted() ? 1 : 0);
            metrics.put(MetricKey.grouped("statistic", column.name()), column.statistic());
            metrics.put(MetricKey.grouped("p_value", column.name()), column.pValue());
            if (!column.test().isPValue()) {
                metrics.note(MetricKey.grouped("p_value", column.name()), column.test().id() + " has no p-value");
            }
            metrics.put(MetricKey.grouped(column.test().id(), column.name()), column.score());
            for (DriftTest other : DriftTest.values()) {
                if (other != column.test()) {
                    metrics.note(MetricKey.grouped(other.id(), column.name()), "column " + column.name() + " was tested "
                            + "with " + column.test().id() + "; use --column-test " + column.name() + "=" + other.id());
                }
            }
        }
        var values = metrics.build();
        var results = new GateEvaluator(values, null, "drift gates have no baseline").evaluate(policy.gates());
        return new DriftResult(reference, current, columns, share, values, results, Verdict.of(results));
    }

    private ColumnDrift column(final ColumnProfile ref, final ColumnProfile cur, final Profile current) {
        if (ref.type() != cur.type()) {
            throw new InputException("column '%s' is %s in the reference but %s in the current data (use --type %s=... "
                    + "when profiling)", ref.name(), ref.type().id(), cur.type().id(), ref.name());
        }
        if (ref.count() == 0 || cur.count() == 0) {
            throw new InputException("column '%s' has no values in the %s %s", ref.name(),
                    ref.count() == 0 ? "reference" : "current data", ref.count() == 0 ? "" : current.source());
        }
        var test = spec.columnTests().getOrDefault(ref.name(),
                spec.test() != null ? spec.test() : TestSelection.choose(ref, cur));
        if (ref.type() != ColumnType.NUMERIC && (test == DriftTest.KS || test == DriftTest.WASSERSTEIN)) {
            throw new InputException("%s needs a numeric column, but '%s' is %s", test.id(), ref.name(), ref.type().id());
        }
        var threshold = spec.columnThresholds().getOrDefault(ref.name(),
                spec.threshold() != null ? spec.threshold() : test.defaultThreshold());
        if (!test.accepts(threshold)) {
            throw new InputException("%s %s does not suit column '%s': its test %s needs %s",
                    spec.columnThresholds().containsKey(ref.name()) ? "--column-threshold" : "--threshold",
                    Numbers.format(threshold), ref.name(), test.id(), test.thresholdRange());
        }
        var statistic = DriftStatistics.compute(test, ref, cur);
        var score = statistic.score(test);
        var bins = Binned.of(ref, cur);
        return new ColumnDrift(ref.name(), ref.type(), role(ref.name()), test, statistic.statistic(),
                statistic.pValue(), score, threshold, test.drifted(score, threshold), statistic.exact(),
                statistic.errorBound(), ref, cur, bins.labels(), bins.referenceShares(), bins.currentShares(),
                bins.edges());
    }

    private static void checkSchemas(final Profile reference, final Profile current) {
        if (current.rows() == 0) {
            throw new InputException("the current data %s is empty", current.source());
        }
        var onlyReference = new ArrayList<>(reference.columnNames());
        onlyReference.removeAll(current.columnNames());
        var onlyCurrent = new ArrayList<>(current.columnNames());
        onlyCurrent.removeAll(reference.columnNames());
        if (!onlyReference.isEmpty() || !onlyCurrent.isEmpty()) {
            throw new InputException("the columns differ: %s%s%s", onlyReference.isEmpty() ? ""
                    : "missing in the current data " + current.source() + ": " + String.join(", ", onlyReference),
                    !onlyReference.isEmpty() && !onlyCurrent.isEmpty() ? "; " : "", onlyCurrent.isEmpty() ? ""
                            : "missing in the reference " + reference.source() + ": " + String.join(", ", onlyCurrent));
        }
    }

    private void checkRoles(final Profile reference) {
        for (String column : new String[] {spec.predictionColumn(), spec.targetColumn()}) {
            if (column != null && reference.column(column).isEmpty()) {
                throw new InputException("--prediction-column/--target-column names '%s', which the data does not have "
                        + "(columns: %s)", column, String.join(", ", reference.columnNames()));
            }
        }
    }

    /** A per-column option for a column the data does not have would silently do nothing. */
    private void checkColumnOptions(final Profile reference) {
        var named = new LinkedHashMap<String, Set<String>>();
        named.put("--column-test", spec.columnTests().keySet());
        named.put("--column-threshold", spec.columnThresholds().keySet());
        named.forEach((option, columns) -> columns.stream().sorted().filter(column -> reference.column(column).isEmpty())
                .findFirst().ifPresent(column -> {
                    throw new InputException("%s names column '%s', which the data does not have (columns: %s)", option,
                            column, String.join(", ", reference.columnNames()));
                }));
    }

    private static void checkGates(final Profile reference, final Policy policy) {
        for (var gate : policy.gates()) {
            var column = gate.metric().qualifier();
            if (column != null && reference.column(column).isEmpty()) {
                throw new InputException("gate '%s' names column '%s', which the data does not have (columns: %s)",
                        gate.expression(), column, String.join(", ", reference.columnNames()));
            }
        }
    }

    private String role(final String column) {
        if (column.equals(spec.predictionColumn())) {
            return "prediction";
        }
        return column.equals(spec.targetColumn()) ? "target" : null;
    }

    private int roleRank(final ColumnDrift column) {
        if ("prediction".equals(column.role())) {
            return 0;
        }
        return "target".equals(column.role()) ? 1 : 2;
    }
}
