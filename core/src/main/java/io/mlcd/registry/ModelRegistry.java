package io.mlcd.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry's REST API (registered models, versions, tags and aliases), which MLflow's
 * Java client can only read. Lookups of things that do not exist return empty instead of failing.
 */
public final class ModelRegistry {
    private static final Duration POLL = Duration.ofMillis(500);

    private final MlflowHttp http;

    ModelRegistry(final MlflowHttp http) {
        this.http = http;
    }

    /** Creates the registered model unless it exists; another client creating it at the same time is fine. */
    public void ensureModel(final String name) {
        try {
            http.get("registered-models/get", Map.of("name", name));
            return;
        }
        catch (MlflowException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        try {
            http.postOnce("registered-models/create", Json.NODES.objectNode().put("name", name));
        }
        catch (MlflowException e) {
            if (!e.hasErrorCode("RESOURCE_ALREADY_EXISTS")) {
                throw e;
            }
        }
    }

    /**
     * Sends model-versions/create once: it is not safe to repeat, so a caller that sees it fail
     * looks for the version (by its tags) before trying again.
     *
     */
    public ModelVersion createVersion(final String name, final ModelSource source, final String runId,
            final Map<String, String> tags, final String description) {
        var body = Json.NODES.objectNode().put("name", name).put("source", source.uri()).put("run_id", runId);
        source.modelId().ifPresent(id -> body.put("model_id", id));
        if (!description.isEmpty()) {
            body.put("description", description);
        }
        body.set("tags", Json.pairs(tags));
        return ModelVersion.of(http.postOnce("model-versions/create", body).path("model_version"));
    }

    public Optional<ModelVersion> version(final String name, final String version) {
        try {
            return Optional.of(ModelVersion.of(http.get("model-versions/get", Map.of("name", name, "version", version))
                    .path("model_version")));
        }
        catch (MlflowException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The versions of a model created from a run, newest first. */
    public List<ModelVersion> versionsOfRun(final String name, final String runId) {
        // run ids are hex, so the filter needs no quoting rules; the name is matched here
        var found = http.get("model-versions/search", Map.of("filter", "run_id='" + runId + "'",
                "max_results", "1000"));
        var versions = new ArrayList<ModelVersion>();
        for (var node : found.path("model_versions")) {
            var version = ModelVersion.of(node);
            if (version.name().equals(name)) {
                versions.add(version);
            }
        }
        versions.sort((a, b) -> Long.compare(Long.parseLong(b.version()), Long.parseLong(a.version())));
        return versions;
    }

    /** Waits until the version leaves PENDING_REGISTRATION, polling every half second. */
    public ModelVersion awaitRegistration(final ModelVersion created, final Duration limit) {
        var current = created;
        var deadline = System.nanoTime() + limit.toNanos();
        while ("PENDING_REGISTRATION".equals(current.status())) {
            if (System.nanoTime() > deadline) {
                throw new MlflowException("version " + created.version() + " of model '" + created.name()
                        + "' is still PENDING_REGISTRATION after " + limit.toSeconds() + " s");
            }
            pause();
            current = version(created.name(), created.version()).orElseThrow(() -> new MlflowException(
                    "version " + created.version() + " of model '" + created.name() + "' disappeared while registering"));
        }
        return current;
    }

    /** Sets tags on a version, one call each (MLflow has no batch call for version tags). */
    public void setTags(final String name, final String version, final Map<String, String> tags) {
        tags.forEach((key, value) -> http.post("model-versions/set-tag", Json.NODES.objectNode().put("name", name)
                .put("version", version).put("key", key).put("value", value)));
    }

    public void deleteTag(final String name, final String version, final String key) {
        http.delete("model-versions/delete-tag", Json.NODES.objectNode().put("name", name).put("version", version)
                .put("key", key));
    }

    public void setAlias(final String name, final String alias, final String version) {
        http.post("registered-models/alias", Json.NODES.objectNode().put("name", name).put("alias", alias)
                .put("version", version));
    }

    public void deleteAlias(final String name, final String alias) {
        http.delete("registered-models/alias", Json.NODES.objectNode().put("name", name).put("alias", alias));
    }

    /**
     * The version an alias points to. Read from the model's alias list: a missing alias is HTTP 404
     * on MLflow 3 but 400 INVALID_PARAMETER_VALUE on 2.x's alias endpoint.
     */
    public Optional<ModelVersion> versionByAlias(final String name, final String alias) {
        var version = aliases(name).get(alias);
        return version == null ? Optional.empty() : version(name, version);
    }

    /** The model's aliases and the versions they point to; empty when the model does not exist. */
    public Map<String, String> aliases(final String name) {
        try {
            var model = http.get("registered-models/get", Map.of("name", name)).path("registered_model");
            var aliases = new java.util.TreeMap<String, String>();
            model.path("aliases").forEach(alias -> aliases.put(alias.path("alias").asText(),
                    alias.path("version").asText()));
            return aliases;
        }
        catch (MlflowException e) {
            if (e.isNotFound()) {
                return Map.of();
            }
            throw e;
        }
    }

    /** The model's versions, newest first (at most 1,000). */
    public List<ModelVersion> versions(final String name) {
        var found = http.get("model-versions/search", Map.of("filter", "name=" + quote(name), "max_results", "1000",
                "order_by", "version_number DESC"));
        var versions = new ArrayList<ModelVersion>();
        found.path("model_versions").forEach(node -> versions.add(ModelVersion.of(node)));
        return versions;
    }

    /** A string literal for a search filter; MLflow's filter grammar has no escape for a quote inside one. */
    private static String quote(final String value) {
        if (!value.contains("'")) {
            return "'" + value + "'";
        }
        if (!value.contains("\"")) {
            return "\"" + value + "\"";
        }
        throw new MlflowException("a model name with both ' and \" cannot be searched in MLflow");
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException("interrupted while waiting for the registration", e);
        }
    }
}
