package io.mlcd.drift;

import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.MetricKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gate metrics of {@code mlcd drift}: {@code drift_share} and {@code drifted_columns} for the data
 * set, and per column ({@code name[COL]}): {@code drifted} (1 or 0), {@code statistic},
 * {@code p_value}, and each test's name for the number compared with its threshold, e.g.
 * {@code psi[income]}.
 */
public final class DriftCatalog implements MetricCatalog {
    static final Set<String> DATASET = Set.of("drift_share", "drifted_columns");
    static final Set<String> PER_COLUMN = Stream.concat(Stream.of("drifted", "statistic", "p_value"),
            Arrays.stream(DriftTest.values()).map(DriftTest::id)).collect(Collectors.toUnmodifiableSet());

    @Override
    public Optional<String> problemWith(final MetricKey key) {
        if (DATASET.contains(key.name())) {
            return key.qualifier() == null ? Optional.empty() : Optional.of(key.name() + " takes no brackets");
        }
        if (PER_COLUMN.contains(key.name())) {
            return key.qualifier() == null || key.isSlice()
                    ? Optional.of(key.name() + " needs a column in brackets, e.g. " + key.name() + "[income]")
                    : Optional.empty();
        }
        return Optional.of("unknown drift metric '" + key.name() + "' (known: drift_share, drifted_columns, and per "
                + "column " + PER_COLUMN.stream().sorted().collect(Collectors.joining(", ")) + ")");
    }
}
