package io.mlcd.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.registry.ModelRegistry;
import io.mlcd.registry.ModelVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Events for servers that send no webhooks (MLflow 2.x, a file store, a server that cannot reach
 * the receiver): compares what the registry holds now (its search and get endpoints, through
 * {@link ModelRegistry} with its retries and limits: the newest 1,000 versions) with the last
 * {@link ModelSnapshot} and names the differences as the events MLflow would have sent, in the
 * order: new versions (lowest first), tags set and deleted, aliases set and deleted. A version
 * created and deleted between two polls, and a tag or alias changed and changed back, are not
 * seen. Versions that disappeared are dropped silently (MLflow has no deletion event).
 */
public final class Poller {
    private final ModelRegistry registry;
    private final Clock clock;

    public Poller(final ModelRegistry registry, final Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The registry's model now, and the events that lead from {@code known} to it. */
    public Changes poll(final String model, final ModelSnapshot known) {
        var versions = registry.versions(model);
        var aliases = registry.aliases(model);
        return new Changes(changes(model, known, versions, aliases), ModelSnapshot.of(versions, aliases));
    }

    /**
     * @param events what changed, each as one event
     * @param now    the model as the registry holds it: the cursor once every event is handled
     */
    public record Changes(List<ModelEvent> events, ModelSnapshot now) {
        public Changes {
            events = List.copyOf(events);
        }
    }

    List<ModelEvent> changes(final String model, final ModelSnapshot known, final List<ModelVersion> versions,
            final Map<String, String> aliases) {
        var events = new ArrayList<ModelEvent>();
        var ordered = new ArrayList<>(versions);
        ordered.sort(Comparator.comparingLong(version -> Long.parseLong(version.version())));
        for (var version : ordered) {
            var before = known.versions().get(version.version());
            if (before == null) {
                events.add(event(EventType.MODEL_VERSION_CREATED, model, version.version(), "", version.tags()));
            }
        }
        for (var version : ordered) {
            var before = known.versions().get(version.version());
            if (before != null) {
                tagChanges(model, version, before, events);
            }
        }
        for (var alias : new TreeSet<>(aliases.keySet())) {
            if (!aliases.get(alias).equals(known.aliases().get(alias))) {
                events.add(event(EventType.MODEL_VERSION_ALIAS_CREATED, model, aliases.get(alias), alias, Map.of()));
            }
        }
        for (var alias : known.aliases().keySet()) {
            if (!aliases.containsKey(alias)) {
                events.add(event(EventType.MODEL_VERSION_ALIAS_DELETED, model, "", alias, Map.of()));
            }
        }
        return events;
    }

    private void tagChanges(final String model, final ModelVersion version, final Map<String, String> before,
            final List<ModelEvent> events) {
        for (var tag : new TreeSet<>(version.tags().keySet())) {
            var value = version.tags().get(tag);
            if (!ModelSnapshot.hash(value).equals(before.get(tag))) {
                events.add(event(EventType.MODEL_VERSION_TAG_SET, model, version.version(), "", Map.of(tag, value)));
            }
        }
        for (var tag : before.keySet()) {
            if (!version.tags().containsKey(tag)) {
                events.add(event(EventType.MODEL_VERSION_TAG_DELETED, model, version.version(), "", Map.of(tag, "")));
            }
        }
    }

    private ModelEvent event(final EventType type, final String model, final String version, final String alias,
            final Map<String, String> tags) {
        return new ModelEvent(type, clock.instant(), "poll-" + UUID.randomUUID(), model, version, alias, tags,
                data(type, model, version, alias, tags).toString());
    }

    /** The event's data as MLflow's webhook would carry it (mlflow/webhooks/types.py), for the command that reads it. */
    private static ObjectNode data(final EventType type, final String model, final String version, final String alias,
            final Map<String, String> tags) {
        var data = JsonNodeFactory.instance.objectNode().put("name", model);
        if (!version.isEmpty()) {
            data.put("version", version);
        }
        if (type.isAliasEvent()) {
            data.put("alias", alias);
        }
        else if (type.isTagEvent()) {
            tags.forEach((key, value) -> {
                data.put("key", key);
                if (type == EventType.MODEL_VERSION_TAG_SET) {
                    data.put("value", value);
                }
            });
        }
        else {
            var object = data.putObject("tags");
            tags.forEach(object::put);
        }
        return data;
    }
}
