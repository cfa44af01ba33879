package io.mlcd.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends one request body (e.g. {@code {"inputs": [[…], …]}}, the MLflow scoring protocol) to the
 * {@code /invocations} endpoint of both versions directly, not through the router, and reads
 * the numbers in {@code predictions} of each answer (a list of numbers, or of single-number lists).
 */
public final class HttpPredictionProbe implements PredictionProbe {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI canary;
    private final URI stable;
    private final String body;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public HttpPredictionProbe(final URI canary, final URI stable, final String body) {
        this.canary = canary;
        this.stable = stable;
        this.body = body;
    }

    @Override
    public double[][] predictions() {
        return new double[][] {ask(canary), ask(stable)};
    }

    private double[] ask(final URI server) {
        var request = HttpRequest.newBuilder(server.resolve("/invocations")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new double[0]; // a failing probe observes nothing; error gates judge failures
            }
            JsonNode predictions = MAPPER.readTree(response.body()).path("predictions");
            var values = new double[predictions.size()];
            for (int i = 0; i < values.length; i++) {
                var value = predictions.get(i);
                values[i] = (value.isArray() ? value.get(0) : value).asDouble(Double.NaN);
            }
            return values;
        }
        catch (IOException e) {
            return new double[0];
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new double[0];
        }
    }
}
