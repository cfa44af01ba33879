package io.mlcd.gate;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Names one metric value: a plain metric ({@code roc_auc}), a fairness metric over a group column
 * ({@code demographic_parity_difference[sex]}) or a metric on one slice
 * ({@code recall[sex=F]}). The text form is the key used in reports and records.
 */
public record MetricKey(String name, @CheckForNull String qualifier) {
    public MetricKey {
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
    }

    public static MetricKey of(final String name) {
        return new MetricKey(name, null);
    }

    public static MetricKey grouped(final String name, final String groupColumn) {
        return new MetricKey(name, groupColumn);
    }

    public static MetricKey slice(final String name, final String column, final String value) {
        return new MetricKey(name, column + "=" + value);
    }

    /** Whether the qualifier names one slice ({@code column=value}) rather than a group column. */
    public boolean isSlice() {
        return qualifier != null && qualifier.contains("=");
    }

    @Override
    public String toString() {
        return qualifier == null ? name : name + "[" + qualifier + "]";
    }
}
