package io.mlcd.quality;

import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.MetricKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Gate metrics of {@code mlcd validate-data}: for the batch {@code anomalies},
 * {@code anomalies[TYPE]}, {@code row_count} and {@code row_count_change}; per column
 * ({@code name[COL]}) the {@link #PER_COLUMN} ones. Which columns exist is checked against the
 * schema by the validator, which knows it.
 */
public final class DataCatalog implements MetricCatalog {
    static final List<String> DATASET = List.of("anomalies", "row_count", "row_count_change");
    static final List<String> PER_COLUMN = List.of("completeness", "missing_count", "type_mismatch_count",
            "out_of_domain_count", "out_of_domain_share", "out_of_range_count", "out_of_range_share",
            "pattern_mismatch_share", "duplicate_count", "mean", "stddev", "min", "max", "skew",
            "completeness_change", "mean_change");

    @Override
    public Optional<String> problemWith(final MetricKey key) {
        if (key.name().equals("anomalies")) {
            if (key.qualifier() == null) {
                return Optional.empty();
            }
            return AnomalyType.fromId(key.qualifier()).isPresent() ? Optional.empty()
                    : Optional.of("unknown anomaly type '" + key.qualifier() + "' (known: " + Arrays.stream(
                            AnomalyType.values()).map(AnomalyType::id).collect(Collectors.joining(", ")) + ")");
        }
        if (DATASET.contains(key.name())) {
            return key.qualifier() == null ? Optional.empty() : Optional.of(key.name() + " takes no brackets");
        }
        if (PER_COLUMN.contains(key.name())) {
            return key.qualifier() == null || key.isSlice()
                    ? Optional.of(key.name() + " needs a column in brackets, e.g. " + key.name() + "[income]")
                    : Optional.empty();
        }
        return Optional.of("unknown data validation metric '" + key.name() + "' (known: " + String.join(", ", DATASET)
                + ", anomalies[TYPE], and per column " + String.join(", ", PER_COLUMN) + ")");
    }
}
