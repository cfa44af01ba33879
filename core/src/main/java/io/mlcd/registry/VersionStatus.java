package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lineage of one model version: the version with its tags (CI build, data, verdicts,
 * approval, promotion), the run it came from with its metrics, and the model's aliases.
 *
 * @param run          the source run, or null when the version has none or it was deleted
 * @param modelAliases every alias of the registered model and its version
 */
public record VersionStatus(ModelVersion version, @CheckForNull TrackingRun run, Map<String, String> modelAliases) {
    public VersionStatus {
        modelAliases = Collections.unmodifiableMap(new TreeMap<>(modelAliases));
    }

    public Optional<TrackingRun> sourceRun() {
        return Optional.ofNullable(run);
    }

    /**
     * Reads the version named by number, by alias, or (neither given) the champion, else the newest version.
     */
    public static VersionStatus read(final Mlflow mlflow, final String name, @CheckForNull final String version,
            @CheckForNull final String alias) {
        var registry = mlflow.registry();
        ModelVersion target;
        if (version != null) {
            target = Versions.require(mlflow, name, version);
        }
        else if (alias != null) {
            target = registry.versionByAlias(name, alias).orElseThrow(() -> new InputException(
                    "model '%s' has no alias '%s'", name, alias));
        }
        else {
            target = registry.versionByAlias(name, "champion").or(() -> registry.versions(name).stream().findFirst())
                    .orElseThrow(() -> new InputException("model '%s' has no versions in the MLflow registry", name));
        }
        TrackingRun run = null;
        if (!target.runId().isEmpty()) {
            try {
                run = mlflow.runs().get(target.runId());
            }
            catch (MlflowException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return new VersionStatus(target, run, registry.aliases(name));
    }
}
