package io.mlcd.events;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs a handler once per event a watch is for, and keeps the cursor ({@link WatchState}) saved
 * after every step. Two sources feed it: {@link #poll} (the poller, synchronously: an event's
 * change enters the cursor once its handler has returned) and {@link #receive} (a webhook
 * delivery: an accepted event is saved as pending before the receiver answers MLflow, then
 * {@link #handleNext} runs it on the caller's thread and removes it). A handler that fails is
 * logged and the watch goes on; one interrupted (the watch is stopping) leaves its event unhandled
 * in the cursor, so that it runs again after a restart. Events that do not pass the {@link EventFilter}, or that
 * {@link OwnWrites} says mlcd caused, advance the cursor without running the handler.
 * Log lines never hold the secret, a signature or a body.
 */
public final class Watcher {
    /** Starts the work for one event: a command, a build. */
    @FunctionalInterface
    public interface EventHandler {
        void handle(ModelEvent event) throws Exception;
    }

    /**
     * Thrown by a handler that cannot start the work now (a disabled job): the poll of that model
     * stops before the event, which comes again with the next poll; the cursor does not pass it.
     * (A pending webhook event is not polled again: postponed, it is logged and dropped.)
     */
    public static final class Postponed extends Exception {
        private static final long serialVersionUID = 1L;

        public Postponed(final String why) {
            super(why);
        }
    }

    private final WatchStateFile store;
    private final EventFilter filter;
    @CheckForNull
    private final OwnWrites own;
    private final EventHandler handler;
    private final Consumer<String> log;
    private final SeenDeliveries seen;
    private final LinkedBlockingQueue<ModelEvent> queue = new LinkedBlockingQueue<>();
    private WatchState state;

    /**
     * @param store where the cursor is kept (loaded now; a missing file is an empty cursor; snapshots
     *              of models the filter no longer names are dropped)
     * @param own   the loop filter, or null to act on mlcd's own writes too
     */
    public Watcher(final WatchStateFile store, final EventFilter filter, @CheckForNull final OwnWrites own,
            final EventHandler handler, final Consumer<String> log) {
        this.store = store;
        this.filter = filter;
        this.own = own;
        this.handler = handler;
        this.log = log;
        this.state = store.load().retainModels(filter.models()); // saved with the next step
        this.seen = new SeenDeliveries(SeenDeliveries.DEFAULT_CAPACITY, state.deliveries());
        queue.addAll(state.pending());
        if (!state.pending().isEmpty()) {
            log.accept(state.pending().size() + " event(s) accepted before a restart are handled first");
        }
    }

    /** The delivery ids accepted so far, for the {@link WebhookVerifier} of this watch. */
    public SeenDeliveries seen() {
        return seen;
    }

    public synchronized WatchState state() {
        return state;
    }

    /**
     * One poll of every watched model. A model seen for the first time is only recorded: the
     * watch starts from the registry as it is, it does not replay its history.
     */
    public void poll(final Poller poller) throws InterruptedException {
        models:
        for (var model : filter.models()) {
            var known = state().models().get(model);
            var changes = poller.poll(model, known == null ? ModelSnapshot.empty() : known);
            if (known == null) {
                log.accept("watching '" + model + "' from now: " + changes.now().versions().size() + " version(s), aliases "
                        + changes.now().aliases());
            }
            else {
                for (var event : changes.events()) {
                    if (wanted(event, "poll " + event.deliveryId() + ": ") && !run(event)) {
                        continue models;
                    }
                    save(state().apply(event));
                }
            }
            save(state().withModel(model, changes.now()));
        }
    }

    /**
     * One webhook delivery: verified, filtered, and when accepted saved as pending and queued for
     * {@link #handleNext}. The answer's HTTP status is {@code delivery.outcome().httpStatus()};
     * when the state cannot be saved this throws, and the receiver must answer 500 so that MLflow
     * sends it again.
     */
    public Delivery receive(final WebhookVerifier verifier, final UnaryOperator<String> header, final byte[] body) {
        var delivery = verifier.verify(header, body);
        var event = delivery.accepted();
        if (event.isEmpty()) {
            log.accept(delivery.describe());
            return delivery;
        }
        if (!wanted(event.get(), "")) {
            var ignored = delivery.ignored(filter.accepts(event.get()) ? "caused by " + own : "not watched");
            log.accept(ignored.describe());
            save(stateWithDeliveries());
            return ignored;
        }
        try {
            synchronized (this) {
                save(stateWithDeliveries().withPending(event.get()));
            }
        }
        catch (RuntimeException e) {
            verifier.forget(delivery.deliveryId());
            throw e;
        }
        log.accept(delivery.describe());
        queue.add(event.get());
        return delivery;
    }

    /** Handles the oldest pending event, waiting for one at most {@code wait}; false when none came. */
    public boolean handleNext(final Duration wait) throws InterruptedException {
        var event = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            return false;
        }
        run(event);
        synchronized (this) {
            save(state.handled(event));
        }
        return true;
    }

    private boolean wanted(final ModelEvent event, final String prefix) {
        if (!filter.accepts(event)) {
            return false;
        }
        if (own != null && own.caused(event)) {
            log.accept(prefix + "ignored " + event.describe() + ": caused by " + own);
            return false;
        }
        return true;
    }

    /**
     * Runs the handler; interrupted (the watch is stopping), the event stays where it was: not
     * handled. False when the handler postponed it.
     */
    private boolean run(final ModelEvent event) throws InterruptedException {
        try {
            handler.handle(event);
        }
        catch (InterruptedException e) {
            throw e;
        }
        catch (Postponed e) {
            log.accept("postponed " + event.describe() + ": " + e.getMessage());
            return false;
        }
        catch (Exception e) {
            log.accept("handling " + event.describe() + " failed: " + e.getMessage() + "; watching on");
        }
        return true;
    }

    private synchronized WatchState stateWithDeliveries() {
        return state.withDeliveries(seen.snapshot());
    }

    private synchronized void save(final WatchState next) {
        store.save(next);
        state = next;
    }
}
