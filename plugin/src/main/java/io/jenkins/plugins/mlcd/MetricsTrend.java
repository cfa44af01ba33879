package io.jenkins.plugins.mlcd;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/** The headline metrics of one build's mlcd steps (validation and drift), for the job's trend chart. */
public final class MetricsTrend implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, Double> values;

    MetricsTrend(final Map<String, Double> values) {
        this.values = new HashMap<>(values);
    }

    public Map<String, Double> getValues() {
        return Map.copyOf(values);
    }

    MetricsTrend plus(final Map<String, Double> more) {
        var all = new HashMap<>(values);
        all.putAll(more);
        return new MetricsTrend(all);
    }
}
