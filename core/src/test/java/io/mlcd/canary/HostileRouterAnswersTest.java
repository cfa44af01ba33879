package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

/**
 * Routers and Prometheus that answer with escape sequences, line breaks and megabytes: the
 * rollout's failure message quotes them as one visible line of bounded length.
 */
public class HostileRouterAnswersTest {
    private static final String ANSI = "\u001b[2J\u001b[1;1H";

    private static void assertPrintable(final Throwable failure) {
        assertThat(failure.getMessage()).doesNotContain("\u001b").doesNotContain("\n").hasSizeLessThan(1_000);
    }

    /** A runtime API socket answering every command with the same text. */
    private static ServerSocket runtime(final String answer) throws IOException {
        var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var thread = new Thread(() -> {
            while (!socket.isClosed()) {
                try (var client = socket.accept()) {
                    client.getInputStream().read(new byte[1024]);
                    client.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                }
                catch (IOException e) {
                    // closed by the test, or the client left
                }
            }
        }, "hostile-haproxy");
        thread.setDaemon(true);
        thread.start();
        return socket;
    }

    @Test
    public void shouldQuoteAHostileHaproxyAnswerOnOneCutLine() throws Exception {
        try (var socket = runtime(ANSI + "Unknown command.\n" + "x".repeat(10_000_000))) {
            var router = new HaproxyRouter(new HaproxyRuntime("127.0.0.1:" + socket.getLocalPort(), Duration.ofSeconds(10)),
                    "model", "stable", "canary");

            assertThatThrownBy(router::current).isInstanceOf(RouterException.class)
                    .satisfies(HostileRouterAnswersTest::assertPrintable)
                    .hasMessageStartingWith("HAProxy has no server model/canary: \\e[2J\\e[1;1HUnknown command.\\nxxx")
                    .hasMessageEndingWith("x... [cut 9,999,730 chars]");
        }
    }

    @Test
    public void shouldQuoteWhatAnHttpRouterOrPrometheusAnswersInsteadOfTheWeights() throws Exception {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var body = (exchange.getRequestURI().getPath().startsWith("/api/v1/")
                    ? "{\"status\": \"error\", \"errorType\": \"" + ANSI.replace("\u001b", "\\u001b") + "bad_data\", "
                            + "\"error\": \"parse error\\n" + "y".repeat(100_000) + "\"}"
                    : ANSI + "not weights\n" + "z".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            var base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

            assertThatThrownBy(() -> new HttpRouter(base.resolve("/weights"), Duration.ofSeconds(5)).current())
                    .isInstanceOf(RouterException.class).satisfies(HostileRouterAnswersTest::assertPrintable)
                    .hasMessageStartingWith("GET " + base + "/weights answered something that is not the weights: ");
            try (var prometheus = new PrometheusSource(base, PromQueries.haproxy(), "model", "stable", "canary",
                    Duration.ofSeconds(5))) {
                assertThatThrownBy(() -> prometheus.measure(Instant.now().minusSeconds(30), Instant.now()))
                        .isInstanceOf(MetricSourceException.class).satisfies(HostileRouterAnswersTest::assertPrintable)
                        .hasMessageContaining("(HTTP 200, \\e[2J\\e[1;1Hbad_data): parse error\\nyyy")
                        .hasMessageContaining("y... [cut 99,7");
            }
        }
        finally {
            server.stop(0);
        }
    }
}
