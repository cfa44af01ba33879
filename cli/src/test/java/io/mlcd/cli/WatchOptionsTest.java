package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Bad input to {@code mlcd watch} and {@code mlcd webhook}: exit status 2 and one line (plus
 * picocli's "Try" line for usage errors), before anything listens, polls or is created; and the
 * message for a server without MLflow's webhook API. MLflow is an address nothing listens on, so
 * a check that came too late would show as a connection error. The secret variables named are
 * ones every environment has (PATH, HOME): secrets come only from the environment.
 */
public class WatchOptionsTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private String nowhere;

    @Before
    public void findFreePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private CliRun watch(final String... options) {
        var args = new ArrayList<>(List.of("watch", "--tracking-uri", nowhere, "--model", "churn"));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void assertRefused(final CliRun run, final String message) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElse("")).isEqualTo(message);
        assertThat(run.err().lines().filter(line -> !line.startsWith("Try 'mlcd")).count()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    public void shouldRefuseBadWatchOptions() throws Exception {
        var folderPath = folder.getRoot().toString();
        assertRefused(watch("--exec", "true"), "mlcd: error: Error: Missing required argument (specify one of these): "
                + "(--listen=HOST:PORT | --poll=DURATION)");
        assertRefused(watch("--poll", "30s", "--listen", "127.0.0.1:0", "--exec", "true"),
                "mlcd: error: Error: --listen=HOST:PORT, --poll=DURATION are mutually exclusive (specify only one)");
        assertRefused(watch("--listen", "127.0.0.1:0", "--exec", "true"), "mlcd: error: --listen needs --secret-env: "
                + "mlcd acts only on deliveries signed with the webhook's secret");
        assertRefused(watch("--listen", "127.0.0.1:0", "--secret-env", "MLCD_TEST_SURELY_UNSET", "--exec", "true"),
                "mlcd: error: --secret-env: the environment variable MLCD_TEST_SURELY_UNSET is not set or empty");
        assertRefused(watch("--listen", "127.0.0.1:0", "--secret-env", "hunter2 is my secret", "--exec", "true"),
                "mlcd: error: --secret-env takes the name of an environment variable, e.g. MLFLOW_WEBHOOK_SECRET, "
                        + "not the secret itself");
        assertRefused(watch("--poll", "30s", "--secret-env", "PATH", "--exec", "true"),
                "mlcd: error: --secret-env goes with --poll; --poll needs no secret".replace("goes with --poll",
                        "goes with --listen"));
        assertRefused(watch("--poll", "30s", "--event", "model_version.deleted", "--exec", "true"),
                "mlcd: error: --event: unknown event 'model_version.deleted'; known: registered_model.created, "
                        + "model_version.created, model_version_tag.set, model_version_tag.deleted, "
                        + "model_version_alias.created, model_version_alias.deleted");
        assertRefused(watch("--poll", "30s", "--exec", "deploy 'half"), "mlcd: error: --exec has a ' without its closing '");
        assertRefused(watch("--poll", "30s", "--exec", "  "), "mlcd: error: --exec names no command");
        assertRefused(watch("--poll", "500ms", "--exec", "true"), "mlcd: error: --poll must be at least 1s, got '500ms'");
        assertRefused(watch("--poll", "soon", "--exec", "true"),
                "mlcd: error: --poll expects a duration such as 30s, 5m or 500ms, got 'soon'");
        assertRefused(watch("--listen", "8181", "--secret-env", "PATH", "--exec", "true"),
                "mlcd: error: --listen expects HOST:PORT, e.g. 0.0.0.0:8181, got '8181'");
        assertRefused(watch("--listen", "127.0.0.1:70000", "--secret-env", "PATH", "--exec", "true"),
                "mlcd: error: --listen's port must be between 0 and 65535, got 70000");
        assertRefused(watch("--poll", "30s", "--state", folderPath, "--exec", "true"),
                "mlcd: error: --state " + folderPath + " is a folder; name a file");
        assertRefused(watch("--poll", "30s", "--window", "0s", "--listen", "x", "--exec", "true"),
                "mlcd: error: Error: --listen=HOST:PORT, --poll=DURATION are mutually exclusive (specify only one)");
        assertRefused(watch("--listen", "127.0.0.1:0", "--secret-env", "PATH", "--window", "0s", "--exec", "true"),
                "mlcd: error: the timestamp window must be positive, got 0 s");
        assertRefused(watch("--poll", "30s", "--ignore-own", " ", "--exec", "true"),
                "mlcd: error: the identity of mlcd's own writes is empty: it would match every version mlcd ever wrote");
    }

    @Test
    public void shouldRefuseAStateFileThatIsNotOne() throws Exception {
        var state = folder.newFile("state.json").toPath();
        java.nio.file.Files.writeString(state, "{\"models\": 3}");

        assertRefused(watch("--listen", "127.0.0.1:0", "--secret-env", "PATH", "--state", state.toString(), "--exec",
                "true"), "mlcd: error: the watch state " + state + " is not one (Cannot deserialize value of type "
                        + "`java.util.LinkedHashMap<java.lang.String,io.mlcd.events.ModelSnapshot>` from Integer value "
                        + "(token `JsonToken.VALUE_NUMBER_INT`)); move it away to start afresh");
    }

    @Test
    public void shouldRefuseBadWebhookOptions() {
        assertRefused(CliRun.of("webhook", "create", "--tracking-uri", nowhere, "--url", "ftp://ci/", "--events",
                "model_version.created"), "mlcd: error: --url must be an http:// or https:// URL with a host, got "
                        + "'ftp://ci/'");
        assertRefused(CliRun.of("webhook", "create", "--tracking-uri", nowhere, "--url", "https://user:pw@ci/",
                "--events", "model_version.created"), "mlcd: error: --url must not hold a user name or password: the "
                        + "signature authenticates");
        assertRefused(CliRun.of("webhook", "create", "--tracking-uri", nowhere, "--url", "https://ci/", "--events",
                "model_version.created,prompt.created"), "mlcd: error: --events: unknown event 'prompt.created'; known: "
                        + "registered_model.created, model_version.created, model_version_tag.set, "
                        + "model_version_tag.deleted, model_version_alias.created, model_version_alias.deleted");
        assertRefused(CliRun.of("webhook", "create", "--tracking-uri", nowhere, "--url", "https://ci/", "--events",
                "model_version.created", "--secret-env", "MLCD_TEST_SURELY_UNSET"),
                "mlcd: error: --secret-env: the environment variable MLCD_TEST_SURELY_UNSET is not set or empty");
        assertRefused(CliRun.of("webhook", "test", "--tracking-uri", nowhere, "../../runs"),
                "mlcd: error: '../../runs' is not a webhook id (see mlcd webhook list)");
        assertRefused(CliRun.of("webhook"), "mlcd: error: name a subcommand: create, list or test");
    }

    @Test
    public void shouldSayWhenTheServerHasNoWebhookApi() throws Exception {
        // what MLflow 2.x answers (Flask's 404 page) and what 3.x on a file store answers (a 500 page)
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        page(server, "/old", 404, "404 Not Found");
        page(server, "/filestore", 500, "500 Internal Server Error");
        server.start();
        try {
            var uri = "http://127.0.0.1:" + server.getAddress().getPort();

            assertRefused(CliRun.of("webhook", "list", "--tracking-uri", uri + "/old"), "mlcd: error: MLflow at " + uri
                    + "/old has no webhook API (it came with MLflow 3.3): use mlcd watch --poll instead (GET webhooks "
                    + "failed: HTTP 404: HTML page: 404 Not Found) (run with --debug for details)");
            assertRefused(CliRun.of("webhook", "list", "--tracking-uri", uri + "/filestore"), "mlcd: error: MLflow at "
                    + uri + "/filestore failed on its webhook API, as a server with a file store does (only database "
                    + "stores keep webhooks): use mlcd watch --poll instead, or a database store (GET webhooks failed: "
                    + "HTTP 500: HTML page: 500 Internal Server Error) (run with --debug for details)");
        }
        finally {
            server.stop(0);
        }
    }

    private static void page(final HttpServer server, final String path, final int status, final String title) {
        server.createContext(path, exchange -> {
            try (exchange) {
                var page = ("<!doctype html>\n<html lang=en>\n<title>" + title + "</title>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, page.length);
                exchange.getResponseBody().write(page);
            }
        });
    }
}
