package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.canary.Haproxy;
import io.mlcd.canary.Weights;
import io.mlcd.testkit.LoadGenerator;
import io.mlcd.testkit.ModelServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd canary} as its own process, killed with SIGKILL between steps, then resumed: the
 * state file carries the rollout to 100% and no client request fails on the way.
 */
public class CanaryKillIT {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldResumeARolloutWhoseProcessWasKilled() throws Exception {
        int logs;
        try (var socket = new DatagramSocket(0)) {
            logs = socket.getLocalPort();
        }
        var state = folder.getRoot().toPath().resolve("state.json");
        try (var stable = ModelServer.start(); var canary = ModelServer.start("--seed", "2");
                var haproxy = Haproxy.start(stable.port(), canary.port(), logs);
                var load = new LoadGenerator(haproxy.uri(), 4, 200_000, Duration.ofSeconds(120))) {
            var args = List.of("canary", "--weights", "25,50,100", "--pause", "4s", "--min-requests", "50",
                    "--haproxy-runtime", haproxy.runtime().toString(), "--haproxy-logs", "127.0.0.1:" + logs,
                    "--gate", "error_rate <= baseline + 5%", "--gate", "latency_p95 <= baseline + 20ms",
                    "--state", state.toString());
            var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("mlcd.jar")));
            command.addAll(args);
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var seen = new ArrayList<String>();
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (var line = lines.readLine(); line != null; line = lines.readLine()) {
                    seen.add(line);
                    if (line.equals("canary: weight 50%")) {
                        process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
                        break;
                    }
                }
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).as("output of the killed process").contains("canary: weight 50%");
            var killed = new ObjectMapper().readTree(state.toFile());
            assertThat(killed.path("status").asText()).isEqualTo("PROGRESSING");
            assertThat(killed.path("weight").asInt()).isEqualTo(50);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(50));

            var again = new ArrayList<>(args);
            again.add("--resume");
            var resumed = CliRun.of(again.toArray(String[]::new));

            assertThat(resumed.status()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out()).contains("canary: weight 50%").contains("canary: weight 100%")
                    .contains("PASSED: rollout SUCCEEDED at 100%");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(100));
            load.close();
            assertThat(load.failed()).as("client requests failed during the kill and the resume").isZero();
        }
    }
}
