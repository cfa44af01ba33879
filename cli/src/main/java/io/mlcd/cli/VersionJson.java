package io.mlcd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.registry.ModelVersion;
import io.mlcd.registry.TrackingRun;
import io.mlcd.registry.VersionStatus;

/** The JSON the registry commands print: a model version, and for status its run and the model's aliases. */
final class VersionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VersionJson() {
    }

    static ObjectNode of(final ModelVersion version) {
        var node = MAPPER.createObjectNode();
        node.put("name", version.name());
        node.put("version", version.version());
        node.put("status", version.status());
        node.put("source", version.source());
        node.put("run_id", version.runId());
        var aliases = node.putArray("aliases");
        version.aliases().forEach(aliases::add);
        var tags = node.putObject("tags");
        version.tags().forEach(tags::put);
        return node;
    }

    static ObjectNode of(final VersionStatus status) {
        var node = MAPPER.createObjectNode();
        node.set("version", of(status.version()));
        status.sourceRun().ifPresentOrElse(run -> node.set("run", of(run)), () -> node.putNull("run"));
        var aliases = node.putObject("model_aliases");
        status.modelAliases().forEach(aliases::put);
        return node;
    }

    private static ObjectNode of(final TrackingRun run) {
        var node = MAPPER.createObjectNode();
        node.put("run_id", run.runId());
        node.put("name", run.name());
        node.put("experiment_id", run.experimentId());
        node.put("status", run.status());
        var metrics = node.putObject("metrics");
        run.metrics().forEach(metrics::put);
        var tags = node.putObject("mlcd_tags");
        run.tags().forEach((key, value) -> {
            if (key.startsWith("mlcd.")) {
                tags.put(key, value);
            }
        });
        return node;
    }

    static String print(final ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }
}
