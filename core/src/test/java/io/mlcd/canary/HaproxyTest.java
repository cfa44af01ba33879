package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.testkit.LoadGenerator;
import io.mlcd.testkit.ModelServer;
import io.mlcd.testkit.Ports;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

/** The HAProxy router and log source against a real HAProxy and real model servers. */
public class HaproxyTest {
    private static HaproxyLogSource logs() {
        return new HaproxyLogSource(new InetSocketAddress("127.0.0.1", 0), "model", "stable", "canary",
                Clock.systemUTC());
    }

    @Test
    public void shouldShiftTrafficWithoutFailingARequest() throws Exception {
        try (var stable = ModelServer.start(); var canary = ModelServer.start("--seed", "2"); var source = logs();
                var haproxy = Haproxy.start(stable.port(), canary.port(), source.port())) {
            var router = haproxy.router();
            assertThat(router.current()).isEqualTo(new Weights(0));
            long failed;
            long completed;
            try (var load = new LoadGenerator(haproxy.uri(), 4, 100_000, Duration.ofSeconds(30))) {
                for (int weight : new int[] {5, 25, 50, 100, 50, 0, 25}) {
                    router.apply(new Weights(weight));
                    assertThat(router.current()).isEqualTo(new Weights(weight));
                    Thread.sleep(300);
                }
                var start = Instant.now();
                Thread.sleep(2000);
                var share = source.measure(start, Instant.now());
                var total = share.canary().requests() + share.baseline().requests();
                assertThat(total).isGreaterThan(200);
                assertThat((double) share.canary().requests() / total).isCloseTo(0.25, within(0.05));
                load.close();
                failed = load.failed();
                completed = load.completed();
            }
            assertThat(completed).isGreaterThan(300);
            assertThat(failed).as("failed client requests during %d weight changes", 7).isZero();
        }
    }

    @Test
    public void shouldCountErrorsAndLatenciesPerServer() throws Exception {
        try (var stable = ModelServer.start(); var canary = ModelServer.start("--error-rate", "0.3", "--delay-ms", "40");
                var source = logs(); var haproxy = Haproxy.start(stable.port(), canary.port(), source.port())) {
            haproxy.router().apply(new Weights(50));
            var start = Instant.now();
            try (var load = new LoadGenerator(haproxy.uri(), 4, 600, Duration.ofSeconds(20))) {
                while (load.completed() < 600) {
                    Thread.sleep(50);
                }
            }
            Thread.sleep(200); // the last log lines
            var sides = source.measure(start, Instant.now());
            assertThat(sides.canary().requests() + sides.baseline().requests()).isEqualTo(600);
            assertThat((double) sides.canary().errors() / sides.canary().requests()).isCloseTo(0.3, within(0.1));
            assertThat(sides.baseline().errors()).isZero();
            var canaryMedian = Quantiles.estimate(sides.canary().latencies(), 0.5);
            assertThat(canaryMedian).isGreaterThanOrEqualTo(40);
            // the injected 40 ms show on top of whatever a loaded machine adds to both
            assertThat(Quantiles.estimate(sides.baseline().latencies(), 0.5)).isLessThan(canaryMedian - 20);
        }
    }

    @Test
    public void shouldReportAnUnknownServerOrAnUnreachableRuntime() throws Exception {
        try (var source = logs(); var haproxy = Haproxy.start(Ports.free(), Ports.free(), source.port())) {
            var wrong = new HaproxyRouter(haproxy.runtime(), "model", "stable", "green");
            assertThatThrownBy(wrong::current).isInstanceOf(RouterException.class)
                    .hasMessageStartingWith("HAProxy has no server model/green");
        }
        var closed = new HaproxyRouter(new HaproxyRuntime("127.0.0.1:" + Ports.free(), Duration.ofSeconds(1)),
                "model", "stable", "canary");
        assertThatThrownBy(() -> closed.apply(new Weights(5))).isInstanceOf(RouterException.class)
                .hasMessageContaining("HAProxy runtime API at 127.0.0.1:");
    }
}
