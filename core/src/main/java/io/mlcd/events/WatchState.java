package io.mlcd.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A watcher's cursor, saved after every step so that a restarted watcher neither replays nor
 * misses an event: what the poller last saw of each model, the webhook delivery ids accepted
 * recently (duplicates are dropped after a restart too), and the accepted events whose command has
 * not finished yet (run again after a restart: a watcher killed while a command runs runs it again).
 *
 * @param models     model → the poller's last snapshot
 * @param deliveries webhook delivery id → its timestamp (epoch seconds)
 * @param pending    accepted events not yet handled, oldest first
 */
public record WatchState(Map<String, ModelSnapshot> models, Map<String, Long> deliveries, List<ModelEvent> pending) {
    public WatchState {
        models = Collections.unmodifiableMap(new TreeMap<>(models));
        deliveries = Collections.unmodifiableMap(new LinkedHashMap<>(deliveries));
        pending = List.copyOf(pending);
    }

    public static WatchState empty() {
        return new WatchState(Map.of(), Map.of(), List.of());
    }

    public WatchState withModel(final String model, final ModelSnapshot snapshot) {
        var next = new TreeMap<>(models);
        next.put(model, snapshot);
        return new WatchState(next, deliveries, pending);
    }

    /**
     * The cursor of only these models: a model no longer watched loses its snapshot, so that
     * watching it again later starts from the registry as it is then, not from old changes.
     */
    public WatchState retainModels(final Set<String> watched) {
        var next = new TreeMap<>(models);
        next.keySet().retainAll(watched);
        return new WatchState(next, deliveries, pending);
    }

    /** The cursor past this event: a model the poller follows advances; others are untouched. */
    public WatchState apply(final ModelEvent event) {
        var snapshot = models.get(event.model());
        return snapshot == null ? this : withModel(event.model(), snapshot.apply(event));
    }

    public WatchState withDeliveries(final Map<String, Long> seen) {
        return new WatchState(models, seen, pending);
    }

    public WatchState withPending(final ModelEvent event) {
        var next = new ArrayList<>(pending);
        next.add(event);
        return new WatchState(models, deliveries, next);
    }

    public WatchState handled(final ModelEvent event) {
        var next = new ArrayList<>(pending);
        next.removeIf(waiting -> waiting.deliveryId().equals(event.deliveryId()));
        return new WatchState(models, deliveries, next);
    }
}
