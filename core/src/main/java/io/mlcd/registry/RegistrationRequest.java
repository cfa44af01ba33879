package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code mlcd register} is asked to do.
 *
 * @param artifactPath the model's name in the run ({@code log_model(name=…)} / {@code artifact_path=…})
 * @param alias        the alias to point at the new version, or null
 * @param tags         the user's own version tags
 * @param force        set the alias even without a passing validation record (recorded)
 * @param readyWithin  how long to wait for the version to become READY
 */
public record RegistrationRequest(String runId, String artifactPath, String name, @CheckForNull String alias,
        Map<String, String> tags, String description, Lineage lineage, boolean force, Duration readyWithin) {
    public RegistrationRequest {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public Optional<String> aliasName() {
        return Optional.ofNullable(alias);
    }

    /** Identifies the registration, so that the same run registered by the same build gives one version. */
    String key() {
        return runId + "/" + artifactPath + " @ " + lineage.buildKey();
    }
}
