package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

/** The HTTP router against a user's weight endpoint (an HTTP server that keeps the weights it is given). */
public class HttpRouterTest {
    @Test
    public void shouldSetAndReadWeightsThroughTheEndpoint() throws Exception {
        var stored = new AtomicReference<>("{\"canary\": 0, \"stable\": 100}");
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/weights", exchange -> {
            if ("PUT".equals(exchange.getRequestMethod())) {
                stored.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
            else {
                var body = stored.get().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            var base = "http://127.0.0.1:" + server.getAddress().getPort();
            var router = new HttpRouter(URI.create(base + "/weights"), Duration.ofSeconds(2));
            router.apply(new Weights(25));

            assertThat(stored.get()).isEqualTo("{\"canary\":25,\"stable\":75}");
            assertThat(router.current()).isEqualTo(new Weights(25));
            assertThatThrownBy(() -> new HttpRouter(URI.create(base + "/broken"), Duration.ofSeconds(2))
                    .apply(new Weights(5))).isInstanceOf(RouterException.class)
                    .hasMessage("PUT " + base + "/broken failed: HTTP 503");
        }
        finally {
            server.stop(0);
        }
    }
}
