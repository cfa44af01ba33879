package io.mlcd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An MLflow run as {@code runs/get} returns it: identity, where its artifacts are, its latest
 * metric values and tags, and the LoggedModels it produced (MLflow 3; none on 2.x servers).
 */
public record TrackingRun(String runId, String experimentId, String name, String artifactUri, String status,
        Map<String, Double> metrics, Map<String, String> tags, List<String> loggedModelIds) {
    public TrackingRun {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        loggedModelIds = List.copyOf(loggedModelIds);
    }

    static TrackingRun of(final JsonNode run) {
        var info = run.path("info");
        var metrics = new LinkedHashMap<String, Double>();
        run.path("data").path("metrics").forEach(metric -> metrics.put(metric.path("key").asText(),
                metric.path("value").asDouble(Double.NaN)));
        var models = run.path("outputs").path("model_outputs").findValuesAsText("model_id");
        return new TrackingRun(info.path("run_id").asText(), info.path("experiment_id").asText(),
                info.path("run_name").asText(), info.path("artifact_uri").asText(), info.path("status").asText(),
                metrics, Json.pairs(run.path("data").path("tags")), models);
    }

    public Optional<String> tag(final String key) {
        return Optional.ofNullable(tags.get(key));
    }
}
