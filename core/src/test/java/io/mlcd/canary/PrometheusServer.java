package io.mlcd.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.testkit.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real Prometheus (Debian package) on 127.0.0.1 with a fresh TSDB in a temporary folder,
 * scraping {@code /metrics} on the given loopback ports every second. Prometheus 2.x hands new
 * targets to its scrapers about 5 s after it starts, so start it before the other processes of a
 * test and call {@link #awaitScrape} last.
 */
final class PrometheusServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final int port;
    private final int targets;
    private final Path folder;

    private PrometheusServer(final Process process, final int port, final int targets, final Path folder) {
        this.process = process;
        this.port = port;
        this.targets = targets;
        this.folder = folder;
    }

    static PrometheusServer start(final int... scrapePorts) throws IOException, InterruptedException {
        var folder = Files.createTempDirectory("prometheus");
        var targets = IntStream.of(scrapePorts).mapToObj(port -> "'127.0.0.1:" + port + "'")
                .collect(Collectors.joining(", "));
        var config = folder.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: haproxy",
                "    static_configs:",
                "      - targets: [" + targets + "]",
                ""));
        var port = Ports.free();
        var process = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var prometheus = new PrometheusServer(process, port, scrapePorts.length, folder);
        try {
            prometheus.await("/-/ready", body -> true, Duration.ofSeconds(20));
        }
        catch (IllegalStateException | InterruptedException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until every target has been scraped successfully. */
    void awaitScrape(final Duration patience) throws InterruptedException {
        var query = URLEncoder.encode("count(up == 1)", StandardCharsets.UTF_8);
        var mapper = new ObjectMapper();
        await("/api/v1/query?query=" + query, body -> {
            var result = mapper.readTree(body).path("data").path("result");
            return result.size() == 1 && result.get(0).path("value").path(1).asText().equals(Integer.toString(targets));
        }, patience);
    }

    private interface Check {
        boolean accepts(String body) throws IOException;
    }

    private void await(final String path, final Check check, final Duration patience) throws InterruptedException {
        var request = HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(2)).build();
        var deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue()
                        + " (is the Debian package installed? bin/setup-system installs it)");
            }
            try {
                var response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && check.accepts(response.body())) {
                    return;
                }
            }
            catch (IOException e) {
                // not up yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("prometheus on port " + port + " did not answer " + path + " as expected within "
                + patience);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
