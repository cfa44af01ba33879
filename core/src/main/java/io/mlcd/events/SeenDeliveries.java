package io.mlcd.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids accepted recently, to drop a delivery seen before. Only ids whose timestamp is
 * still inside the verifier's window are kept (an older delivery is refused as stale anyway), and
 * never more than {@code capacity} (the oldest go first), so memory stays bounded whatever arrives.
 * Thread-safe: a receiver's threads share one.
 */
public final class SeenDeliveries {
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    /** id → the delivery's timestamp (epoch seconds), in the order first seen. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    public SeenDeliveries(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Ids remembered from a saved state (see {@link #snapshot()}). */
    public SeenDeliveries(final int capacity, final Map<String, Long> remembered) {
        this(capacity);
        remembered.forEach(seen::put);
        trim(Long.MIN_VALUE);
    }

    /**
     * Remembers the id unless it is known; false when it is known (a duplicate).
     *
     * @param oldest epoch second before which ids are forgotten
     */
    public synchronized boolean add(final String id, final long timestamp, final long oldest) {
        trim(oldest);
        if (seen.containsKey(id)) {
            return false;
        }
        seen.put(id, timestamp);
        trim(oldest);
        return true;
    }

    /** Forgets an id again, when what was to follow its acceptance (saving the state) failed. */
    public synchronized void forget(final String id) {
        seen.remove(id);
    }

    public synchronized Map<String, Long> snapshot() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seen));
    }

    public synchronized int size() {
        return seen.size();
    }

    private void trim(final long oldest) {
        seen.values().removeIf(timestamp -> timestamp < oldest);
        var extra = seen.size() - capacity;
        var ids = seen.keySet().iterator();
        for (int i = 0; i < extra; i++) {
            ids.next();
            ids.remove();
        }
    }
}
