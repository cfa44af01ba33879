package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.registry.Lineage;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.testkit.MlflowServer;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd webhook create/list/test} and {@code mlcd watch --listen} as their own processes
 * against a real MLflow 3.x that delivers webhooks to 127.0.0.1: one command per event, the
 * secret never passed on nor logged, and SIGTERM ends the watch cleanly.
 */
public class WatchWebhookIT {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer()
            .withEnvironment("MLFLOW_WEBHOOK_ALLOWED_SCHEMES", "http,https")
            .withEnvironment("MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS", "true");

    private static final String SECRET = "it-secret-9d2e71";
    private static final String MODEL = "watched";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldRunTheCommandOncePerWebhookEvent() throws Exception {
        var run = SERVER.logModels("watch-webhook", 1, null, Map.of()).runs().get(0);
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var root = folder.getRoot().toPath();
        var events = root.resolve("events.txt");
        var state = root.resolve("state.json");
        var environment = Map.of("MLCD_IT_SECRET", SECRET, "MLFLOW_TRACKING_URI", SERVER.uri().toString());
        try (var watch = WatchProcess.start(environment, "watch", "--model", MODEL, "--listen", "127.0.0.1:" + port,
                "--secret-env", "MLCD_IT_SECRET", "--state", state.toString(), "--exec",
                WatchProcess.script(root) + " '" + events + "'")) {
            assertThat(watch.await(line -> line.contains("listening on http://127.0.0.1:" + port + "/"),
                    Duration.ofSeconds(60))).as(watch.log().toString()).isTrue();
            var created = WatchProcess.run(environment, "webhook", "create", "--url", "http://127.0.0.1:" + port + "/",
                    "--events", "model_version.created,model_version_alias.created", "--secret-env", "MLCD_IT_SECRET");
            assertThat(created.get(0)).as(created.toString()).isEqualTo("0");
            var id = new ObjectMapper().readTree(created.get(1)).path("id").asText();
            var listed = WatchProcess.run(environment, "webhook", "list");
            var tested = WatchProcess.run(environment, "webhook", "test", id);

            var registered = System.currentTimeMillis();
            var version = register(run);
            WatchProcess.events(events, 1, Duration.ofSeconds(60));
            mlflow().registry().setAlias(MODEL, "champion", version);
            var all = WatchProcess.events(events, 3, Duration.ofSeconds(8));

            assertThat(listed.get(1)).contains("\"id\" : \"" + id + "\"").doesNotContain(SECRET);
            assertThat(tested.get(0)).as(tested.toString()).isEqualTo("0");
            assertThat(tested.get(2)).contains("webhook " + id + ": the receiver answered HTTP 200");
            assertThat(all).as("one command per event, whatever MLflow retries").hasSize(2);
            assertThat(all.get(0)).endsWith(" model_version.created " + MODEL + " " + version + " @ secret=unset");
            assertThat(all.get(1)).endsWith(" model_version_alias.created " + MODEL + " " + version
                    + " @champion secret=unset");
            assertThat(watch.log()).filteredOn(line -> line.contains("exited with 3 after")).hasSize(2);
            assertThat(String.join("\n", watch.log())).doesNotContain(SECRET);
            System.out.printf("webhook: %d ms from the registration call to the command's start%n",
                    Long.parseLong(all.get(0).split(" ")[0]) - registered);

            watch.signal("TERM");
            assertThat(watch.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.process().exitValue()).isEqualTo(143);
            assertThat(watch.await(line -> line.endsWith("mlcd watch: stopped; the cursor is in " + state),
                    Duration.ofSeconds(5))).as(watch.log().toString()).isTrue();
            assertThat(new ObjectMapper().readTree(state.toFile()).path("pending").size()).isZero();
        }
    }

    private static Mlflow mlflow() {
        return new Mlflow(new MlflowConnection(SERVER.uri(), null, null, null, false));
    }

    private static String register(final String run) {
        var request = new RegistrationRequest(run, "model", MODEL, null, Map.of(), "",
                Lineage.fromEnvironment(Map.of()), false, Duration.ofSeconds(60));
        return new Registrar(mlflow(), Clock.systemUTC()).register(request).version().version();
    }
}
