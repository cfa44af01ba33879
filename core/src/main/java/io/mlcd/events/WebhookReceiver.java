package io.mlcd.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * An HTTP listener for MLflow's webhook deliveries (the JDK's built-in server): every POST, on any
 * path, goes to {@link Watcher#receive}; the answer's status is the delivery's outcome (200 accepted,
 * ignored or duplicate; 400, 401, 413 refused; 500 when the state cannot be saved, so MLflow sends
 * it again). A body is read only up to {@link WebhookVerifier#MAX_BODY_BYTES}; two threads serve
 * requests. Plain HTTP: put a TLS-terminating proxy in front of it when MLflow reaches it over an
 * untrusted network (the signature protects the content, not its confidentiality).
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    private WebhookReceiver(final HttpServer server, final ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static WebhookReceiver start(final InetSocketAddress address, final Watcher watcher,
            final WebhookVerifier verifier, final Consumer<String> log) throws IOException {
        var server = HttpServer.create(address, 16);
        var threads = Executors.newFixedThreadPool(2, runnable -> {
            var thread = new Thread(runnable, "mlcd-webhook");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                serve(exchange, watcher, verifier, log);
            }
        });
        server.start();
        return new WebhookReceiver(server, threads);
    }

    /** The port listened on (the one asked for, or the free one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(final HttpExchange exchange, final Watcher watcher, final WebhookVerifier verifier,
            final Consumer<String> log) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "POST only");
            return;
        }
        var body = read(exchange.getRequestBody(), WebhookVerifier.MAX_BODY_BYTES + 1);
        var headers = exchange.getRequestHeaders(); // case-insensitive
        Delivery delivery;
        try {
            delivery = watcher.receive(verifier, headers::getFirst, body);
        }
        catch (RuntimeException e) {
            log.accept("delivery not kept, MLflow will send it again: " + e.getMessage());
            answer(exchange, 500, "not kept");
            return;
        }
        answer(exchange, delivery.outcome().httpStatus(), delivery.outcome().name());
    }

    /** At most {@code limit} bytes: a larger body is cut there, and the verifier refuses it as too large. */
    private static byte[] read(final InputStream in, final int limit) throws IOException {
        return in.readNBytes(limit);
    }

    private static void answer(final HttpExchange exchange, final int status, final String text) throws IOException {
        var bytes = ("{\"outcome\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
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
