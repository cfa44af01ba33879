package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.Severity;
import io.mlcd.testkit.LoadGenerator;
import io.mlcd.testkit.ModelServer;
import io.mlcd.testkit.Ports;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A rollout ended from outside on a real HAProxy: stopped from another thread while it pauses,
 * analyses or changes a weight, or its thread interrupted, it ends ABORTED with HAProxy's canary
 * weight at 0, and so does one aborted while it waits for a decision; suspended, it keeps the
 * weight for a resume; a rollback that could not reach the router stays restorable; one that
 * moved no traffic does not block the next start.
 */
public class RolloutStopTest {
    private static final long WAIT_SECONDS = 20;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static RolloutPlan plan(final Duration pause) {
        var gates = List.of(new GateParser(new CanaryCatalog()).parse("error_rate <= baseline + 5%", Severity.FAIL));
        return new RolloutPlan(List.of(25, 100), pause, gates, 1, 0.95, 0, 5, false);
    }

    /** A rollout of {@code plan} on {@code router}, without a probe, its state in {@link #stateFile}. */
    private Rollout rollout(final RolloutPlan plan, final Router router, final MetricSource source,
            final RolloutListener listener) {
        return new Rollout(plan, router, source, null, new RolloutStore(stateFile()), Clock.systemUTC(), listener);
    }

    private Path stateFile() {
        return folder.getRoot().toPath().resolve("rollout.json");
    }

    /** Tells the test which weights were set and when the rollout ended. */
    private static final class Events implements RolloutListener {
        final CountDownLatch firstWeight = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void weightSet(final int weight) {
            firstWeight.countDown();
        }

        @Override
        public void analysed(final StepRecord record, final RolloutState state) {
        }

        @Override
        public void ended(final RolloutState state) {
            ended.countDown();
        }
    }

    /** The real router, calling {@code before} with each weight before HAProxy gets it and {@code after} once it has. */
    private record HookedRouter(Router router, IntConsumer before, IntConsumer after) implements Router {
        @Override
        public void apply(final Weights weights) {
            before.accept(weights.canary());
            router.apply(weights);
            after.accept(weights.canary());
        }

        @Override
        public Weights current() {
            return router.current();
        }

        @Override
        public String lockKey() {
            return router.lockKey();
        }
    }

    /** The real metric source, held inside {@code measure} until released. */
    private static final class BlockingSource implements MetricSource {
        final MetricSource source;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        BlockingSource(final MetricSource source) {
            this.source = source;
        }

        @Override
        public Sides measure(final Instant from, final Instant to) {
            entered.countDown();
            await(release);
            return source.measure(from, to);
        }

        @Override
        public void close() {
            // the test closes the source it wraps
        }
    }

    private static void await(final CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("waited for the rollout").isTrue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HaproxyLogSource logSource() throws java.io.IOException {
        return new HaproxyLogSource(new InetSocketAddress("127.0.0.1", 0), "model", "stable", "canary",
                Clock.systemUTC());
    }

    private static Haproxy haproxy(final HaproxyLogSource source) throws Exception {
        return Haproxy.start(Ports.free(), Ports.free(), source.port());
    }

    private void assertAborted(final RolloutState state, final Haproxy haproxy) {
        assertThat(state.status()).as(state.reason()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(haproxy.router().current()).as("HAProxy's weights after the abort").isEqualTo(new Weights(0));
        var saved = new RolloutStore(stateFile()).load().orElseThrow();
        assertThat(saved.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(saved.weight()).isZero();
    }

    @Test
    public void shouldPutAllTrafficBackOnStableWhenStoppedDuringAPause() throws Exception {
        try (var stable = ModelServer.start(); var canary = ModelServer.start("--seed", "2"); var source = logSource();
                var haproxy = Haproxy.start(stable.port(), canary.port(), source.port());
                var load = new LoadGenerator(haproxy.uri(), 2, 100_000, Duration.ofSeconds(60))) {
            var events = new Events();
            var rollout = rollout(plan(Duration.ofMinutes(10)), haproxy.router(), source, events);
            var running = CompletableFuture.supplyAsync(rollout::start);
            await(events.firstWeight);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));

            var stoppedAt = System.nanoTime();
            rollout.stop("the job was cancelled");
            var state = running.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).as("a pause ends at once")
                    .isLessThan(Duration.ofSeconds(5));
            assertAborted(state, haproxy);
            assertThat(state.reason()).isEqualTo("the job was cancelled");
            assertThat(state.history()).isEmpty();
            load.close();
            assertThat(load.failed()).as("client requests failed during the abort").isZero();
        }
    }

    @Test
    public void shouldAbortWhenStoppedDuringAnAnalysisAndIgnoreItsOutcome() throws Exception {
        try (var logs = logSource(); var haproxy = haproxy(logs)) {
            var source = new BlockingSource(logs);
            var rollout = rollout(plan(Duration.ofMillis(200)), haproxy.router(), source, new Events());
            var running = CompletableFuture.supplyAsync(rollout::start);
            await(source.entered);

            rollout.stop("stopped during the analysis");
            assertThat(running).as("the analysis under way finishes first").isNotDone();
            source.release.countDown();
            var state = running.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertAborted(state, haproxy);
            assertThat(state.history()).as("an analysis finished after a stop decides nothing").isEmpty();
        }
    }

