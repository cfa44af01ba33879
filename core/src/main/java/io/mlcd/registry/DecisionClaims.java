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
 *
 * <p>The step may end otherwise meanwhile (the build is aborted): {@link #withdraw}. A claimant
 * that has begun to write its decision ({@link #recording}: to MLflow, to the rollout) cannot be
 * withdrawn half way: the withdrawal waits for that decision to be recorded or released, so an
 * abort and a decision never both count.
 */
public final class DecisionClaims {
    /** Where one request stands. */
    private enum State {
        /** Waiting for a person or the timeout. */
        PENDING,
        /** A person claimed the request; nothing is written yet. */
        DECIDING,
        /** The claimant writes its decision; a withdrawal waits for the outcome. */
        RECORDING,
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

    /**
     * A step waits: a new request, or a settled one asked anew (the canary's next manual gate, which
     * may come while the decision that led to it is still being recorded: it waits for that).
     */
    public synchronized void request(final String id) throws InterruptedException {
        awaitRecording(id);
        if (!isOpen(id)) {
            requests.put(id, State.PENDING);
        }
    }

    /** A person answers; true if the request is theirs to decide, until they record or release it. */
    public synchronized boolean claim(final String id) {
        return move(id, State.PENDING, State.DECIDING);
    }

    /**
     * The claimant is about to write its decision; false if the request was withdrawn (or is not
     * claimed) meanwhile: then nothing may be written.
     */
    public synchronized boolean recording(final String id) {
        return move(id, State.DECIDING, State.RECORDING);
    }

    /** The decision taken under the claim is on record; false if the claim was not held any more. */
    public synchronized boolean recorded(final String id) {
        var done = move(id, State.RECORDING, State.RECORDED) || move(id, State.DECIDING, State.RECORDED);
        notifyAll();
        return done;
    }

    /** Ends a claim whose decision was not recorded: the request waits again. No effect once recorded. */
    public synchronized void release(final String id) {
        if (move(id, State.RECORDING, State.PENDING) || move(id, State.DECIDING, State.PENDING)) {
            notifyAll();
        }
    }

    /**
     * The deadline passed; true if the timeout takes the request, false if it is settled or a
     * person's decision is being recorded (then try again later: the decision stands unless released).
     */
    public synchronized boolean timeOut(final String id) {
        return move(id, State.PENDING, State.TIMED_OUT);
    }

    /**
     * The step ended otherwise: the request can no longer be claimed, and a claim whose decision
     * is not being written yet no longer counts. While one is written, waits for its outcome.
     *
     * @return true if withdrawn; false if the request was settled already (a decision was recorded: it stands)
     */
    public synchronized boolean withdraw(final String id) throws InterruptedException {
        awaitRecording(id);
        if (!isOpen(id)) {
            return false;
        }
        requests.put(id, State.WITHDRAWN);
        return true;
    }

    /** Whether the request waits for a decision or one is being recorded. */
    public synchronized boolean isOpen(final String id) {
        var state = requests.get(id);
        return state == State.PENDING || state == State.DECIDING || state == State.RECORDING;
    }

    /** The open requests, in the order they were first asked. */
    public synchronized List<String> open() {
        var ids = new ArrayList<String>();
        requests.keySet().stream().filter(this::isOpen).forEach(ids::add);
        return ids;
    }

    private void awaitRecording(final String id) throws InterruptedException {
        while (requests.get(id) == State.RECORDING) {
            wait();
        }
    }

    private boolean move(final String id, final State from, final State to) {
        if (requests.get(id) != from) {
            return false;
        }
        requests.put(id, to);
        return true;
    }
}
