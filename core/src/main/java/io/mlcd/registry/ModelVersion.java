package io.mlcd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A version of a registered model as the registry holds it.
 *
 * @param status {@code READY}, {@code PENDING_REGISTRATION} or {@code FAILED_REGISTRATION}
 */
public record ModelVersion(String name, String version, String runId, String source, String status,
        String statusMessage, Map<String, String> tags, List<String> aliases) {
    public ModelVersion {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        aliases = List.copyOf(aliases);
    }

    static ModelVersion of(final JsonNode node) {
        var aliases = new java.util.ArrayList<String>();
        node.path("aliases").forEach(alias -> aliases.add(alias.asText()));
        return new ModelVersion(node.path("name").asText(), node.path("version").asText(), node.path("run_id").asText(),
                node.path("source").asText(), node.path("status").asText(), node.path("status_message").asText(),
                Json.pairs(node.path("tags")), aliases);
    }

    public Optional<String> tag(final String key) {
        return Optional.ofNullable(tags.get(key));
    }
}
