package io.mlcd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP relay in front of a real model server ({@code mlflow models serve}) that spoils some of
 * its answers: HTTP 500 for some batches (each batch known by its request body, so a retry of it is
 * recognised), an answer that comes too late, or one prediction too few. Everything else is passed
 * through unchanged. Counts the requests it saw.
 */
final class ScoringFaults implements AutoCloseable {
    /** What happens to a batch. */
    enum Fault {
        /** Every third batch fails its first attempt with HTTP 500, then passes. */
        FIRST_ATTEMPT_OF_EVERY_THIRD_BATCH_500,
        /** The second batch answers HTTP 500 every time. */
        SECOND_BATCH_ALWAYS_500,
        /** The second batch is answered after {@link #DELAY}. */
        SECOND_BATCH_SLOW,
        /** The second batch's answer has one prediction less than the batch has rows. */
        SECOND_BATCH_ONE_SHORT
    }

    static final Duration DELAY = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final URI target;
    private final Fault fault;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Integer> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger distinct = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger spoiled = new AtomicInteger();

    ScoringFaults(final URI target, final Fault fault) throws IOException {
        this.target = target;
        this.fault = fault;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            var thread = new Thread(task, "scoring-faults");
            thread.setDaemon(true); // a slow answer still sleeping must not keep the JVM alive
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests to /invocations seen, retries included. */
    int requests() {
        return requests.get();
    }

    /** Answers spoiled. */
    int spoiled() {
        return spoiled.get();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = exchange.getRequestBody().readAllBytes();
            var path = exchange.getRequestURI().getPath();
            if (!path.endsWith("/invocations")) {
                relay(exchange, path, body);
                return;
            }
            requests.incrementAndGet();
            var key = new String(body, StandardCharsets.UTF_8);
            int batch = batches.computeIfAbsent(key, ignored -> distinct.incrementAndGet());
            int attempt = attempts.computeIfAbsent(key, ignored -> new AtomicInteger()).incrementAndGet();
            switch (fault) {
                case FIRST_ATTEMPT_OF_EVERY_THIRD_BATCH_500 -> {
                    if (batch % 3 == 0 && attempt == 1) {
                        fail(exchange);
                        return;
                    }
                }
                case SECOND_BATCH_ALWAYS_500 -> {
                    if (batch == 2) {
                        fail(exchange);
                        return;
                    }
                }
                case SECOND_BATCH_SLOW -> {
                    if (batch == 2) {
                        spoiled.incrementAndGet();
                        Thread.sleep(DELAY.toMillis());
                    }
                }
                case SECOND_BATCH_ONE_SHORT -> {
                    if (batch == 2) {
                        var answer = forward(path, body);
                        var tree = (ObjectNode) JSON.readTree(answer.body());
                        ((ArrayNode) tree.get("predictions")).remove(0);
                        spoiled.incrementAndGet();
                        send(exchange, answer.statusCode(), JSON.writeValueAsBytes(tree));
                        return;
                    }
                }
            }
            relay(exchange, path, body);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(final HttpExchange exchange) throws IOException {
        spoiled.incrementAndGet();
        send(exchange, 500, "{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"injected\"}"
                .getBytes(StandardCharsets.UTF_8));
    }

    private void relay(final HttpExchange exchange, final String path, final byte[] body)
            throws IOException, InterruptedException {
        var answer = forward(path, body);
        send(exchange, answer.statusCode(), answer.body());
    }

    private HttpResponse<byte[]> forward(final String path, final byte[] body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(target.resolve(path)).header("Content-Type", "application/json");
        request = body.length == 0 ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void send(final HttpExchange exchange, final int status, final byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
