package io.mlcd.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One change in the model registry, from a webhook delivery or from the poller.
 *
 * @param timestamp  when MLflow sent it (webhook) or the poller saw it
 * @param deliveryId MLflow's delivery id, or the poller's id of the change (the same change always
 *                   has the same id, so duplicates are recognised)
 * @param version    the model version, empty for {@code registered_model.created} and alias deletions
 * @param alias      the alias of an alias event, else empty
 * @param tags       a new version's tags; for a tag event the one tag set (a deleted tag has the value "")
 * @param data       the event's {@code data} object as JSON, as MLflow sent it
 */
public record ModelEvent(EventType type, Instant timestamp, String deliveryId, String model, String version,
        String alias, Map<String, String> tags, String data) {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public ModelEvent {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * The event as environment variables, the names every front end uses (a command's environment,
     * a build's parameters): MLCD_EVENT, MLCD_MODEL, MLCD_VERSION, MLCD_ALIAS (empty when the event
     * has none), MLCD_DELIVERY_ID, MLCD_EVENT_DATA (the data object as JSON).
     */
    public Map<String, String> environment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("MLCD_EVENT", type.id());
        environment.put("MLCD_MODEL", model);
        environment.put("MLCD_VERSION", version);
        environment.put("MLCD_ALIAS", alias);
        environment.put("MLCD_DELIVERY_ID", deliveryId);
        environment.put("MLCD_EVENT_DATA", data);
        return Collections.unmodifiableMap(environment);
    }

    /** E.g. {@code model_version_alias.created of 'churn' version 7 @champion}, for logs and a build's cause. */
    public String describe() {
        return type.id() + " of '" + io.mlcd.util.SafeText.quote(model) + "'" + (version.isEmpty() ? "" : " version "
                + version) + (alias.isEmpty() ? "" : " @" + io.mlcd.util.SafeText.quote(alias));
    }

    /** The key of a tag event's tag. */
    public Optional<String> tagKey() {
        return type.isTagEvent() ? tags.keySet().stream().findFirst() : Optional.empty();
    }

    /**
     * An MLflow webhook body ({@code entity}, {@code action}, {@code timestamp}, {@code data}; see
     * mlflow/webhooks/types.py): empty when it is not about a registered model (a prompt, a budget).
     *
     * @throws MalformedEventException when it is not such a body
     */
    public static Optional<ModelEvent> parse(final String deliveryId, final byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        }
        catch (IOException e) {
            throw new MalformedEventException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("the body is not a JSON object");
        }
        var type = EventType.of(text(root, "entity"), text(root, "action"));
        var timestamp = instant(text(root, "timestamp"));
        var data = root.path("data");
        if (!data.isObject()) {
            throw new MalformedEventException("'data' is not an object");
        }
        if (type.isEmpty()) {
            return Optional.empty();
        }
        var kind = type.get();
        var tags = new LinkedHashMap<String, String>();
        if (kind.isTagEvent()) {
            tags.put(text(data, "key"), kind == EventType.MODEL_VERSION_TAG_SET ? text(data, "value") : "");
        }
        else if (data.has("tags")) {
            if (!data.path("tags").isObject()) {
                throw new MalformedEventException("'data.tags' is not an object");
            }
            data.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        }
        var version = kind == EventType.REGISTERED_MODEL_CREATED || kind == EventType.MODEL_VERSION_ALIAS_DELETED
                ? "" : version(text(data, "version"));
        return Optional.of(new ModelEvent(kind, timestamp, deliveryId, name(text(data, "name")), version,
                kind.isAliasEvent() ? text(data, "alias") : "", tags, data.toString()));
    }

    private static String text(final JsonNode node, final String field) {
        var value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedEventException("'" + field + "' is missing or not a string");
        }
        return value.textValue();
    }

    private static Instant instant(final String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new MalformedEventException("'timestamp' is not an ISO date and time");
        }
    }

    private static String name(final String name) {
        if (name.isBlank()) {
            throw new MalformedEventException("'name' is empty");
        }
        return name;
    }

    /** MLflow's versions are positive integers; anything else would end up in a command's environment. */
    private static String version(final String version) {
        if (!version.matches("[1-9][0-9]{0,18}")) {
            throw new MalformedEventException("'version' is not a version number");
        }
        return version;
    }
}
