package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.Severity;
import io.mlcd.testkit.LoadGenerator;
import io.mlcd.testkit.ModelServer;
import io.mlcd.testkit.Ports;
import io.mlcd.util.InputException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The rollout's life on worker threads, as a Jenkins build drives it, against a real HAProxy with
 * real model servers behind it and its request logs as the metric source: decisions only while
 * waiting, stops without interrupts, rollbacks when a worker cannot go on, recovery on the same
 * state file, and the router lock held from the first worker to the end.
 */
public class RolloutRunnerTest {
    private static final List<io.mlcd.gate.Gate> GATES = List.of(new GateParser(new CanaryCatalog())
            .parse("error_rate <= baseline + 5%", Severity.FAIL));
    /** Waits at 25% after one window: too little traffic to decide, and a manual gate. */
    private static final RolloutPlan STARVED = new RolloutPlan(List.of(25, 100), Duration.ofSeconds(1), GATES,
            1_000_000, 0.95, 0, 0, true);
    /** Holds 25% far longer than any test. */
    private static final RolloutPlan SLOW = new RolloutPlan(List.of(25, 100), Duration.ofMinutes(10), GATES, 20, 0.95,
            0, 0, false);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private ModelServer stable;
    private ModelServer canary;
    private int logPort;
    private Haproxy haproxy;
    private RolloutStore store;
    private final AtomicBoolean locked = new AtomicBoolean();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicInteger prepared = new AtomicInteger();

    @Before
    public void startServers() throws Exception {
        stable = ModelServer.start();
        canary = ModelServer.start("--seed", "2");
        logPort = Ports.free();
        haproxy = Haproxy.start(stable.port(), canary.port(), logPort);
        store = new RolloutStore(folder.getRoot().toPath().resolve("rollout.json"));
    }

    @After
    public void stopServers() throws Exception {
        haproxy.close();
        canary.close();
        stable.close();
    }

    /** Everything the runner reports, to wait for. */
    private static class Events implements RolloutRunner.Events, RolloutListener {
        final BlockingQueue<Integer> weights = new LinkedBlockingQueue<>();
        final BlockingQueue<RolloutState> awaiting = new LinkedBlockingQueue<>();
        final BlockingQueue<RolloutState> finished = new LinkedBlockingQueue<>();
        final BlockingQueue<RuntimeException> failed = new LinkedBlockingQueue<>();

        @Override
        public void weightSet(final int weight) {
            weights.add(weight);
        }

        @Override
        public void analysed(final StepRecord record, final RolloutState state) {
        }

        @Override
        public void ended(final RolloutState state) {
        }

        @Override
        public void awaitingDecision(final RolloutState state) {
            awaiting.add(state);
        }

        @Override
        public void finished(final RolloutState state) {
            finished.add(state);
        }

        @Override
        public void failed(final RuntimeException problem) {
            failed.add(problem);
        }
    }

    private static <T> T next(final BlockingQueue<T> queue) throws InterruptedException {
        var value = queue.poll(60, TimeUnit.SECONDS);
        assertThat(value).as("reported within 60 s").isNotNull();
        return value;
    }

