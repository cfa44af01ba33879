package io.mlcd.events;

import io.mlcd.util.InputException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registered-model events MLflow sends (mlflow/entities/webhook.py, {@code VALID_ENTITY_ACTIONS})
 * and the poller detects; named as MLflow names them, {@code entity.action}. Prompt and budget
 * events are not model events: mlcd verifies and ignores them.
 */
public enum EventType {
    REGISTERED_MODEL_CREATED("registered_model", "created"),
    MODEL_VERSION_CREATED("model_version", "created"),
    MODEL_VERSION_TAG_SET("model_version_tag", "set"),
    MODEL_VERSION_TAG_DELETED("model_version_tag", "deleted"),
    MODEL_VERSION_ALIAS_CREATED("model_version_alias", "created"),
    MODEL_VERSION_ALIAS_DELETED("model_version_alias", "deleted");

    private final String entity;
    private final String action;

    EventType(final String entity, final String action) {
        this.entity = entity;
        this.action = action;
    }

    public String entity() {
        return entity;
    }

    public String action() {
        return action;
    }

    /** MLflow's name, e.g. {@code model_version_alias.created}. */
    public String id() {
        return entity + "." + action;
    }

    /** The proto enum names MLflow's webhook REST API takes, e.g. {@code MODEL_VERSION_ALIAS} and {@code CREATED}. */
    public String protoEntity() {
        return entity.toUpperCase(java.util.Locale.ROOT);
    }

    public String protoAction() {
        return action.toUpperCase(java.util.Locale.ROOT);
    }

    public boolean isAliasEvent() {
        return "model_version_alias".equals(entity);
    }

    public boolean isTagEvent() {
        return "model_version_tag".equals(entity);
    }

    /** The type of a delivery's entity and action, empty for events that are not about registered models. */
    public static Optional<EventType> of(final String entity, final String action) {
        return Arrays.stream(values()).filter(type -> type.entity.equals(entity) && type.action.equals(action))
                .findFirst();
    }

    /** An event name as a user gives it, e.g. {@code model_version.created}. */
    public static EventType parse(final String option, final String id) {
        return Arrays.stream(values()).filter(type -> type.id().equals(id.strip())).findFirst()
                .orElseThrow(() -> new InputException("%s: unknown event '%s'; known: %s", option, id,
                        Arrays.stream(values()).map(EventType::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id();
    }
}
