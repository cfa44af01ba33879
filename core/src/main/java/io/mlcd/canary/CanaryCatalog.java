package io.mlcd.canary;

import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.MetricKey;
import java.util.Optional;
import java.util.Set;

/** The metrics a canary analysis measures on each side. */
public final class CanaryCatalog implements MetricCatalog {
    static final Set<String> METRICS = Set.of("requests", "error_rate", "latency_p50", "latency_p95", "latency_p99",
            "prediction_drift", "prediction_drift_p_value");

    @Override
    public Optional<String> problemWith(final MetricKey key) {
        if (!METRICS.contains(key.name())) {
            return Optional.of("unknown canary metric '" + key.name() + "'; known: " + String.join(", ",
                    METRICS.stream().sorted().toList()));
        }
        return key.qualifier() == null ? Optional.empty() : Optional.of(key.name() + " takes no brackets");
    }
}
