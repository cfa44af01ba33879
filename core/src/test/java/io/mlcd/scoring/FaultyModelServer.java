package io.mlcd.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleFunction;

/**
 * A real HTTP model server on 127.0.0.1 that speaks MLflow's scoring protocol and misbehaves on
 * request: it reads {@code dataframe_split} rows whose first column holds the row number and
 * answers one prediction per row (by default {@code [1 - x/10000, x/10000]}); per batch, named by
 * its first row number, it can answer an HTTP error, answer late, or answer one prediction too
 * few, for the first N attempts. It counts attempts and requests in flight.
 */
public final class FaultyModelServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<Long, Fault> faults = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile DoubleFunction<String> answer = x -> "[" + (1 - x / 10000) + "," + x / 10000 + "]";
    private volatile long pace;

    private enum Kind { STATUS, SLOW, SHORT }

    private record Fault(Kind kind, int times, int status, long millis) {
    }

    private FaultyModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FaultyModelServer start() throws IOException {
        return new FaultyModelServer();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The batch starting at row number {@code firstRow} gets this HTTP status for its first {@code times} attempts. */
    public FaultyModelServer failing(final long firstRow, final int times, final int status) {
        faults.put(firstRow, new Fault(Kind.STATUS, times, status, 0));
        return this;
    }

    /** The batch's first {@code times} attempts are answered after {@code millis}. */
    public FaultyModelServer slow(final long firstRow, final int times, final long millis) {
        faults.put(firstRow, new Fault(Kind.SLOW, times, 200, millis));
        return this;
    }

    /** The batch's first {@code times} attempts get one prediction fewer than rows. */
    public FaultyModelServer shortAnswer(final long firstRow, final int times) {
        faults.put(firstRow, new Fault(Kind.SHORT, times, 200, 0));
        return this;
    }

    /** Each prediction is this JSON text for the row's number. */
    public FaultyModelServer answering(final DoubleFunction<String> entry) {
        this.answer = entry;
        return this;
    }

    /** Every answer waits this long, so that requests overlap. */
    public FaultyModelServer pace(final long millis) {
        this.pace = millis;
        return this;
    }

    public int attempts(final long firstRow) {
        var count = attempts.get(firstRow);
        return count == null ? 0 : count.get();
    }

    public int requests() {
        return requests.get();
    }

    public int mostInFlight() {
        return mostInFlight.get();
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        var now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/invocations")) {
                send(exchange, 404, "{\"error\": \"not found\"}");
                return;
            }
            requests.incrementAndGet();
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            var authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            JsonNode rows = MAPPER.readTree(body).path("dataframe_split").path("data");
            var first = rows.get(0).get(0).asLong();
            var attempt = attempts.computeIfAbsent(first, row -> new AtomicInteger()).incrementAndGet();
            var fault = faults.get(first);
            sleep(pace);
            var count = rows.size();
            if (fault != null && attempt <= fault.times()) {
                switch (fault.kind()) {
                    case STATUS -> {
                        send(exchange, fault.status(), "{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"injected failure "
                                + attempt + "\"}");
                        return;
                    }
                    case SLOW -> sleep(fault.millis());
                    default -> count--;
                }
            }
            var answer = new StringBuilder("{\"predictions\": [");
            for (int r = 0; r < count; r++) {
                answer.append(r == 0 ? "" : ", ").append(this.answer.apply(rows.get(r).get(0).asDouble()));
            }
            send(exchange, 200, answer.append("]}").toString());
        }
        catch (IOException e) {
            // the client gave up (a timeout): nothing to answer
        }
        finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(final HttpExchange exchange, final int status, final String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(final long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
