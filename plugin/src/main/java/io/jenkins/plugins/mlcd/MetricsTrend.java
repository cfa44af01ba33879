package io.jenkins.plugins.mlcd;

import io.mlcd.step.ReportKind;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The headline metrics of one build's mlcd steps (validation, drift, data validation), for the job's trend chart. */
public final class MetricsTrend implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Double> values;

    MetricsTrend(final Map<String, Double> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** In the order the build's steps computed them. */
    public Map<String, Double> getValues() {
        return Collections.unmodifiableMap(values);
    }

    /** With one more step's headline: anomaly counts of a dataset add up, other metrics are replaced (core's rule). */
    MetricsTrend plus(final Map<String, Double> more) {
        return new MetricsTrend(ReportKind.plus(values, more));
    }
}
