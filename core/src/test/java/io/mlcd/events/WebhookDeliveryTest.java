package io.mlcd.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mlcd.events.Delivery.Outcome;
import io.mlcd.testkit.MlflowServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * A real MLflow 3.x server (SQLite store, webhooks allowed to 127.0.0.1 over http) delivering to
 * mlcd's {@link WebhookReceiver} through a recording relay, so that a real delivery can be
 * replayed byte for byte: every registry change gives exactly one verified event; forged,
 * stale, replayed and malformed deliveries are refused, and the log never shows the secret.
 */
public class WebhookDeliveryTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer()
            .withEnvironment("MLFLOW_WEBHOOK_ALLOWED_SCHEMES", "http,https")
            .withEnvironment("MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS", "true");

    private static final String SECRET = "whsec-test-4f1c9a";
    private static final String MODEL = "webhook-model";
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static final LinkedBlockingQueue<ModelEvent> HANDLED = new LinkedBlockingQueue<>();
    private static final Map<String, Instant> HANDLED_AT = new java.util.concurrent.ConcurrentHashMap<>();
    /** What the relay passed on: the real deliveries, headers and body as MLflow sent them. */
    private static final List<Recorded> RECORDED = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean RUNNING = new AtomicBoolean(true);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static RegistryWrites writes;
    private static WebhookReceiver receiver;
    private static HttpServer relay;
    private static Thread worker;
    private static String webhookId;

    record Recorded(Map<String, String> headers, byte[] body) {
    }

    @BeforeClass
    public static void startReceiver() throws Exception {
        writes = new RegistryWrites(SERVER, SERVER.logModels("webhook-test", 1, null, Map.of()).runs().get(0));
        var watcher = new Watcher(new WatchStateFile(null), new EventFilter(Set.of(MODEL), Set.of(
                EventType.MODEL_VERSION_CREATED, EventType.MODEL_VERSION_ALIAS_CREATED), Set.of()), null, event -> {
                    HANDLED_AT.put(event.deliveryId(), Instant.now());
                    HANDLED.add(event);
                }, LOG::add);
        var verifier = new WebhookVerifier(SECRET, WebhookVerifier.DEFAULT_WINDOW, Clock.systemUTC(), watcher.seen());
        receiver = WebhookReceiver.start(new InetSocketAddress("127.0.0.1", 0), watcher, verifier, LOG::add);
        worker = new Thread(() -> {
            try {
                while (RUNNING.get()) {
                    watcher.handleNext(Duration.ofMillis(200));
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        relay = relay(URI.create("http://127.0.0.1:" + receiver.port() + "/"));
        var webhook = writes.mlflow().webhooks().create("mlcd-test", "http://127.0.0.1:" + relay.getAddress().getPort()
                + "/hook", List.of("model_version.created", "model_version_alias.created"), SECRET);
        webhookId = webhook.id();
    }

    /** Passes each request on to the receiver, keeping a copy. */
    private static HttpServer relay(final URI target) throws Exception {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                var body = exchange.getRequestBody().readAllBytes();
                var headers = new HashMap<String, String>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                RECORDED.add(new Recorded(headers, body));
                var answer = send(target, headers, body);
                exchange.sendResponseHeaders(answer.statusCode(), -1);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static HttpResponse<String> send(final URI target, final Map<String, String> headers, final byte[] body)
            throws java.io.IOException, InterruptedException {
        var request = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-mlflow-")
                    || "content-type".equalsIgnoreCase(name)) {
                request.header(name, value);
            }
        });
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        RUNNING.set(false);
        if (worker != null) {
            worker.join();
        }
        if (relay != null) {
            relay.stop(0);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static List<ModelEvent> drain(final Duration quiet) throws InterruptedException {
        var events = new ArrayList<ModelEvent>();
        for (var event = HANDLED.poll(30, TimeUnit.SECONDS); event != null;
                event = HANDLED.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
            events.add(event);
        }
        return events;
    }

    @Test
    public void shouldHandleExactlyOneVerifiedEventPerChange() throws Exception {
        var registered = Instant.now();
        var version = writes.register(MODEL, "https://ci.example.com/job/train/");
        var created = drain(Duration.ofSeconds(3));

        writes.mlflow().registry().setAlias(MODEL, "challenger", version);
        var aliased = drain(Duration.ofSeconds(3));

        assertThat(created).hasSize(1);
        assertThat(created.get(0).type()).isEqualTo(EventType.MODEL_VERSION_CREATED);
        assertThat(created.get(0).version()).isEqualTo(version);
        assertThat(created.get(0).tags()).containsEntry("team", "risk")
                .containsEntry("mlcd.ci.build_url", "https://ci.example.com/job/train/1/");
        assertThat(aliased).hasSize(1);
        assertThat(aliased.get(0).type()).isEqualTo(EventType.MODEL_VERSION_ALIAS_CREATED);
        assertThat(aliased.get(0).alias()).isEqualTo("challenger");
        assertThat(aliased.get(0).version()).isEqualTo(version);
        assertThat(LOG).filteredOn(line -> line.contains("ACCEPTED")).hasSize(2);
        System.out.printf("webhook: %d ms from the registration call to the handler%n",
                Duration.between(registered, HANDLED_AT.get(created.get(0).deliveryId())).toMillis());
    }

    @Test
    public void shouldDropAReplayedRealDelivery() throws Exception {
        writes.register(MODEL, "https://ci.example.com/job/replay/");
        drain(Duration.ofSeconds(3));
        var real = RECORDED.get(RECORDED.size() - 1);

        var replayed = send(URI.create("http://127.0.0.1:" + receiver.port() + "/"), real.headers(), real.body());

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).contains("DUPLICATE");
        assertThat(HANDLED.poll(2, TimeUnit.SECONDS)).as("handled again").isNull();
    }

    @Test
    public void shouldRefuseForgedStaleAndMalformedDeliveriesWithoutLoggingTheSecret() throws Exception {
        var target = URI.create("http://127.0.0.1:" + receiver.port() + "/");
        var body = "{\"entity\":\"model_version\",\"action\":\"created\",\"timestamp\":\"2026-12-04T03:00:00+00:00\","
                + "\"data\":{\"name\":\"" + MODEL + "\",\"version\":\"99\",\"tags\":{}}}";
        var now = Instant.now().getEpochSecond();

        var forged = send(target, headers("forged-1", now, body, "not-the-secret"), bytes(body));
        var stale = send(target, headers("stale-1", now - 301, body, SECRET), bytes(body));
        var malformed = send(target, headers("bad-1", now, "{\"entity\":", SECRET), bytes("{\"entity\":"));
        var unsigned = send(target, Map.of("X-MLflow-Delivery-Id", "u-1", "X-MLflow-Timestamp", Long.toString(now)),
                bytes(body));
        var huge = send(target, headers("big-1", now, "x", SECRET), new byte[WebhookVerifier.MAX_BODY_BYTES + 10]);
        var get = CLIENT.send(HttpRequest.newBuilder(target).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(List.of(forged.statusCode(), stale.statusCode(), malformed.statusCode(), unsigned.statusCode(),
                huge.statusCode(), get.statusCode())).containsExactly(401, 401, 400, 401, 413, 405);
        assertThat(HANDLED.poll(1, TimeUnit.SECONDS)).isNull();
        assertThat(LOG).anyMatch(line -> line.startsWith("delivery forged-1: UNAUTHENTICATED"))
                .anyMatch(line -> line.startsWith("delivery stale-1: STALE"))
                .anyMatch(line -> line.startsWith("delivery bad-1: MALFORMED (the body is not JSON)"))
                .anyMatch(line -> line.startsWith("delivery u-1: UNAUTHENTICATED (no X-MLflow-Signature header"))
                .anyMatch(line -> line.startsWith("delivery big-1: TOO_LARGE"));
        var signatures = new ArrayList<String>();
        RECORDED.forEach(recorded -> signatures.add(recorded.headers().getOrDefault("X-mlflow-signature", "none")));
        assertThat(String.join("\n", LOG)).doesNotContain(SECRET);
        for (var signature : signatures) {
            assertThat(String.join("\n", LOG)).doesNotContain(signature.substring(Math.min(3, signature.length())));
        }
    }

    @Test
    public void shouldListAndTestTheWebhook() {
        var webhooks = writes.mlflow().webhooks();

        assertThat(webhooks.list()).anySatisfy(webhook -> {
            assertThat(webhook.id()).isEqualTo(webhookId);
            assertThat(webhook.events()).containsExactlyInAnyOrder("model_version.created",
                    "model_version_alias.created");
            assertThat(webhook.status()).isEqualTo("ACTIVE");
        });
        var test = webhooks.test(webhookId);

        assertThat(test.success()).as(test.toString()).isTrue();
        assertThat(test.responseStatus()).isEqualTo(200);
        assertThat(LOG).anyMatch(line -> line.contains(": IGNORED") || line.contains("not watched"));
    }

    private static Map<String, String> headers(final String id, final long timestamp, final String body,
            final String secret) {
        return Map.of("X-MLflow-Delivery-Id", id, "X-MLflow-Timestamp", Long.toString(timestamp), "X-MLflow-Signature",
                WebhookSignature.sign(secret, id, Long.toString(timestamp), bytes(body)), "Content-Type",
                "application/json");
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
