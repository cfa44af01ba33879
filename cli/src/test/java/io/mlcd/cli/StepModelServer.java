package io.mlcd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server speaking MLflow's scoring protocol for a model that is a step in column x:
 * [0.1, 0.9] when x &gt; 50, else [0.9, 0.1] (a missing x is not above 50), as predict_proba answers.
 * With {@code failing}, every invocation answers HTTP 500.
 */
final class StepModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final boolean failing;
    private final AtomicInteger invocations = new AtomicInteger();

    StepModelServer(final boolean failing) throws IOException {
        this.failing = failing;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/invocations", this::invoke);
        server.createContext("/ping", exchange -> answer(exchange, 200, "OK"));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int invocations() {
        return invocations.get();
    }

    private void invoke(final HttpExchange exchange) throws IOException {
        invocations.incrementAndGet();
        var request = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("dataframe_split");
        if (failing) {
            answer(exchange, 500, "{\"error_code\": \"INTERNAL_ERROR\"}");
            return;
        }
        var column = -1;
        for (int i = 0; i < request.path("columns").size(); i++) {
            column = request.path("columns").get(i).asText().equals("x") ? i : column;
        }
        var answer = new StringBuilder("{\"predictions\": [");
        var first = true;
        for (JsonNode row : request.path("data")) {
            var x = row.get(column);
            var above = x.isNumber() && x.doubleValue() > 50;
            answer.append(first ? "" : ",").append(above ? "[0.1, 0.9]" : "[0.9, 0.1]");
            first = false;
        }
        answer(exchange, 200, answer.append("]}").toString());
    }

    private static void answer(final HttpExchange exchange, final int status, final String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
