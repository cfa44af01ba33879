package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.registry.Lineage;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.testkit.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd watch --poll} as its own process against a real MLflow 2.x (no webhooks there):
 * killed with SIGKILL while the registry changes, then restarted on its state file, it runs the
 * command once for every change, none twice and none missed.
 */
public class WatchPollIT {
    /** .venv-mlflow2 next to .venv, whose python the build names. */
    private static final Path MLFLOW2 = Path.of(System.getProperty("mlcd.python", ".venv/bin/python")).toAbsolutePath()
            .getParent().getParent().resolveSibling(".venv-mlflow2").resolve("bin").resolve("mlflow");

    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer().withMlflow(MLFLOW2);

    private static final String MODEL = "polled";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private int build;

    @Test
    public void shouldNeitherReplayNorMissAnEventWhenKilledAndRestarted() throws Exception {
        var run = SERVER.logModels("watch-poll", 1, null, Map.of()).runs().get(0);
        var root = folder.getRoot().toPath();
        var events = root.resolve("events.txt");
        var state = root.resolve("state.json");
        var environment = Map.of("MLFLOW_TRACKING_URI", SERVER.uri().toString());
        var args = List.of("watch", "--model", MODEL, "--poll", "1s", "--state", state.toString(), "--exec",
                WatchProcess.script(root) + " " + events);
        var latencies = new ArrayList<Long>();
        try (var watch = WatchProcess.start(environment, args.toArray(String[]::new))) {
            assertThat(watch.await(line -> line.contains("watching '" + MODEL + "' from now"), Duration.ofSeconds(60)))
                    .as(watch.log().toString()).isTrue();
            for (int i = 0; i < 3; i++) {
                var registered = System.currentTimeMillis();
                register(run);
                var seen = WatchProcess.events(events, i + 1, Duration.ofSeconds(30));
                latencies.add(Long.parseLong(seen.get(i).split(" ")[0]) - registered);
            }
            // the command has run; the watcher then records it as handled. A kill between the two runs it
            // again after the restart (at least once, docs/webhooks.md), so the kill waits for the record
            awaitNothingPending(state);
            watch.process().destroyForcibly(); // SIGKILL: no hook, only the state file is left
            assertThat(watch.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        var v4 = register(run);
        mlflow().registry().setAlias(MODEL, "challenger", v4);
        try (var restarted = WatchProcess.start(environment, args.toArray(String[]::new))) {
            var all = WatchProcess.events(events, 6, Duration.ofSeconds(60));
            Thread.sleep(3000); // three more polls: nothing new may come
            all = WatchProcess.events(events, 99, Duration.ZERO);

            assertThat(all.stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList()).containsExactly(
                    "model_version.created " + MODEL + " 1 @ secret=unset",
                    "model_version.created " + MODEL + " 2 @ secret=unset",
                    "model_version.created " + MODEL + " 3 @ secret=unset",
                    "model_version.created " + MODEL + " " + v4 + " @ secret=unset",
                    "model_version_alias.created " + MODEL + " " + v4 + " @challenger secret=unset");
            assertThat(restarted.log()).noneMatch(line -> line.contains("from now"));
            restarted.signal("TERM");
            assertThat(restarted.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(restarted.process().exitValue()).isEqualTo(143);
            assertThat(restarted.await(line -> line.endsWith("mlcd watch: stopped; the cursor is in " + state),
                    Duration.ofSeconds(5))).as(restarted.log().toString()).isTrue();
        }
        System.out.printf("polling every 1 s: %s ms from the registration call to the command's start%n", latencies);
    }

    private static Mlflow mlflow() {
        return new Mlflow(new MlflowConnection(SERVER.uri(), null, null, null, false));
    }

    /** A new version: the same run registered by another build. */
    private String register(final String run) {
        build++;
        var lineage = Lineage.fromEnvironment(Map.of("BUILD_URL", "https://ci.example.com/job/train/" + build + "/"));
        var request = new RegistrationRequest(run, "model", MODEL, null, Map.of(), "", lineage, false,
                Duration.ofSeconds(60));
        return new Registrar(mlflow(), Clock.systemUTC()).register(request).version().version();
    }

    private static void awaitNothingPending(final Path state) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(state) && new ObjectMapper()
                    .readTree(state.toFile()).path("pending").isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the watcher did not record the handled events in " + state);
    }
}
