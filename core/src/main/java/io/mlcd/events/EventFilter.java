package io.mlcd.events;

import java.util.Set;

/**
 * Which events a watcher acts on: events of these types about these models; alias events only
 * for these aliases when any are given (events of other types are not about an alias and pass).
 */
public record EventFilter(Set<String> models, Set<EventType> types, Set<String> aliases) {
    /** What {@code mlcd watch} acts on when no event is named: a new version and an alias set. */
    public static final Set<EventType> DEFAULT_TYPES = Set.of(EventType.MODEL_VERSION_CREATED,
            EventType.MODEL_VERSION_ALIAS_CREATED);

    public EventFilter {
        models = Set.copyOf(models);
        types = Set.copyOf(types.isEmpty() ? DEFAULT_TYPES : types);
        aliases = Set.copyOf(aliases);
    }

    public boolean accepts(final ModelEvent event) {
        return models.contains(event.model()) && types.contains(event.type())
                && (!event.type().isAliasEvent() || aliases.isEmpty() || aliases.contains(event.alias()));
    }
}
