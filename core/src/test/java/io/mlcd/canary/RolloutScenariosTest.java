package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.Severity;
import io.mlcd.testkit.LoadGenerator;
import io.mlcd.testkit.ModelServer;
import io.mlcd.testkit.Ports;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The rollout scenarios end to end on 127.0.0.1: real model servers behind a real HAProxy under
 * steady load, HAProxy's per-request logs as the metric source, a prediction probe on both.
 */
public class RolloutScenariosTest {
    private static final String PROBE_BODY;

    static {
        var rows = new StringBuilder("{\"inputs\": [");
        var random = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            rows.append(i == 0 ? "" : ",").append('[').append(random.nextGaussian()).append(',')
                    .append(random.nextGaussian()).append(',').append(random.nextGaussian()).append(']');
        }
        PROBE_BODY = rows.append("]}").toString();
    }

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static RolloutPlan plan(final boolean manualGate) {
        var parser = new GateParser(new CanaryCatalog());
        var gates = List.of(parser.parse("error_rate <= baseline + 5%", Severity.FAIL),
                parser.parse("latency_p95 <= baseline + 20ms", Severity.FAIL),
                parser.parse("prediction_drift_p_value >= 0.001", Severity.FAIL));
        return new RolloutPlan(List.of(25, 50, 100), Duration.ofSeconds(4), gates, 50, 0.95, 0, 2, manualGate);
    }

    /** Records what the rollout reported, and can stop the process dead at a weight. */
    private static final class Recorder implements RolloutListener {
        final List<Integer> weights = new ArrayList<>();
        final List<StepRecord> analyses = new ArrayList<>();
        int dieAt = -1;

        @Override
        public void weightSet(final int weight) {
            weights.add(weight);
            if (weight == dieAt) {
                throw new ProcessKilled();
            }
        }

        @Override
        public void analysed(final StepRecord record, final RolloutState state) {
            analyses.add(record);
        }

        @Override
        public void ended(final RolloutState state) {
        }
    }

    /** Stands for the process dying: no handler of the rollout catches it, nothing is cleaned up. */
    private static final class ProcessKilled extends Error {
        private static final long serialVersionUID = 1L;
    }

    private record Outcome(RolloutState state, Weights finalWeights, long failedClientRequests, List<StepRecord> analyses) {
    }

    private Outcome rollout(final String... canaryFaults) throws Exception {
        try (var stable = ModelServer.start(); var canary = ModelServer.start(canaryFaults);
                var source = new HaproxyLogSource(new InetSocketAddress("127.0.0.1", 0), "model", "stable", "canary",
                        Clock.systemUTC());
                var haproxy = Haproxy.start(stable.port(), canary.port(), source.port());
                var load = new LoadGenerator(haproxy.uri(), 4, 200_000, Duration.ofSeconds(120))) {
            var recorder = new Recorder();
            var state = new Rollout(plan(false), haproxy.router(), source,
                    new HttpPredictionProbe(canary.uri(), stable.uri(), PROBE_BODY),
                    new RolloutStore(folder.getRoot().toPath().resolve("rollout.json")), Clock.systemUTC(), recorder)
                    .start();
            var weights = haproxy.router().current();
            load.close();
            return new Outcome(state, weights, load.failed(), recorder.analyses);
        }
    }

    @Test
    public void shouldPromoteAGoodChallengerWithoutFailingARequest() throws Exception {
        var outcome = rollout("--seed", "2");

        assertThat(outcome.state().status()).as(outcome.state().reason()).isEqualTo(RolloutStatus.SUCCEEDED);
        assertThat(outcome.finalWeights()).isEqualTo(new Weights(100));
        assertThat(outcome.analyses()).extracting(StepRecord::weight).startsWith(25).endsWith(50).containsOnly(25, 50);
        assertThat(outcome.failedClientRequests()).isZero();
    }

    @Test
    public void shouldRollBackAnErroringChallenger() throws Exception {
        var outcome = rollout("--error-rate", "0.3");

        assertThat(outcome.state().status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(outcome.state().reason()).startsWith("analysis FAILED at 25%: error_rate <= baseline + 5%");
        assertThat(outcome.finalWeights()).isEqualTo(new Weights(0));
    }

    @Test
    public void shouldRollBackASlowChallenger() throws Exception {
        var outcome = rollout("--delay-ms", "80");

        assertThat(outcome.state().status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(outcome.state().reason()).startsWith("analysis FAILED at 25%: latency_p95 <= baseline + 20ms");
        assertThat(outcome.finalWeights()).isEqualTo(new Weights(0));
    }

    @Test
    public void shouldRollBackAChallengerWhosePredictionsMoved() throws Exception {
        var outcome = rollout("--shift", "0.15");

        assertThat(outcome.state().status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(outcome.state().reason()).startsWith("analysis FAILED at 25%: prediction_drift_p_value >= 0.001");
        var first = outcome.analyses().get(0);
        assertThat(first.gates()).extracting(StepRecord.GateRecord::outcome).containsExactly("PASSED", "PASSED", "FAILED");
    }

    @Test
    public void shouldWaitForAPersonAtAnApprovalGateAndAfterAnInconclusiveStep() throws Exception {
        var parser = new GateParser(new CanaryCatalog());
        var gates = List.of(parser.parse("error_rate <= baseline + 5%", Severity.FAIL));
        var approval = new RolloutPlan(List.of(25, 100), Duration.ofSeconds(3), gates, 20, 0.95, 0, 2, false,
                java.util.Set.of(100));
        var starved = new RolloutPlan(List.of(25, 100), Duration.ofSeconds(2), gates, 1_000_000, 0.95, 0, 0, true);
        try (var stable = ModelServer.start(); var canary = ModelServer.start("--seed", "2");
                var source = new HaproxyLogSource(new InetSocketAddress("127.0.0.1", 0), "model", "stable", "canary",
                        Clock.systemUTC());
                var haproxy = Haproxy.start(stable.port(), canary.port(), source.port());
                var load = new LoadGenerator(haproxy.uri(), 4, 200_000, Duration.ofSeconds(120))) {
            var store = new RolloutStore(folder.getRoot().toPath().resolve("approval.json"));
            var rollout = new Rollout(approval, haproxy.router(), source, null, store, Clock.systemUTC(), new Recorder());

            var waiting = rollout.start();
            assertThat(waiting.status()).isEqualTo(RolloutStatus.AWAITING_DECISION);
            assertThat(waiting.reason()).isEqualTo("approval required before 100%");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));
            assertThat(rollout.resume().status()).as("only a decision moves it on")
                    .isEqualTo(RolloutStatus.AWAITING_DECISION);
            var approved = rollout.decide(true, "alice");
            assertThat(approved.status()).isEqualTo(RolloutStatus.SUCCEEDED);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(100));

            haproxy.router().apply(new Weights(0));
            var second = new Rollout(starved, haproxy.router(), source, null,
                    new RolloutStore(folder.getRoot().toPath().resolve("starved.json")), Clock.systemUTC(), new Recorder());
            var undecided = second.start();
            assertThat(undecided.status()).isEqualTo(RolloutStatus.AWAITING_DECISION);
            assertThat(undecided.reason()).startsWith("analysis INCONCLUSIVE at 25%: error_rate <= baseline + 5%: "
                    + "too little traffic");
            var rolledBack = second.decide(false, "bob");
            assertThat(rolledBack.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
            assertThat(rolledBack.reason()).startsWith("rolled back by bob after: analysis INCONCLUSIVE at 25%");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        }
    }

    @Test
    public void shouldRollBackOnAnyOtherError() throws Exception {
        var gates = List.of(new GateParser(new CanaryCatalog()).parse("error_rate <= 0.05", Severity.FAIL));
        var plan = new RolloutPlan(List.of(10, 100), Duration.ofSeconds(1), gates, 1, 0.95, 0, 0, false);
        var broken = new HttpPredictionProbe(URI.create("localhost:1"), URI.create("localhost:2"), PROBE_BODY);
        try (var source = new HaproxyLogSource(new InetSocketAddress("127.0.0.1", 0), "model", "stable", "canary",
                Clock.systemUTC());
                var haproxy = Haproxy.start(Ports.free(), Ports.free(), source.port())) {
            var state = new Rollout(plan, haproxy.router(), source, broken,
                    new RolloutStore(folder.getRoot().toPath().resolve("broken.json")), Clock.systemUTC(),
                    new Recorder()).start();

            assertThat(state.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
            assertThat(state.reason()).startsWith("error: java.lang.IllegalArgumentException");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        }
    }

    @Test
    public void shouldRecoverOrRestoreAfterTheProcessWasKilled() throws Exception {
        var stateFile = folder.getRoot().toPath().resolve("rollout.json");
        try (var stable = ModelServer.start(); var canary = ModelServer.start("--seed", "2");
                var source = new HaproxyLogSource(new InetSocketAddress("127.0.0.1", 0), "model", "stable", "canary",
                        Clock.systemUTC());
                var haproxy = Haproxy.start(stable.port(), canary.port(), source.port());
                var load = new LoadGenerator(haproxy.uri(), 4, 200_000, Duration.ofSeconds(120))) {
            var probe = new HttpPredictionProbe(canary.uri(), stable.uri(), PROBE_BODY);
            var dying = new Recorder();
            dying.dieAt = 50;
            assertThatThrownBy(() -> new Rollout(plan(false), haproxy.router(), source, probe, new RolloutStore(stateFile),
                    Clock.systemUTC(), dying).start()).isInstanceOf(ProcessKilled.class);
            var killed = new RolloutStore(stateFile).load().orElseThrow();
            assertThat(killed.status()).isEqualTo(RolloutStatus.PROGRESSING);
            assertThat(killed.weight()).isEqualTo(50);
            assertThatThrownBy(() -> new Rollout(plan(false), haproxy.router(), source, probe, new RolloutStore(stateFile),
                    Clock.systemUTC(), new Recorder()).start()).hasMessageContaining("holds an unfinished rollout");

            var resumed = new Recorder();
            var state = new Rollout(plan(false), haproxy.router(), source, probe, new RolloutStore(stateFile),
                    Clock.systemUTC(), resumed).recover();

            assertThat(state.status()).as(state.reason()).isEqualTo(RolloutStatus.SUCCEEDED);
            // an inconclusive window at 50% is extended by another, so 50 may be set more than once
            assertThat(resumed.weights).startsWith(50).endsWith(100).containsOnly(50, 100);
            assertThat(state.history()).extracting(StepRecord::weight).startsWith(25).endsWith(50).containsOnly(25, 50);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(100));
            var again = new Recorder();
            assertThat(new Rollout(plan(false), haproxy.router(), source, probe, new RolloutStore(stateFile),
                    Clock.systemUTC(), again).recover().status()).isEqualTo(RolloutStatus.SUCCEEDED);
            assertThat(again.weights).as("an ended rollout is not run again").isEmpty();

            haproxy.router().apply(new Weights(0));
            dying.dieAt = 50;
            Path second = folder.getRoot().toPath().resolve("second.json");
            assertThatThrownBy(() -> new Rollout(plan(false), haproxy.router(), source, probe, new RolloutStore(second),
                    Clock.systemUTC(), dying).start()).isInstanceOf(ProcessKilled.class);
            var restored = new Rollout(plan(false), haproxy.router(), source, probe, new RolloutStore(second),
                    Clock.systemUTC(), new Recorder()).restore("restored after the rollout process died");
            assertThat(restored.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
            load.close();
            assertThat(load.failed()).isZero();
        }
    }
}
