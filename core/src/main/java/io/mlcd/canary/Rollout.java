package io.mlcd.canary;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a rollout plan: at each weight, pause, analyse the window, and go on, repeat, pause for a
 * human or roll back, persisting the state after every transition. Rolling back sets the canary
 * weight to 0; it happens on too many FAILED analyses, on INCONCLUSIVE ones without a manual
 * gate (no data is never a pass), on a router or metric source error, on interruption and on any
 * other error (a state file that cannot be written still gets the weight to 0 first). At weight 100 the
 * rollout has SUCCEEDED; promotion is the caller's next step.
 *
 * <p>Another thread ends a running rollout with {@link #stop} (rolled back, ABORTED) or
 * {@link #suspend} (traffic and state left for a resume); {@link #abort} ends one that is not
 * running (waiting for a decision, or left by a process that is gone). Stopping never relies on
 * interrupting the running thread: an interrupted thread cannot talk to the router or write the
 * state file, so the rollback runs with the interrupt cleared and restores it afterwards.
 */
public final class Rollout {
    private final RolloutPlan plan;
    private final Router router;
    private final MetricSource source;
    @CheckForNull
    private final PredictionProbe probe;
    private final RolloutStore store;
    private final Clock clock;
    private final RolloutListener listener;
    private final CanaryJudge judge;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<StopRequest> stop = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();

    public Rollout(final RolloutPlan plan, final Router router, final MetricSource source,
            @CheckForNull final PredictionProbe probe, final RolloutStore store, final Clock clock,
            final RolloutListener listener) {
        this.plan = plan;
        this.router = router;
        this.source = source;
        this.probe = probe;
        this.store = store;
        this.clock = clock;
        this.listener = listener;
        this.judge = new CanaryJudge(plan.minRequests(), plan.confidence());
    }

    /**
     * Starts a new rollout. A state file left by an unfinished one must be resumed or restored
     * first, and so must one whose rollback did not reach the router; one that ended, or that
     * stopped before it moved any traffic, is replaced.
     */
    public RolloutState start() {
        store.load().ifPresent(state -> {
            if (rollbackIncomplete(state)) {
                throw new io.mlcd.util.InputException("%s holds a rollout whose rollback did not reach the router "
                        + "(the canary may still have %d%%): restore it first", store.file(), state.weight());
            }
            if (!state.status().isFinal() && !movedNoTraffic(state)) {
                throw new io.mlcd.util.InputException("%s holds an unfinished rollout (%s at step %d): resume or "
                        + "restore it", store.file(), state.status(), state.step() + 1);
            }
        });
        return run(RolloutState.start(clock.instant()));
    }

    /**
     * Still PROGRESSING at the first step with no weight saved and nothing analysed: it stopped
     * (killed, suspended, failed) before or during its first weight change, so a new start, which
     * begins with that same change, does what a resume would.
     */
    private static boolean movedNoTraffic(final RolloutState state) {
        return state.status() == RolloutStatus.PROGRESSING && state.step() == 0 && state.weight() == 0
                && state.history().isEmpty();
    }

    /** Rolled back or aborted, but the canary kept its weight because the router could not be reached. */
    private static boolean rollbackIncomplete(final RolloutState state) {
        return (state.status() == RolloutStatus.ROLLED_BACK || state.status() == RolloutStatus.ABORTED)
                && state.weight() != 0;
    }

    /** Continues an unfinished rollout from its state file, at the step it had reached. */
    public RolloutState resume() {
        var state = unfinished();
        if (state.status() == RolloutStatus.AWAITING_DECISION) {
            return state; // only a decision moves it on
        }
        return run(state);
    }

    /**
     * After a restart of whatever ran the rollout: starts it when nothing was saved yet, returns
     * the saved state when it has ended, resumes it otherwise.
     */
    public RolloutState recover() {
        var saved = store.load();
        if (saved.isEmpty()) {
            return start();
        }
        return saved.get().status().isFinal() ? saved.get() : resume();
    }

    /**
     * A human's decision on a rollout awaiting one: after an inconclusive step, go on to the next
     * weight; before an approve-before weight, go to it; or roll back.
     */
    public RolloutState decide(final boolean proceed, final String by) {
        var state = unfinished();
        if (state.status() != RolloutStatus.AWAITING_DECISION) {
            throw new io.mlcd.util.InputException("the rollout is %s, not awaiting a decision", state.status());
        }
        if (!proceed) {
            return rollBack(state, "rolled back by " + by + " after: " + state.reason());
        }
        var awaitingApproval = state.weight() != plan.weights().get(state.step());
        return run(save(awaitingApproval ? state.approved(clock.instant()) : state.nextStep(clock.instant())));
    }

    /**
     * Asks the running rollout to end as ABORTED with all traffic on the stable version: a pause
     * ends at once, a router call or analysis under way finishes (each is bounded by its timeout),
     * then the canary weight goes to 0. Safe from any thread; the first stop or suspend wins. A
     * rollout that is not running yet aborts as soon as it starts.
     */
    public void stop(final String why) {
        request(new StopRequest(why, false));
    }

    /**
     * Asks the running rollout to end where it stands: the weights stay as they are and the state
     * file stays unfinished, for a later resume or restore.
     */
    public void suspend(final String why) {
        request(new StopRequest(why, true));
    }

    private void request(final StopRequest request) {
        stop.compareAndSet(null, request);
        stopped.countDown();
    }

    /**
     * Ends an unfinished rollout that is not running, such as one waiting for a decision, as
     * ABORTED with all traffic on the stable version: what {@link #stop} does to a running one.
     *
     * @throws IllegalStateException when this rollout is running: {@link #stop} ends it
     */
    public RolloutState abort(final String why) {
        if (running.get()) {
            throw new IllegalStateException("the rollout is running: stop it instead");
        }
        return rollBack(unfinished(), RolloutStatus.ABORTED, why);
    }

    /**
     * Takes back a SUCCEEDED rollout whose host was stopped before it acted on the success (a
     * promotion): all traffic goes back to the stable version and the rollout ends ABORTED.
     */
    public RolloutState revoke(final String why) {
        var state = store.load().filter(saved -> saved.status() == RolloutStatus.SUCCEEDED)
                .orElseThrow(() -> new io.mlcd.util.InputException("no succeeded rollout in %s", store.file()));
        return rollBack(state, RolloutStatus.ABORTED, why);
    }

    /**
     * Puts the stable version back on all traffic and ends an unfinished rollout; also retries a
     * rollback that did not reach the router.
     */
    public RolloutState restore(final String why) {
        var saved = store.load();
        if (saved.isPresent() && rollbackIncomplete(saved.get())) {
            return rollBack(saved.get(), saved.get().status(), saved.get().reason() + "; " + why);
        }
        return rollBack(unfinished(), why);
    }

    private RolloutState unfinished() {
        var state = store.load().orElseThrow(() -> new io.mlcd.util.InputException("no rollout state in %s",
                store.file()));
        if (state.status().isFinal()) {
            throw new io.mlcd.util.InputException("the rollout in %s has already ended: %s", store.file(),
                    state.status());
        }
        return state;
    }

    private RolloutState run(final RolloutState initial) {
        running.set(true);
        try {
            return steps(initial);
        }
        finally {
            running.set(false);
        }
    }

    private RolloutState steps(final RolloutState initial) {
        var state = save(initial);
        try {
            while (true) {
                checkStop();
                var weight = plan.weights().get(state.step());
                if (plan.approveBefore().contains(weight) && !Integer.valueOf(state.step()).equals(state.approvedStep())) {
                    return end(state.ended(RolloutStatus.AWAITING_DECISION, "approval required before " + weight + "%",
                            clock.instant()));
                }
                router.apply(new Weights(weight));
                state = save(state.withWeight(weight, clock.instant()));
                listener.weightSet(weight);
                checkStop(); // a stop during the weight change wins over reaching 100%
                if (weight == 100) {
                    return end(state.ended(RolloutStatus.SUCCEEDED, null, clock.instant()));
                }
                var paused = clock.instant();
                if (stopped.await(plan.pause().toMillis(), TimeUnit.MILLISECONDS)) {
                    checkStop();
                }
                var to = clock.instant();
                // an extended step is analysed over all its windows: more traffic, more evidence
                var from = state.inconclusive() == 0 ? paused
                        : state.history().get(state.history().size() - state.inconclusive()).from();
                var record = analyse(weight, from, to);
                checkStop(); // an analysis finished after a stop decides nothing
                var outcome = record.outcome();
                var failures = state.failures() + (outcome == StepOutcome.FAILED ? 1 : 0);
                var inconclusive = state.inconclusive() + (outcome == StepOutcome.INCONCLUSIVE ? 1 : 0);
                state = save(state.analysed(record, failures, inconclusive, clock.instant()));
                listener.analysed(record, state);
                if (failures > plan.failureLimit()) {
                    return rollBack(state, "analysis FAILED at " + weight + "%: " + firstProblem(record));
                }
                if (inconclusive > plan.inconclusiveLimit()) {
                    var why = "analysis INCONCLUSIVE at " + weight + "%: " + firstProblem(record);
                    if (plan.manualGate()) {
                        return end(state.ended(RolloutStatus.AWAITING_DECISION, why, clock.instant()));
                    }
                    return rollBack(state, why + " (no manual gate: failing closed)");
                }
                if (outcome == StepOutcome.PASSED || outcome == StepOutcome.WARNING) {
                    state = save(state.nextStep(clock.instant()));
                }
            }
        }
        catch (StopRequested e) {
            return stopped(state);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped(state);
        }
        catch (RouterException e) {
            return stopRequested() ? stopped(state) : rollBack(state, "router error: " + e.getMessage());
        }
        catch (MetricSourceException e) {
            return stopRequested() ? stopped(state) : rollBack(state, "metric source error: " + e.getMessage());
        }
        catch (RuntimeException e) { // whatever else broke, the canary must not keep its traffic
            return stopRequested() ? stopped(state) : rollBack(state, "error: " + e);
        }
    }

    /**
     * Whether someone asked the rollout to end: by {@link #stop} or {@link #suspend}, or by
     * interrupting its thread, which then failed whatever it was doing (a router call, the state
     * file) and counts as a stop.
     */
    private boolean stopRequested() {
        if (Thread.currentThread().isInterrupted()) {
            request(new StopRequest("the rollout's thread was interrupted", false));
        }
        return stop.get() != null;
    }

    private void checkStop() throws StopRequested {
        if (stop.get() != null) {
            throw new StopRequested();
        }
    }

    private RolloutState stopped(final RolloutState state) {
        stopRequested();
        var request = stop.get();
        if (request.keepTraffic()) {
            return withoutInterrupt(() -> end(state.ended(RolloutStatus.PROGRESSING, "suspended: " + request.why()
                    + " (traffic left at " + state.weight() + "%)", clock.instant())));
        }
        return rollBack(state, RolloutStatus.ABORTED, request.why());
    }

    private StepRecord analyse(final int weight, final java.time.Instant from, final java.time.Instant to) {
        var sides = source.measure(from, to);
        var canary = sides.canary();
        var baseline = sides.baseline();
        if (probe != null) {
            var predictions = probe.predictions();
            canary = canary.withPredictions(predictions[0]);
            baseline = baseline.withPredictions(predictions[1]);
        }
        return StepRecord.of(weight, from, to, judge.judge(canary, baseline, plan.gates()));
    }

    /** The gate that decided the outcome: a failed one before an inconclusive one. */
    private static String firstProblem(final StepRecord record) {
        var order = java.util.List.of("FAILED", "ERROR", "INCONCLUSIVE");
        return record.gates().stream().filter(gate -> order.contains(gate.outcome()))
                .min(java.util.Comparator.comparingInt(gate -> order.indexOf(gate.outcome())))
                .map(gate -> gate.expression() + ": " + gate.message()).orElse(record.outcome().name());
    }

    private RolloutState rollBack(final RolloutState state, final String why) {
        return rollBack(state, RolloutStatus.ROLLED_BACK, why);
    }

    private RolloutState rollBack(final RolloutState state, final RolloutStatus status, final String why) {
        return withoutInterrupt(() -> {
            try {
                router.apply(new Weights(0));
                return end(state.withWeight(0, clock.instant()).ended(status, why, clock.instant()));
            }
            catch (RuntimeException e) { // a router error, or a router that cannot even build its request
                // the weight stays as last set: the state file must not claim the stable version serves alone,
                // and a restore can try again
                return end(state.ended(status, why + "; setting the canary weight to 0 failed too: "
                        + (e instanceof RouterException ? e.getMessage() : e.toString()), clock.instant()));
            }
        });
    }

    /**
     * Runs {@code action} with the thread's interrupt cleared, then sets it again: socket and file
     * channels fail at once on an interrupted thread, and a rollback must still reach the router
     * and the state file.
     */
    private static RolloutState withoutInterrupt(final java.util.function.Supplier<RolloutState> action) {
        var interrupted = Thread.interrupted();
        try {
            return action.get();
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RolloutState end(final RolloutState state) {
        save(state);
        listener.ended(state);
        return state;
    }

    private RolloutState save(final RolloutState state) {
        store.save(state);
        return state;
    }

    /** Who asked the rollout to stop, and whether the traffic stays where it is. */
    private record StopRequest(String why, boolean keepTraffic) {
    }

    /** Unwinds a running rollout to {@link #stopped}. */
    private static final class StopRequested extends Exception {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stop requested", null, false, false);
        }
    }
}
