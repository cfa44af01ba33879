package io.mlcd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP side of MLflow's REST API: JSON calls under {@code /api/2.0/mlflow/} and raw uploads
 * to the artifact proxy. Every call has timeouts; connection failures, 429 and 5xx are retried
 * with exponential backoff (callers only send requests that are safe to repeat), other errors
 * become one {@link MlflowException} naming the endpoint and MLflow's error code.
 */
final class MlflowHttp {
    static final int ATTEMPTS = 4;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MlflowConnection connection;
    private final HttpClient client;

    MlflowHttp(final MlflowConnection connection) {
        if (connection.insecureTls()) {
            throw new InputException("MLFLOW_TRACKING_INSECURE_TLS is not supported: add the server's certificate "
                    + "authority to the Java trust store instead");
        }
        this.connection = connection;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    JsonNode get(final String endpoint, final Map<String, String> query) {
        var text = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return json("GET " + endpoint, request("/api/2.0/mlflow/" + endpoint + (text.isEmpty() ? "" : "?" + text))
                .GET());
    }

    JsonNode post(final String endpoint, final JsonNode body) {
        try {
            var bytes = MAPPER.writeValueAsBytes(body);
            return json("POST " + endpoint, request("/api/2.0/mlflow/" + endpoint)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        }
        catch (IOException e) {
            throw new MlflowException("cannot encode the request to " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** Uploads a file's bytes to the artifact proxy (PUT replaces, so a retry is harmless). */
    void put(final String artifactPath, final byte[] content) {
        send("PUT artifacts/" + artifactPath, request("/api/2.0/mlflow-artifacts/artifacts/" + artifactPath)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private HttpRequest.Builder request(final String path) {
        var builder = HttpRequest.newBuilder(URI.create(connection.uri() + path)).timeout(REQUEST_TIMEOUT);
        connection.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private JsonNode json(final String what, final HttpRequest.Builder request) {
        var body = send(what, request);
        try {
            return body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        }
        catch (IOException e) {
            throw new MlflowException(what + " at " + connection.uri() + " answered something that is not JSON");
        }
    }

    private String send(final String what, final HttpRequest.Builder builder) {
        var request = builder.build();
        var backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1;; attempt++) {
            try {
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                var status = response.statusCode();
                if (status < 300) {
                    return response.body();
                }
                if (!isTransient(status) || attempt == ATTEMPTS) {
                    throw new MlflowException(what + " failed: HTTP " + status + describe(response.body()));
                }
            }
            catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new MlflowException(what + ": cannot reach MLflow at " + connection.uri() + " after "
                            + ATTEMPTS + " attempts: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MlflowException(what + " was interrupted", e);
            }
            pause(backoff);
            backoff *= 2;
        }
    }

    private static boolean isTransient(final int status) {
        return status == 429 || status >= 500 && status != 501;
    }

    /** MLflow's error_code and message, or the start of a plain-text answer (the 3.x security middleware's). */
    private static String describe(final String body) {
        try {
            var node = MAPPER.readTree(body);
            if (node != null && node.has("error_code")) {
                return " " + node.path("error_code").asText() + ": " + node.path("message").asText();
            }
        }
        catch (IOException e) {
            // not JSON: fall through to the plain text
        }
        var text = body.strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException("interrupted while waiting to retry", e);
        }
    }
}
