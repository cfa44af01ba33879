package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.canary.Haproxy;
import io.mlcd.canary.Weights;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.testkit.Ports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd canary} as its own process, stopped by SIGINT (Ctrl-C) or SIGTERM (a cancelled CI
 * job) in the middle of a pause: all traffic goes back on the stable version, the rollout is
 * recorded ABORTED in the state file, the report and MLflow, and the exit status is 130 or 143;
 * with {@code --on-signal keep} the traffic stays for a resume. While it runs, a second rollout on
 * the same HAProxy backend is refused, naming the first.
 */
public class CanarySignalIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ClassRule
    public static final MlflowServer MLFLOW = new MlflowServer();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static int freeUdpPort() throws Exception {
        try (var socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A paused rollout in its own process; its output lines are collected as they come. */
    private record Running(Process process, List<String> out, CompletableFuture<String> err) {
    }

    private List<String> args(final Haproxy haproxy, final Path state, final String... more) throws Exception {
        var args = new ArrayList<>(List.of("canary", "--weights", "25,100", "--pause", "10m", "--haproxy-runtime",
                haproxy.runtime().toString(), "--haproxy-logs", "127.0.0.1:" + freeUdpPort(), "--gate",
                "error_rate <= baseline + 5%", "--state", state.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /**
     * Starts the packaged CLI and waits until it has set the first weight. It is started through
     * Python, which puts SIGINT back to its default: a process started in the background of a
     * non-interactive shell (as a build may be) inherits SIGINT ignored, and the JVM keeps it so.
     */
    private static Running start(final List<String> args) throws Exception {
        var command = new ArrayList<>(List.of(System.getProperty("mlcd.python"), "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", System.getProperty("mlcd.jar")));
        command.addAll(args);
        var process = new ProcessBuilder(command).start();
        var err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (java.io.IOException e) {
                return e.toString();
            }
        });
        var out = new ArrayList<String>();
        var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (var line = lines.readLine(); line != null; line = lines.readLine()) {
            out.add(line);
            if (line.equals("canary: weight 25%")) {
                CompletableFuture.runAsync(() -> lines.lines().forEach(out::add));
                return new Running(process, out, err);
            }
        }
        throw new AssertionError("the rollout ended before its first weight: " + out + err.get());
    }

    /** Sends a signal with kill(1): Process.destroy() would send SIGTERM too, but close the output streams. */
    private static void signal(final Process process, final String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    private static JsonNode read(final Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    private static JsonNode mlflow(final String method, final String path, final String body) throws Exception {
        var request = HttpRequest.newBuilder(MLFLOW.uri().resolve("/api/2.0/mlflow/" + path))
                .header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A model version with a run of its own, as a training job leaves it; returns the run's id. */
    private static String modelVersion(final String name) throws Exception {
        var experiment = mlflow("POST", "experiments/create", "{\"name\": \"" + name + "\"}").path("experiment_id")
                .asText();
        var run = mlflow("POST", "runs/create", "{\"experiment_id\": \"" + experiment + "\"}").path("run").path("info");
        mlflow("POST", "registered-models/create", "{\"name\": \"" + name + "\"}");
        mlflow("POST", "model-versions/create", JSON.createObjectNode().put("name", name)
                .put("source", run.path("artifact_uri").asText() + "/model").put("run_id", run.path("run_id").asText())
                .toString());
        return run.path("run_id").asText();
    }

    @Test
    public void shouldRollBackRecordAbortedAndExit130OnSigint() throws Exception {
        var state = folder.getRoot().toPath().resolve("state.json");
        var report = folder.getRoot().toPath().resolve("report");
        var runId = modelVersion("signal churn");
        try (var haproxy = Haproxy.start(Ports.free(), Ports.free(), freeUdpPort())) {
            var running = start(args(haproxy, state, "--report-dir", report.toString(), "--model", "signal churn",
                    "--version", "1", "--no-promote", "--tracking-uri", MLFLOW.uri().toString()));
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));

            var second = CliRun.of(args(haproxy, folder.getRoot().toPath().resolve("other.json"), "--restore")
                    .toArray(String[]::new));
            assertThat(second.status()).isEqualTo(2);
            assertThat(second.err()).startsWith("mlcd: error: another rollout is running on haproxy "
                    + haproxy.runtime() + " backend model: mlcd canary pid " + running.process().pid() + " (user ")
                    .contains("), state " + state.toAbsolutePath() + ", since ")
                    .contains("; wait for it to end or stop it first");
            assertThat(haproxy.router().current()).as("the refused rollout touched no weight").isEqualTo(new Weights(25));

            signal(running.process(), "INT");

            assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(running.process().exitValue()).as(running.out() + running.err().get()).isEqualTo(130);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        }
        assertThat(read(state).path("status").asText()).isEqualTo("ABORTED");
        assertThat(read(state).path("weight").asInt()).isZero();
        assertThat(read(report.resolve("canary.json")).path("status").asText()).isEqualTo("ABORTED");
        assertThat(read(report.resolve("canary.json")).path("verdict").asText()).isEqualTo("FAILED");
        var version = mlflow("GET", "model-versions/get?name=signal%20churn&version=1", null).path("model_version");
        var tags = new java.util.HashMap<String, String>();
        version.path("tags").forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
        assertThat(tags).containsEntry("mlcd.canary.status", "ABORTED").containsEntry("mlcd.canary.verdict", "FAILED");
        assertThat(tags.get("mlcd.canary.summary")).startsWith("FAILED: aborted: mlcd canary was stopped by a signal");
        var artifact = HttpClient.newHttpClient().send(HttpRequest.newBuilder(MLFLOW.uri().resolve(
                "/api/2.0/mlflow-artifacts/artifacts/" + artifactPath(runId) + "/mlcd/canary.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(artifact.body()).path("status").asText()).as(artifact.body()).isEqualTo("ABORTED");
    }

    /** Where the run's artifacts are below the server's artifact root. */
    private static String artifactPath(final String runId) throws Exception {
        var uri = mlflow("GET", "runs/get?run_id=" + runId, null).path("run").path("info").path("artifact_uri").asText();
        return uri.replaceFirst("^mlflow-artifacts:/+", "");
    }

    @Test
    public void shouldRollBackAndExit143OnSigterm() throws Exception {
        var state = folder.getRoot().toPath().resolve("state.json");
        var report = folder.getRoot().toPath().resolve("report");
        try (var haproxy = Haproxy.start(Ports.free(), Ports.free(), freeUdpPort())) {
            var running = start(args(haproxy, state, "--report-dir", report.toString()));

            signal(running.process(), "TERM"); // as a CI system cancelling the job sends

            assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            var err = running.err().get(10, TimeUnit.SECONDS);
            assertThat(running.process().exitValue()).as(running.out() + err).isEqualTo(143);
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
            assertThat(err).isEqualTo("mlcd: stop signal: putting all traffic back on the stable version\n");
        }
        assertThat(read(state).path("status").asText()).isEqualTo("ABORTED");
        assertThat(read(report.resolve("canary.json")).path("status").asText()).isEqualTo("ABORTED");
        assertThat(report.resolve("canary.html")).exists();
    }

    @Test
    public void shouldKeepTheTrafficOnASignalWhenAskedForAResumeOrRestore() throws Exception {
        var state = folder.getRoot().toPath().resolve("state.json");
        try (var haproxy = Haproxy.start(Ports.free(), Ports.free(), freeUdpPort())) {
            var running = start(args(haproxy, state, "--on-signal", "keep"));

            signal(running.process(), "TERM");

            assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            var err = running.err().get(10, TimeUnit.SECONDS);
            assertThat(running.process().exitValue()).as(running.out() + err).isEqualTo(143);
            assertThat(err).isEqualTo("mlcd: stop signal: leaving the traffic where it is (--on-signal keep)\n"
                    + "mlcd: traffic left as it was; continue with mlcd canary --resume --state " + state
                    + " … or put the stable version back with --restore\n");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(25));
            var kept = read(state);
            assertThat(kept.path("status").asText()).isEqualTo("PROGRESSING");
            assertThat(kept.path("weight").asInt()).isEqualTo(25);
            assertThat(Files.readString(state)).contains("suspended: mlcd canary was stopped by a signal");

            var restored = CliRun.of(args(haproxy, state, "--restore").toArray(String[]::new));
            assertThat(restored.status()).as(restored.err()).isEqualTo(1);
            assertThat(restored.out()).contains("FAILED: rolled back: restored by ");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        }
    }
}
