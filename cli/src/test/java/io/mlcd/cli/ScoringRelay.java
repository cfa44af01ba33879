package io.mlcd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP relay in front of a real model server that injects faults into chosen batches:
 * batches are numbered 1, 2, … in the order their first request arrives (distinct request
 * bodies); for its first N attempts a batch can get an HTTP error instead of the model's answer,
 * the answer late, or the answer with its last prediction removed.
 */
final class ScoringRelay implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Integer> batches = new HashMap<>();
    private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<Integer, int[]> faults = new ConcurrentHashMap<>();

    private static final int STATUS = 0;
    private static final int LATE = 1;
    private static final int SHORT = 2;

    ScoringRelay(final URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    ScoringRelay failing(final int batch, final int times, final int status) {
        faults.put(batch, new int[] {STATUS, times, status});
        return this;
    }

    ScoringRelay late(final int batch, final int times, final int millis) {
        faults.put(batch, new int[] {LATE, times, millis});
        return this;
    }

    ScoringRelay shortAnswer(final int batch, final int times) {
        faults.put(batch, new int[] {SHORT, times, 0});
        return this;
    }

    int attempts(final int batch) {
        var count = attempts.get(batch);
        return count == null ? 0 : count.get();
    }

    private synchronized int batch(final String body) {
        return batches.computeIfAbsent(body, unused -> batches.size() + 1);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var batch = batch(body);
            var attempt = attempts.computeIfAbsent(batch, unused -> new AtomicInteger()).incrementAndGet();
            var fault = faults.get(batch);
            var active = fault != null && attempt <= fault[1];
            if (active && fault[0] == STATUS) {
                send(exchange, fault[2], "{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"relay: injected failure\"}");
                return;
            }
            if (active && fault[0] == LATE) {
                Thread.sleep(fault[2]);
            }
            var answer = client.send(HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getPath()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            var text = answer.body();
            if (active && fault[0] == SHORT) {
                var json = MAPPER.readTree(text);
                var predictions = (ArrayNode) json.get("predictions");
                predictions.remove(predictions.size() - 1);
                text = MAPPER.writeValueAsString(json);
            }
            send(exchange, answer.statusCode(), text);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (IOException e) {
            // the client gave up: nothing to answer
        }
    }

    private static void send(final HttpExchange exchange, final int status, final String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
