package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.canary.Haproxy;
import io.mlcd.canary.Weights;
import io.mlcd.testkit.LoadGenerator;
import io.mlcd.testkit.ModelServer;
import io.mlcd.testkit.Ports;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlcd canary} end to end: real model servers behind a real HAProxy under load. */
public class CanaryCommandTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static int freeUdpPort() throws Exception {
        try (var socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private CliRun canary(final String... faults) throws Exception {
        var logs = freeUdpPort();
        var probe = folder.getRoot().toPath().resolve("probe.json");
        var rows = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < 100; i++) {
            rows.append(i == 0 ? "" : ",").append("[").append(i % 7 - 3).append(",").append(i % 5 - 2).append(",")
                    .append(i % 3 - 1).append("]");
        }
        Files.writeString(probe, rows.append("]}"));
        try (var stable = ModelServer.start(); var canary = ModelServer.start(faults);
                var haproxy = Haproxy.start(stable.port(), canary.port(), logs);
                var load = new LoadGenerator(haproxy.uri(), 4, 100_000, Duration.ofSeconds(60))) {
            var run = CliRun.of("canary", "--weights", "50,100", "--pause", "4s", "--min-requests", "50",
                    "--haproxy-runtime", haproxy.runtime().toString(), "--haproxy-logs", "127.0.0.1:" + logs,
                    "--probe", probe.toString(), "--canary-url", canary.uri().toString(), "--stable-url",
                    stable.uri().toString(), "--gate", "error_rate <= baseline + 5%",
                    "--gate", "latency_p95 <= baseline + 20ms", "--warn", "prediction_drift_p_value >= 0.001",
                    "--state", folder.getRoot().toPath().resolve("state.json").toString(),
                    "--report-dir", folder.getRoot().toPath().resolve("report").toString());
            assertThat(haproxy.router().current()).isEqualTo(new Weights(run.status() == 0 ? 100 : 0));
            return run;
        }
    }

    @Test
    public void shouldRollOutAGoodCanaryAndReportEachStep() throws Exception {
        var run = canary("--seed", "2");

        assertThat(run.status()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("canary: weight 50%").contains("canary: 50% PASSED  canary ")
                .contains("canary: weight 100%").contains("PASSED: rollout SUCCEEDED at 100%");
        var report = new ObjectMapper().readTree(folder.getRoot().toPath().resolve("report/canary.json").toFile());
        assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.path("steps").get(0).path("canary").path("requests").asDouble()).isGreaterThan(50);
        assertThat(Path.of(folder.getRoot().toString(), "report", "canary.html")).exists();
        assertThat(Path.of(folder.getRoot().toString(), "report", "canary.junit.xml")).exists();
    }

    @Test
    public void shouldRollBackAnErroringCanaryWithExitStatusOne() throws Exception {
        var run = canary("--error-rate", "0.3");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED: rolled back: analysis FAILED at 50%: error_rate <= baseline + 5%");
    }

    @Test
    public void shouldSwitchAGoodGreenAndKeepABadOneAwayFromLiveTraffic() throws Exception {
        var probe = folder.getRoot().toPath().resolve("probe.json");
        Files.writeString(probe, "{\"inputs\": [[0.1, 0.2, 0.3], [1, -1, 0], [-0.5, 0.5, 2]]}");
        for (String errorRate : new String[] {"0", "0.5"}) {
            try (var blue = ModelServer.start(); var green = ModelServer.start("--error-rate", errorRate);
                    var haproxy = Haproxy.start(blue.port(), green.port(), freeUdpPort());
                    var load = new LoadGenerator(haproxy.uri(), 2, 100_000, Duration.ofSeconds(60))) {
                var run = CliRun.of("canary", "--blue-green", "--pause", "1s", "--min-requests", "60",
                        "--haproxy-runtime", haproxy.runtime().toString(), "--probe", probe.toString(),
                        "--canary-url", green.uri().toString(), "--stable-url", blue.uri().toString(),
                        "--gate", "error_rate <= baseline + 10%", "--state",
                        folder.getRoot().toPath().resolve("bg-" + errorRate + ".json").toString());
                load.close();
                if ("0".equals(errorRate)) {
                    assertThat(run.status()).as(run.out() + run.err()).isZero();
                    assertThat(haproxy.router().current()).isEqualTo(new Weights(100));
                }
                else {
                    assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
                    assertThat(run.out()).contains("analysis FAILED at 0%: error_rate <= baseline + 10%");
                    assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
                    assertThat(load.failed()).as("live requests that reached the bad green").isZero();
                }
            }
        }
    }

    @Test
    public void shouldTakeTheRolloutFileWithCommandLineOptionsWinning() throws Exception {
        var file = folder.newFile("rollout.yaml").toPath();
        Files.writeString(file, "weights: [5, 50]\npause: 1s\ngates:\n  - error_rate <= 0.01\n");
        var fromFile = CliRun.of("canary", "--rollout", file.toString(), "--haproxy-runtime", "127.0.0.1:1",
                "--haproxy-logs", "127.0.0.1:0");
        assertThat(fromFile.status()).isEqualTo(2);
        assertThat(fromFile.err()).contains("the canary weights must end at 100, got [5, 50]");

        var overridden = CliRun.of("canary", "--rollout", file.toString(), "--weights", "50,100", "--haproxy-runtime",
                "127.0.0.1:" + Ports.free(), "--haproxy-logs", "127.0.0.1:0", "--state",
                folder.getRoot().toPath().resolve("s.json").toString());
        assertThat(overridden.status()).isEqualTo(1); // a valid plan; no HAProxy there, so it rolls back
        assertThat(overridden.out()).contains("FAILED: rolled back: router error: HAProxy runtime API at 127.0.0.1:");
    }

    @Test
    public void shouldRefuseAPlanThatDoesNotEndAt100() {
        var run = CliRun.of("canary", "--weights", "5,50", "--gate", "error_rate <= 0.01", "--haproxy-runtime",
                "127.0.0.1:1", "--haproxy-logs", "127.0.0.1:0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("the canary weights must end at 100, got [5, 50]");
    }
}
