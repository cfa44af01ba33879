package io.mlcd.canary;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a rollout for a host that must not block on it, such as a Jenkins build: each piece of
 * work (start, recover, a decision, an abort) runs on a worker thread of its own, one worker at a
 * time, and while the rollout waits for a decision no thread runs at all.
 *
 * <ul>
 * <li>A decision is accepted only while the rollout waits for one, once.</li>
 * <li>{@link #stop} ends a running rollout through {@link Rollout#stop} (no thread is interrupted)
 * and a waiting one through {@link Rollout#abort}; either way it ends ABORTED with the canary weight at 0.</li>
 * <li>Whatever fails after traffic moved rolls back, also when no worker thread can be started;
 * what fails before reaches {@link Events#failed} with nothing moved.</li>
 * <li>The first worker takes the router's lock before any weight moves; it is held across waits
 * until the rollout ends, fails or is suspended.</li>
 * </ul>
 */
public final class RolloutRunner {
    /** What the host hears, on the worker thread (or, when no thread could be started, on the caller's). */
    public interface Events {
        /** The rollout waits for {@link #decide} or {@link #stop}; no worker runs now. */
        void awaitingDecision(RolloutState state);

        /** The rollout has ended (SUCCEEDED, ROLLED_BACK, ABORTED); the lock is released when this returns. */
        void finished(RolloutState state);

        /** The work failed with no traffic moved, or a rollback could not be recorded; the lock is released after. */
        void failed(RuntimeException problem);
    }

    /** Held from the first worker until the rollout ends: the router's lock. */
    public interface Lease {
        void release();
    }

    /**
     * What every worker needs.
     *
     * @param sources  opens a metric source; each worker closes its own, so a listening socket is free while the
     *                 rollout waits
     * @param probes   the prediction probe, or null
     * @param progress hears of weights, analyses and ends, as from {@link Rollout}
     */
    public record Parts(RolloutPlan plan, Router router, Supplier<MetricSource> sources,
            Supplier<PredictionProbe> probes, RolloutStore store, Clock clock, RolloutListener progress) {
    }

    private final Parts parts;
    private final Events events;
    private final Supplier<Lease> lock;
    private final ThreadFactory threads;
    private final RolloutListener tracker = new Progress();
    // all guarded by this
    @CheckForNull
    private Thread worker;
    @CheckForNull
    private Rollout rollout;
    @CheckForNull
    private Lease lease;
    @CheckForNull
    private String stopWhy;
    @CheckForNull
    private String suspendWhy;
    private boolean begun;
    private boolean waiting;
    private boolean announcing;
    private boolean ended;
    private boolean pausing;

    /**
     * @param lock    takes the router's lock, or throws (an {@link InputException} naming who holds it)
     * @param threads makes the worker threads; one that returns null or cannot be started counts as a failure
     */
    public RolloutRunner(final Parts parts, final Events events, final Supplier<Lease> lock,
            final ThreadFactory threads) {
        this.parts = parts;
        this.events = events;
        this.lock = lock;
        this.threads = threads;
    }

    /** Starts a new rollout: the lock, then {@code prepare} (checks, a deployment: nothing has moved), then the plan. */
    public void start(final Runnable prepare) {
        begin(() -> {
            acquire();
            if (!interrupted()) {
                prepare.run();
            }
            return withRollout(Rollout::start);
        });
    }

    /**
     * Takes a rollout up again after its host restarted ({@link Rollout#recover}): with nothing saved
     * yet, {@code prepare} runs again before the start; a rollout that waited for a decision waits again.
     */
    public void recover(final Runnable prepare) {
        begin(() -> {
            acquire();
            if (parts.store().load().isEmpty() && !interrupted()) {
                prepare.run();
            }
            return withRollout(Rollout::recover);
        });
    }

    /** A person's decision; refused unless the rollout waits for one (so also a second decision). */
    public void decide(final boolean proceed, final String by) {
        synchronized (this) {
            awaitAnnouncement();
            if (!waiting) {
                throw new InputException("the rollout is not waiting for a decision: it is %s", doing());
            }
            waiting = false;
            if (launch(() -> withRollout(current -> current.decide(proceed, by)))) {
                return;
            }
        }
        run(RolloutRunner::noThread);
    }

    /**
     * Ends the rollout as ABORTED with the canary weight at 0: a running one through {@link Rollout#stop},
     * a waiting one on a new worker. The first reason counts.
     *
     * @return whether the end is reported through {@link Events}: false when nothing runs, waits or will
     *         (the rollout ended, or never began)
     */
    public boolean stop(final String why) {
        synchronized (this) {
            if (stopWhy == null) {
                stopWhy = why;
            }
            pausing = false;
            if (rollout != null) {
                rollout.stop(stopWhy);
            }
            if (worker != null) {
                return true;
            }
            if (!waiting) {
                return false;
            }
            waiting = false;
            if (launch(() -> abort())) {
                return true;
            }
        }
        run(this::abort);
        return true;
    }

    /**
     * A stop that came after the rollout SUCCEEDED but before the host acted on it (from
     * {@link Events#finished}, the lock still held): all traffic back on the stable version, ABORTED.
     */
    public RolloutState revoke(final String why) {
        return ending().revoke(why);
    }

    /**
     * For a shutdown of the host: the rollout stops where it stands (traffic and state file are left
     * for {@link #recover} after the restart, nothing is reported) and the lock is released. Waits up
     * to {@code wait} for the worker to end.
     */
    public void suspend(final String why, final Duration wait) throws InterruptedException {
        Thread running;
        synchronized (this) {
            suspendWhy = why;
            pausing = false;
            waiting = false;
            if (rollout != null) {
                rollout.suspend(why);
            }
            running = worker;
            if (running == null) {
                release();
            }
        }
        if (running != null) {
            running.join(wait.toMillis());
        }
    }

    /** Whether a decision would be accepted now; while the host hears of a new wait, this waits for it. */
    public synchronized boolean awaitsDecision() {
        awaitAnnouncement();
        return waiting;
    }

    /** Whether a worker does something a restart would cut short; waiting out a pause is not. */
    public synchronized boolean busy() {
        return worker != null && !pausing;
    }

    /** What the runner does, in a few words. */
    public synchronized String status() {
        if (waiting) {
            return "waiting for a decision";
        }
        return worker != null && pausing ? "pausing before the next analysis (" + worker.getName() + ")" : doing();
    }

    private String doing() {
        if (worker != null) {
            return stopWhy != null ? "being stopped (" + stopWhy + ")" : "running (" + worker.getName() + ")";
        }
        return ended ? "over" : "not running";
    }

    private void begin(final Supplier<RolloutState> work) {
        synchronized (this) {
            if (begun) {
                throw new IllegalStateException("this runner has begun a rollout already");
            }
            begun = true;
            if (launch(work)) {
                return;
            }
        }
        run(RolloutRunner::noThread);
    }

    /** Starts a worker on {@code work}; false when none could be started (the caller then ends it). */
    private boolean launch(final Supplier<RolloutState> work) {
        try {
            var thread = threads.newThread(() -> run(work));
            if (thread != null) {
                worker = thread;
                thread.start();
                return true;
            }
        }
        catch (RuntimeException | OutOfMemoryError e) { // Thread.start: "unable to create native thread"
            worker = null;
        }
        return false;
    }

    private static RolloutState noThread() {
        throw new IllegalStateException("no worker thread could be started");
    }

    /** A worker's life: the work, then waiting, or an end that is reported, or a suspension. */
    private void run(final Supplier<RolloutState> work) {
        RolloutState state;
        try {
            state = work.get();
            if (state.status() == RolloutStatus.AWAITING_DECISION && announce()) {
                try {
                    events.awaitingDecision(state);
                }
                catch (RuntimeException e) {
                    announced();
                    throw e;
                }
                if (await()) {
                    return;
                }
            }
            if (leftForRecovery(state)) {
                return;
            }
            if (!state.status().isFinal()) { // a stop came as the rollout began to wait
                state = abort();
            }
        }
        catch (RuntimeException e) {
            if (!movedTraffic()) {
                end(null, e);
                return;
            }
            try {
                state = ending().restore("the rollout could not go on: "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            catch (RuntimeException again) {
                again.addSuppressed(e);
                end(null, again);
                return;
            }
        }
        end(state, null);
    }

    /** A decision that comes while the host hears of the wait is for this wait: it waits for the announcement. */
    private synchronized boolean announce() {
        announcing = !interrupted();
        return announcing;
    }

    private synchronized void announced() {
        announcing = false;
        notifyAll();
    }

    private void awaitAnnouncement() {
        while (announcing) {
            try {
                wait();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException("interrupted while the rollout began to wait for a decision");
            }
        }
    }

    /** Publishes the wait, unless a stop or suspension came meanwhile. */
    private synchronized boolean await() {
        announced();
        if (stopWhy != null || suspendWhy != null) {
            return false;
        }
        waiting = true;
        worker = null;
        return true;
    }

    private synchronized boolean leftForRecovery(final RolloutState state) {
        if (suspendWhy == null || state.status().isFinal()) {
            return false;
        }
        release();
        worker = null;
        return true;
    }

    private void end(@CheckForNull final RolloutState state, @CheckForNull final RuntimeException problem) {
        try {
            if (state != null) {
                events.finished(state);
            }
            else {
                events.failed(problem);
            }
        }
        finally {
            synchronized (this) {
                release();
                ended = true;
                worker = null;
                pausing = false;
            }
        }
    }

    private RolloutState withRollout(final Function<Rollout, RolloutState> action) {
        try (var source = parts.sources().get()) {
            var current = new Rollout(parts.plan(), parts.router(), source, parts.probes().get(), parts.store(),
                    parts.clock(), tracker);
            synchronized (this) {
                rollout = current;
                if (stopWhy != null) {
                    current.stop(stopWhy);
                }
                else if (suspendWhy != null) {
                    current.suspend(suspendWhy);
                }
            }
            return action.apply(current);
        }
        finally {
            synchronized (this) {
                rollout = null;
            }
        }
    }

    private RolloutState abort() {
        String why;
        synchronized (this) {
            why = stopWhy;
        }
        return ending().abort(why);
    }

    /** The rollout for an end that measures nothing, an abort or a rollback: no metric source is opened for it. */
    private Rollout ending() {
        return new Rollout(parts.plan(), parts.router(), new NothingMeasured(), null, parts.store(), parts.clock(),
                tracker);
    }

    private void acquire() {
        synchronized (this) {
            if (lease != null) {
                return;
            }
        }
        var taken = lock.get();
        synchronized (this) {
            lease = taken;
        }
    }

    /** Whether traffic may have moved under this runner's lock: it holds it, and a rollout is unfinished. */
    private boolean movedTraffic() {
        synchronized (this) {
            if (lease == null) {
                return false;
            }
        }
        try {
            return parts.store().load().filter(saved -> !saved.status().isFinal()).isPresent();
        }
        catch (InputException e) { // an unreadable state cannot be rolled back; the problem is reported instead
            return false;
        }
    }

    private void release() {
        if (lease != null) {
            lease.release();
            lease = null;
        }
    }

    private synchronized boolean interrupted() {
        return stopWhy != null || suspendWhy != null;
    }

    /** Tells pauses from work, for {@link #busy}, and passes the progress on. */
    private final class Progress implements RolloutListener {
        @Override
        public void weightSet(final int weight) {
            synchronized (RolloutRunner.this) {
                pausing = weight < 100 && stopWhy == null && suspendWhy == null;
            }
            parts.progress().weightSet(weight);
        }

        @Override
        public void analysed(final StepRecord record, final RolloutState state) {
            synchronized (RolloutRunner.this) {
                pausing = false;
            }
            parts.progress().analysed(record, state);
        }

        @Override
        public void ended(final RolloutState state) {
            synchronized (RolloutRunner.this) {
                pausing = false;
            }
            parts.progress().ended(state);
        }
    }

    /** The metric source of {@link #ending}: an abort or a rollback analyses no window. */
    private static final class NothingMeasured implements MetricSource {
        @Override
        public Sides measure(final java.time.Instant from, final java.time.Instant to) {
            throw new IllegalStateException("a rollout that is ending measures nothing");
        }

        @Override
        public void close() {
            // nothing was opened
        }
    }
}