    @Test
    public void shouldAbortWhenStoppedDuringAWeightChangeEvenToOneHundred() throws Exception {
        try (var source = logSource(); var haproxy = haproxy(source)) {
            var inside = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var router = new HookedRouter(haproxy.router(), weight -> { }, weight -> {
                if (weight == 100) {
                    inside.countDown();
                    await(release);
                }
            });
            var gates = List.of(new GateParser(new CanaryCatalog()).parse("error_rate <= 0.5", Severity.FAIL));
            // the last weight change, after which the rollout would have SUCCEEDED
            var plan = new RolloutPlan(List.of(100), Duration.ofSeconds(1), gates, 1, 0.95, 0, 0, false);
            var rollout = rollout(plan, router, source, new Events());
            var running = CompletableFuture.supplyAsync(rollout::start);
            await(inside);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(100));

            rollout.stop("stopped while the weight changed");
            release.countDown();
            var state = running.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertAborted(state, haproxy);
        }
    }

    @Test
    public void shouldAbortAnInterruptedRolloutDuringAPauseAndDuringARouterCall() throws Exception {
        try (var source = logSource(); var haproxy = haproxy(source)) {
            var events = new Events();
            var worker = new CompletableFuture<Thread>();
            var rollout = rollout(plan(Duration.ofMinutes(10)), haproxy.router(), source, events);
            var interruptedAfter = new CompletableFuture<Boolean>();
            var running = CompletableFuture.supplyAsync(() -> {
                worker.complete(Thread.currentThread());
                var state = rollout.start();
                interruptedAfter.complete(Thread.interrupted());
                return state;
            });
            await(events.firstWeight);
            worker.get().interrupt();
            var state = running.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertAborted(state, haproxy);
            assertThat(state.reason()).isEqualTo("the rollout's thread was interrupted");
            assertThat(interruptedAfter.get()).as("the interrupt is kept for the caller").isTrue();

            // the bug that led here: the interrupt arrives while HAProxy is being called, the call fails at once,
            // and the rollback used to fail the same way, leaving the canary at its weight
            Files.delete(stateFile());
            var router = new HookedRouter(haproxy.router(), weight -> {
                if (weight == 100) {
                    Thread.currentThread().interrupt();
                }
            }, weight -> { });
            var gates = List.of(new GateParser(new CanaryCatalog()).parse("error_rate <= 0.5", Severity.FAIL));
            var plan = new RolloutPlan(List.of(100), Duration.ofSeconds(1), gates, 1, 0.95, 0, 0, false);
            haproxy.router().apply(new Weights(40));
            var interruptedInCall = rollout(plan, router, source, new Events()).start();
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();

            assertAborted(interruptedInCall, haproxy);
        }
    }

    @Test
    public void shouldAbortAtOnceWhenStoppedBeforeItStarts() throws Exception {
        try (var source = logSource(); var haproxy = haproxy(source)) {
            var events = new Events();
            var rollout = rollout(plan(Duration.ofMinutes(10)), haproxy.router(), source, events);
            rollout.stop("cancelled before the first weight");

            var state = rollout.start();

            assertAborted(state, haproxy);
            assertThat(events.firstWeight.getCount()).as("no weight was set").isOne();
        }
    }

    @Test
    public void shouldAbortARolloutWaitingForADecisionEvenOnAnInterruptedThread() throws Exception {
        try (var source = logSource(); var haproxy = haproxy(source)) {
            var gates = List.of(new GateParser(new CanaryCatalog()).parse("error_rate <= baseline + 5%", Severity.FAIL));
            // no traffic: the first analysis is INCONCLUSIVE, and past the limit of 0 the manual gate waits
            var plan = new RolloutPlan(List.of(25, 100), Duration.ofMillis(200), gates, 1, 0.95, 0, 0, true);
            var events = new Events();
            var waiting = rollout(plan, haproxy.router(), source, events).start();
            assertThat(waiting.status()).isEqualTo(RolloutStatus.AWAITING_DECISION);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));

            var ended = new Events();
            var later = rollout(plan, haproxy.router(), source, ended);
            Thread.currentThread().interrupt(); // e.g. the build's thread, aborted itself
            var state = later.abort("build aborted while waiting");
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();

            assertAborted(state, haproxy);
            assertThat(state.reason()).isEqualTo("build aborted while waiting");
            assertThat(state.history()).as("the analysis that led to the wait is kept").hasSize(1);
            assertThat(ended.ended.getCount()).as("the listener heard of the end").isZero();
            assertThatThrownBy(() -> later.abort("twice")).hasMessage("the rollout in " + stateFile()
                    + " has already ended: ABORTED");
        }
    }

    @Test
    public void shouldRefuseToAbortARunningRolloutWhichStopEnds() throws Exception {
        try (var source = logSource(); var haproxy = haproxy(source)) {
            var events = new Events();
            var rollout = rollout(plan(Duration.ofMinutes(10)), haproxy.router(), source, events);
            var running = CompletableFuture.supplyAsync(rollout::start);
            await(events.firstWeight);

            assertThatThrownBy(() -> rollout.abort("from the wrong side")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the rollout is running: stop it instead");
            assertThat(haproxy.router().current()).as("the refused abort moved nothing").isEqualTo(new Weights(25));

            rollout.stop("test over");
            assertAborted(running.get(WAIT_SECONDS, TimeUnit.SECONDS), haproxy);
        }
    }

    @Test
    public void shouldKeepTheWeightWhenSuspendedAndRefuseANewStartUntilResumedOrRestored() throws Exception {
        try (var source = logSource(); var haproxy = haproxy(source)) {
            var events = new Events();
            var rollout = rollout(plan(Duration.ofMinutes(10)), haproxy.router(), source, events);
            var running = CompletableFuture.supplyAsync(rollout::start);
            await(events.firstWeight);

            rollout.suspend("SIGTERM with --on-signal keep");
            var state = running.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(state.status()).isEqualTo(RolloutStatus.PROGRESSING);
            assertThat(state.reason()).isEqualTo("suspended: SIGTERM with --on-signal keep (traffic left at 25%)");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));
            assertThat(new RolloutStore(stateFile()).load().orElseThrow()).isEqualTo(state);
            // a short pause: were the start not refused, the test would fail soon, not hang
            var again = rollout(plan(Duration.ofMillis(100)), haproxy.router(), source, new Events());
            assertThatThrownBy(again::start).hasMessageContaining("holds an unfinished rollout (PROGRESSING at step 1)");

            var restored = again.restore("restored by alice");
            assertThat(restored.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        }
    }

    @Test
    public void shouldKeepARollbackThatMissedTheRouterRestorable() throws Exception {
        try (var source = logSource(); var haproxy = haproxy(source)) {
            var events = new Events();
            var router = new HookedRouter(haproxy.router(), weight -> {
                if (weight == 0) {
                    throw new RouterException("HAProxy runtime API at " + haproxy.runtime() + ": connection refused");
                }
            }, weight -> { });
            var rollout = rollout(plan(Duration.ofMinutes(10)), router, source, events);
            var running = CompletableFuture.supplyAsync(rollout::start);
            await(events.firstWeight);
            rollout.stop("cancelled");
            var state = running.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(state.status()).isEqualTo(RolloutStatus.ABORTED);
            assertThat(state.weight()).as("the state tells the weight HAProxy kept").isEqualTo(25);
            assertThat(state.reason()).startsWith("cancelled; setting the canary weight to 0 failed too: ");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));
            // a short pause: were the start not refused, the test would fail soon, not hang
            var again = rollout(plan(Duration.ofMillis(100)), haproxy.router(), source, new Events());
            assertThatThrownBy(again::start).hasMessage(stateFile() + " holds a rollout whose rollback did not reach "
                    + "the router (the canary may still have 25%): restore it first");

            var restored = again.restore("restored by alice");

            assertThat(restored.status()).isEqualTo(RolloutStatus.ABORTED);
            assertThat(restored.weight()).isZero();
            assertThat(restored.reason()).endsWith("; restored by alice");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
            assertThatThrownBy(() -> again.restore("twice")).hasMessageContaining("has already ended: ABORTED");
        }
    }

    /** Stands for the process dying: nothing in the rollout catches it. */
    private static final class ProcessKilled extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    public void shouldNotLetARolloutThatMovedNoTrafficBlockTheNextStart() throws Exception {
        try (var source = logSource(); var haproxy = haproxy(source)) {
            var dying = new HookedRouter(haproxy.router(), weight -> {
                throw new ProcessKilled();
            }, weight -> { });
            assertThatThrownBy(() -> rollout(plan(Duration.ofMillis(200)), dying, source, new Events()).start())
                    .isInstanceOf(ProcessKilled.class);
            assertThat(new RolloutStore(stateFile()).load().orElseThrow().status()).isEqualTo(RolloutStatus.PROGRESSING);

            // a router that cannot even build its request (e.g. a URL without a scheme) fails the rollback too
            var broken = new HookedRouter(haproxy.router(), weight -> {
                throw new IllegalArgumentException("invalid URI scheme localhost");
            }, weight -> { });
            var failed = rollout(plan(Duration.ofMillis(200)), broken, source, new Events()).start();
            assertThat(failed.status()).as("the retry after the killed start ran").isEqualTo(RolloutStatus.ROLLED_BACK);
            assertThat(failed.reason()).isEqualTo("error: java.lang.IllegalArgumentException: invalid URI scheme "
                    + "localhost; setting the canary weight to 0 failed too: java.lang.IllegalArgumentException: "
                    + "invalid URI scheme localhost");

            var events = new Events();
            var corrected = rollout(plan(Duration.ofMinutes(10)), haproxy.router(), source, events);
            var running = CompletableFuture.supplyAsync(corrected::start);
            await(events.firstWeight);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));
            corrected.stop("test over");
            assertAborted(running.get(WAIT_SECONDS, TimeUnit.SECONDS), haproxy);
        }
    }
}
