package io.mlcd.gate;

import java.util.Optional;

/**
 * The metrics a step knows, so that a gate naming an unknown metric is rejected before anything
 * is evaluated (a typo must not become an ERROR outcome at the end of a long run).
 */
public interface MetricCatalog {
    /**
     * Checks that the key names a metric this step can compute, with the right kind of qualifier.
     *
     * @return a one-line problem, or empty when the key is acceptable
     */
    Optional<String> problemWith(MetricKey key);

    /**
     * Whether gates may compare with {@code ==}: only where metrics are exact counts, so equality
     * is meaningful. Elsewhere (estimates, confidence intervals) a gate must state a direction.
     */
    default boolean allowsEquality() {
        return false;
    }
}
