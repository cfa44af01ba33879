package io.mlcd.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who settles each request for a human decision in one build (an approval, a canary's manual
 * gate): the first to claim it, of the people answering and the request's timeout. A person's
 * claim ends as recorded, or is released when recording failed, so that the request waits
 * again and the timeout may take it next; the timeout's claim is final. Thread-safe: of claims
 * that race, exactly one wins.
 */
public final class DecisionClaims {
    /** Where one request stands. */
    private enum State {
        /** Waiting for a person or the timeout. */
        PENDING,
        /** A person's decision is being recorded. */
        DECIDING,
        RECORDED,
        TIMED_OUT,
        /** The step ended otherwise (the build was aborted). */
        WITHDRAWN
    }

    private final Map<String, State> requests = new LinkedHashMap<>();

    /**
     * @param open the requests that were open when the build was last saved; after a restart
     *             they wait again, since a decision in flight ended with the old process
     */
    public DecisionClaims(final Collection<String> open) {
        open.forEach(id -> requests.put(id, State.PENDING));
    }

    /** A step waits: a new request, or a settled one asked anew (the canary's next manual gate). */
    public synchronized void request(final String id) {
        if (!isOpen(id)) {
            requests.put(id, State.PENDING);
        }
    }

    /** A person answers; true if the request is theirs to decide, until they record or release it. */
    public synchronized boolean claim(final String id) {
        return move(id, State.PENDING, State.DECIDING);
    }

    /** The decision taken under the claim is on record. */
    public synchronized void recorded(final String id) {
        move(id, State.DECIDING, State.RECORDED);
    }

    /** Ends a claim whose decision was not recorded: the request waits again. No effect once recorded. */
    public synchronized void release(final String id) {
        move(id, State.DECIDING, State.PENDING);
    }

    /**
     * The deadline passed; true if the timeout takes the request, false if it is settled or a
     * person's decision is being recorded (then try again later: the decision stands unless released).
     */
    public synchronized boolean timeOut(final String id) {
        return move(id, State.PENDING, State.TIMED_OUT);
    }

    /** The step ended otherwise: the request can no longer be claimed, and a claim in flight no longer counts. */
    public synchronized void withdraw(final String id) {
        if (isOpen(id)) {
            requests.put(id, State.WITHDRAWN);
        }
    }

    /** Whether the request waits for a decision or one is being recorded. */
    public synchronized boolean isOpen(final String id) {
        var state = requests.get(id);
        return state == State.PENDING || state == State.DECIDING;
    }

    /** The open requests, in the order they were first asked. */
    public synchronized List<String> open() {
        var ids = new ArrayList<String>();
        requests.keySet().stream().filter(this::isOpen).forEach(ids::add);
        return ids;
    }

    private boolean move(final String id, final State from, final State to) {
        if (requests.get(id) != from) {
            return false;
        }
        requests.put(id, to);
        return true;
    }
}
