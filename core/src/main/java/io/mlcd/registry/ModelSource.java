package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Optional;

/**
 * Where a model version's files are: {@code models:/m-…} for an MLflow 3 LoggedModel (with its
 * id), or the run's artifact URI joined with the model's path on MLflow 2.x.
 */
public record ModelSource(String uri, @CheckForNull String loggedModelId) {
    public Optional<String> modelId() {
        return Optional.ofNullable(loggedModelId);
    }
}