    /** Worker threads that tell whether anyone interrupted them. */
    private ThreadFactory threads() {
        return task -> {
            var thread = new Thread(task, "rollout worker") {
                @Override
                public void interrupt() {
                    interrupted.set(true);
                    super.interrupt();
                }
            };
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The router lock as RolloutLock behaves: refused while held, released by the lease. */
    private RolloutRunner.Lease lock() {
        if (!locked.compareAndSet(false, true)) {
            throw new InputException("the router is locked by build 7");
        }
        return () -> locked.set(false);
    }

    private RolloutRunner runner(final RolloutPlan plan, final Events events, final ThreadFactory threads) {
        var parts = new RolloutRunner.Parts(plan, haproxy.router(), () -> new HaproxyLogSource(
                new InetSocketAddress("127.0.0.1", logPort), "model", "stable", "canary", Clock.systemUTC()),
                () -> null, store, Clock.systemUTC(), events);
        return new RolloutRunner(parts, events, this::lock, threads);
    }

    private void prepare() {
        prepared.incrementAndGet();
    }

    @Test
    public void shouldWaitForADecisionWithoutAThreadAndSucceedAfterProceed() throws Exception {
        var approval = new RolloutPlan(List.of(25, 100), Duration.ofSeconds(3), GATES, 20, 0.95, 0, 2, false,
                Set.of(100));
        var events = new Events();
        var runner = runner(approval, events, threads());
        try (var load = new LoadGenerator(haproxy.uri(), 4, 200_000, Duration.ofSeconds(120))) {
            runner.start(this::prepare);

            var waiting = next(events.awaiting);
            assertThat(waiting.reason()).isEqualTo("approval required before 100%");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));
            assertThat(runner.awaitsDecision()).isTrue();
            assertThat(runner.busy()).as("no thread while waiting").isFalse();
            assertThat(runner.status()).isEqualTo("waiting for a decision");
            assertThat(locked).as("the lock is held across the wait").isTrue();

            runner.decide(true, "alice");

            var ended = next(events.finished);
            assertThat(ended.status()).as(ended.reason()).isEqualTo(RolloutStatus.SUCCEEDED);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(100));
            assertThat(prepared).hasValue(1);
            assertThat(load.failed()).isZero();
        }
        assertReleased();
        assertThat(events.failed).isEmpty();
    }

    @Test
    public void shouldTakeBackASuccessWhenAStopComesBeforeTheHostActedOnIt() throws Exception {
        var quick = new RolloutPlan(List.of(25, 100), Duration.ofSeconds(3), GATES, 20, 0.95, 0, 2, false);
        var revoked = new LinkedBlockingQueue<RolloutState>();
        var runners = new LinkedBlockingQueue<RolloutRunner>();
        var events = new Events() {
            @Override
            public void finished(final RolloutState state) { // as canaryDeploy does when the build was aborted
                assertThat(state.status()).isEqualTo(RolloutStatus.SUCCEEDED);
                assertThat(locked).as("still under the lock").isTrue();
                revoked.add(runners.peek().revoke("build aborted"));
            }
        };
        var runner = runner(quick, events, threads());
        runners.add(runner);
        try (var load = new LoadGenerator(haproxy.uri(), 4, 200_000, Duration.ofSeconds(120))) {
            runner.start(this::prepare);

            var ended = next(revoked);
            assertThat(ended.status()).isEqualTo(RolloutStatus.ABORTED);
            assertThat(ended.reason()).isEqualTo("build aborted");
            assertThat(ended.weight()).isZero();
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
            assertThat(store.load().orElseThrow().status()).isEqualTo(RolloutStatus.ABORTED);
        }
        assertThatThrownBy(() -> runner.revoke("again")).as("only a success is taken back")
                .isInstanceOf(InputException.class);
    }

    @Test
    public void shouldStopARunningRolloutWithoutInterruptingItsThread() throws Exception {
        var events = new Events();
        var runner = runner(SLOW, events, threads());
        runner.start(this::prepare);
        assertThat(next(events.weights)).isEqualTo(25);
        assertThat(runner.busy()).as("waiting out a pause does not block a restart").isFalse();

        assertThat(runner.stop("build aborted")).isTrue();

        var ended = next(events.finished);
        assertThat(ended.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(ended.reason()).isEqualTo("build aborted");
        assertThat(ended.weight()).isZero();
        assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        assertThat(store.load().orElseThrow().status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(interrupted).isFalse();
        assertReleased();
        assertThat(runner.stop("again")).as("nothing left to stop").isFalse();
    }

    @Test
    public void shouldRestoreTheStableVersionWhenStoppedWhileWaiting() throws Exception {
        var events = new Events();
        var runner = runner(STARVED, events, threads());
        runner.start(this::prepare);
        assertThat(next(events.awaiting).weight()).isEqualTo(25);
        assertThat(haproxy.router().current()).isEqualTo(new Weights(25));

        assertThat(runner.stop("build aborted while waiting")).isTrue();

        var ended = next(events.finished);
        assertThat(ended.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(ended.reason()).isEqualTo("build aborted while waiting");
        assertThat(ended.weight()).isZero();
        assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        assertReleased();
        assertThat(interrupted).isFalse();
    }

    @Test
    public void shouldAcceptADecisionOnlyWhileWaitingAndOnlyOnce() throws Exception {
        var events = new Events();
        var runner = runner(STARVED, events, threads());
        assertThatThrownBy(() -> runner.decide(true, "alice")).isInstanceOf(InputException.class)
                .hasMessage("the rollout is not waiting for a decision: it is not running");
        runner.start(this::prepare);
        assertThat(next(events.weights)).isEqualTo(25);
        assertThatThrownBy(() -> runner.decide(true, "alice")).isInstanceOf(InputException.class)
                .hasMessage("the rollout is not waiting for a decision: it is running (rollout worker)");
        next(events.awaiting);

        runner.decide(false, "bob");
        assertThatThrownBy(() -> runner.decide(true, "mallory")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("the rollout is not waiting for a decision: it is ");

        var ended = next(events.finished);
        assertThat(ended.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(ended.reason()).startsWith("rolled back by bob after: analysis INCONCLUSIVE at 25%");
        assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        assertThatThrownBy(() -> runner.decide(true, "alice")).isInstanceOf(InputException.class)
                .hasMessage("the rollout is not waiting for a decision: it is over");
        assertThatThrownBy(() -> runner.start(this::prepare)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    public void shouldRecoverOnTheSameStateFileAfterARestart() throws Exception {
        var before = new Events();
        var first = runner(STARVED, before, threads());
        first.start(this::prepare);
        next(before.awaiting);
        first.suspend("shutting down", Duration.ofSeconds(10)); // what a process's end does to the lock
        assertThat(locked).isFalse();
        assertThatThrownBy(() -> first.decide(true, "alice")).isInstanceOf(InputException.class);

        var after = new Events();
        var lockTaken = new CountDownLatch(1);
        var refused = new CountDownLatch(1);
        var parts = new RolloutRunner.Parts(STARVED, haproxy.router(), () -> new HaproxyLogSource(
                new InetSocketAddress("127.0.0.1", logPort), "model", "stable", "canary", Clock.systemUTC()),
                () -> null, store, Clock.systemUTC(), after);
        var second = new RolloutRunner(parts, after, () -> {
            lockTaken.countDown();
            await(refused);
            return lock();
        }, threads());
        second.recover(this::prepare);
        lockTaken.await();
        assertThatThrownBy(() -> second.decide(true, "alice")).as("the recovering worker runs")
                .isInstanceOf(InputException.class).hasMessage("the rollout is not waiting for a decision: it is "
                        + "running (rollout worker)");
        refused.countDown();

        var waiting = next(after.awaiting);
        assertThat(waiting.weight()).isEqualTo(25);
        assertThat(haproxy.router().current()).isEqualTo(new Weights(25));
        assertThat(prepared).as("prepared once: the state file was there").hasValue(1);
        second.decide(true, "alice");
        var ended = next(after.finished);
        assertThat(ended.status()).isEqualTo(RolloutStatus.SUCCEEDED);
        assertThat(haproxy.router().current()).isEqualTo(new Weights(100));
        assertReleased();
    }

    @Test
    public void shouldResumeAPauseCutShortByARestartAndAbortIfStoppedMeanwhile() throws Exception {
        var before = new Events();
        var first = runner(SLOW, before, threads());
        first.start(this::prepare);
        assertThat(next(before.weights)).isEqualTo(25);
        first.suspend("shutting down", Duration.ofSeconds(10));
        assertThat(before.finished).as("a suspension reports nothing").isEmpty();
        assertThat(store.load().orElseThrow().status()).isEqualTo(RolloutStatus.PROGRESSING);
        assertThat(haproxy.router().current()).as("traffic stays for the resume").isEqualTo(new Weights(25));

        var after = new Events();
        var second = runner(SLOW, after, threads());
        second.stop("build aborted during the restart");
        second.recover(this::prepare);

        var ended = next(after.finished);
        assertThat(ended.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(ended.reason()).isEqualTo("build aborted during the restart");
        assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        assertThat(prepared).hasValue(1);
    }

    @Test
    public void shouldRollBackWhenNoWorkerCanStartAfterTrafficMoved() throws Exception {
        var events = new Events();
        var allowed = new AtomicBoolean(true);
        ThreadFactory rationed = task -> allowed.get() ? threads().newThread(task) : null;
        var runner = runner(STARVED, events, rationed);
        runner.start(this::prepare);
        next(events.awaiting);
        allowed.set(false);

        runner.decide(true, "alice");

        var ended = next(events.finished);
        assertThat(ended.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(ended.reason()).isEqualTo("the rollout could not go on: no worker thread could be started");
        assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        assertReleased();
    }

    @Test
    public void shouldRollBackWhenAWorkerCannotOpenItsMetricSourceAfterTrafficMoved() throws Exception {
        var events = new Events();
        var runner = runner(STARVED, events, threads());
        runner.start(this::prepare);
        next(events.awaiting);

        try (var taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", logPort))) {
            runner.decide(true, "alice");

            var ended = next(events.finished);
            assertThat(ended.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
            assertThat(ended.reason()).startsWith("the rollout could not go on: cannot listen for HAProxy logs on UDP");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        }
    }

    @Test
    public void shouldMoveNothingWhenTheWorkCannotBegin() throws Exception {
        var events = new Events();
        runner(SLOW, events, task -> null).start(this::prepare);
        assertThat(next(events.failed)).hasMessage("no worker thread could be started");

        locked.set(true);
        var refused = new Events();
        runner(SLOW, refused, threads()).start(this::prepare);
        assertThat(next(refused.failed)).isInstanceOf(InputException.class)
                .hasMessage("the router is locked by build 7");
        assertThat(locked).as("the other holder keeps it").isTrue();
        locked.set(false);

        var unprepared = new Events();
        runner(SLOW, unprepared, threads()).start(() -> {
            throw new InputException("version 7 has no approval");
        });
        assertThat(next(unprepared.failed)).hasMessage("version 7 has no approval");
        assertReleased();

        assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        assertThat(refused.weights).isEmpty();
        assertThat(store.load()).as("no rollout began").isEmpty();
        assertThat(prepared).hasValue(0);
    }

    /** The lock is released once the host has heard of the end. */
    private void assertReleased() throws InterruptedException {
        for (int i = 0; i < 100 && locked.get(); i++) {
            Thread.sleep(50);
        }
        assertThat(locked).as("the lock is released").isFalse();
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
