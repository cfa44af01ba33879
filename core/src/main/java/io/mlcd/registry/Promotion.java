package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@code mlcd promote}.
 *
 * @param previous the version that held the alias before, now under the previous-alias; null if none
 * @param waived   the missing evidence that {@code --force} overrode; empty when nothing was waived
 */
public record Promotion(ModelVersion version, String alias, @CheckForNull String previous, List<String> waived) {
    public Promotion {
        waived = List.copyOf(waived);
    }

    public Optional<String> previousVersion() {
        return Optional.ofNullable(previous);
    }
}
