package io.mlcd.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test traffic sent straight to both versions, for blue-green: the idle (green) version gets no
 * live traffic before the switch, so each analysis sends it, and the serving version, the same
 * single-row requests in turn, and measures what a client would see (5xx or no answer counts as
 * an error, latency is the full round trip).
 */
public final class PreviewSource implements MetricSource {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI canary;
    private final URI stable;
    private final List<String> requests;
    private final int perSide;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param body    a scoring request body ({@code dataframe_split} or {@code inputs}); each of its rows becomes one request
     * @param perSide requests each version gets per analysis
     */
    public PreviewSource(final URI canary, final URI stable, final String body, final int perSide) {
        this.canary = canary;
        this.stable = stable;
        this.requests = rows(body);
        this.perSide = perSide;
    }

    /** One single-row body per row of the given body, in the same scoring format. */
    static List<String> rows(final String body) {
        try {
            var root = MAPPER.readTree(body);
            var rows = new ArrayList<String>();
            if (root.path("dataframe_split").path("data").isArray()) {
                for (JsonNode row : root.path("dataframe_split").path("data")) {
                    var one = MAPPER.createObjectNode();
                    var split = one.putObject("dataframe_split");
                    split.set("columns", root.path("dataframe_split").path("columns"));
                    split.putArray("data").add(row);
                    rows.add(one.toString());
                }
            }
            else if (root.path("inputs").isArray()) {
                for (JsonNode row : root.path("inputs")) {
                    ObjectNode one = MAPPER.createObjectNode();
                    one.putArray("inputs").add(row);
                    rows.add(one.toString());
                }
            }
            if (rows.isEmpty()) {
                throw new InputException("the probe body has no rows: expected {\"dataframe_split\": {\"columns\": …, "
                        + "\"data\": [[…], …]}} or {\"inputs\": [[…], …]}");
            }
            return rows;
        }
        catch (IOException e) {
            throw new InputException("the probe body is not JSON: %s", e.getMessage());
        }
    }

    @Override
    public Sides measure(final Instant from, final Instant to) {
        var canarySide = new Side();
        var stableSide = new Side();
        for (int i = 0; i < perSide; i++) {
            var body = requests.get(i % requests.size());
            canarySide.send(client, canary, body);
            stableSide.send(client, stable, body);
        }
        return new Sides(canarySide.stats(), stableSide.stats());
    }

    /** The requests of one version in one analysis. */
    private static final class Side {
        private final List<Double> latencies = new ArrayList<>();
        private long requests;
        private long errors;

        void send(final HttpClient client, final URI server, final String body) {
            var request = HttpRequest.newBuilder(server.resolve("/invocations")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            requests++;
            var started = System.nanoTime();
            try {
                var status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 500) {
                    errors++;
                }
                else {
                    latencies.add((System.nanoTime() - started) / 1e6);
                }
            }
            catch (IOException e) {
                errors++;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors++;
            }
        }

        WindowStats stats() {
            return WindowStats.of(requests, errors, latencies.stream().mapToDouble(Double::doubleValue).toArray(),
                    new double[0]);
        }
    }

    @Override
    public void close() {
        // nothing held between analyses
    }

    @Override
    public String toString() {
        return "preview traffic: " + perSide + " requests to each of " + canary + " and " + stable;
    }
}
