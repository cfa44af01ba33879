package io.mlcd.cli;

import io.mlcd.canary.Rollout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While a rollout runs, SIGINT, SIGTERM and SIGHUP end it instead of leaving the canary at its
 * weight: a shutdown hook stops the rollout (all traffic back on the stable version) or, with
 * {@code keep}, suspends it, then waits, at most {@code bound}, until the command has written its
 * state, report and record ({@link #close}). The JVM then exits with 128 + the signal's number.
 * SIGKILL runs no hook: the state file is all that is left.
 */
final class StopOnSignal implements AutoCloseable {
    private static final String WHY = "mlcd canary was stopped by a signal (Ctrl-C, kill or a cancelled job)";

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal(final Rollout rollout, final boolean keep, final Path state, final PrintWriter err,
            final Duration bound) {
        hook = new Thread(() -> {
            err.println(keep ? "mlcd: stop signal: leaving the traffic where it is (--on-signal keep)"
                    : "mlcd: stop signal: putting all traffic back on the stable version");
            err.flush();
            if (keep) {
                rollout.suspend(WHY);
            }
            else {
                rollout.stop(WHY);
            }
            await(keep, state, err, bound);
        }, "mlcd-canary-stop");
    }

    /** Stops or suspends the rollout on a signal until {@link #close}. */
    static StopOnSignal install(final Rollout rollout, final boolean keep, final Path state, final PrintWriter err,
            final Duration bound) {
        var stop = new StopOnSignal(rollout, keep, state, err, bound);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    private void await(final boolean keep, final Path state, final PrintWriter err, final Duration bound) {
        try {
            if (!finished.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                err.printf("mlcd: the rollout did not end within %d s; the canary may keep its weight: put the stable "
                        + "version back with mlcd canary --restore --state %s …%n", bound.toSeconds(), state);
            }
            else if (keep) {
                err.printf("mlcd: traffic left as it was; continue with mlcd canary --resume --state %s … or put the "
                        + "stable version back with --restore%n", state);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the JVM is exiting anyway
        }
        err.flush();
    }

    /** The command has finished (its outputs are written): a signal from now on just exits. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs, and returns now that the command has finished
        }
    }
}
