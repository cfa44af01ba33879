package io.mlcd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;

/**
 * The HTTP side of MLflow's REST API: JSON calls under {@code /api/2.0/mlflow/} and raw uploads
 * to the artifact proxy. Every call has timeouts; connection failures, 429 and 5xx are retried
 * with exponential backoff, except that a request which is not safe to repeat
 * ({@link #postOnce}) is retried only when the server cannot have seen it. Other errors become
 * one {@link MlflowException} naming the endpoint and MLflow's error code.
 */
final class MlflowHttp {
    static final int ATTEMPTS = 4;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MlflowConnection connection;
    private final HttpClient client;
    private final AtomicInteger calls = new AtomicInteger();

    MlflowHttp(final MlflowConnection connection) {
        if (connection.insecureTls()) {
            throw new InputException("MLFLOW_TRACKING_INSECURE_TLS is not supported: give the server's certificate "
                    + "authority in MLFLOW_TRACKING_SERVER_CERT_PATH (or add it to the Java trust store) instead");
        }
        this.connection = connection;
        var builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (connection.trustedCertificates() != null) {
            builder.sslContext(TrustedCertificates.sslContext(connection.trustedCertificates()));
        }
        this.client = builder.build();
    }

    JsonNode get(final String endpoint, final Map<String, String> query) {
        var text = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return json("GET " + endpoint, request("/api/2.0/mlflow/" + endpoint + (text.isEmpty() ? "" : "?" + text))
                .GET(), true);
    }

    /** A POST that is safe to repeat: setting tags, logging a batch, setting an alias. */
    JsonNode post(final String endpoint, final JsonNode body) {
        return json("POST " + endpoint, withBody(endpoint, "POST", body), true);
    }

    /**
     * A POST that must not run twice, such as creating a model version: after a timeout or a
     * server error the caller must look whether it took effect before sending it again.
     */
    JsonNode postOnce(final String endpoint, final JsonNode body) {
        return json("POST " + endpoint, withBody(endpoint, "POST", body), false);
    }

    JsonNode patch(final String endpoint, final JsonNode body) {
        return json("PATCH " + endpoint, withBody(endpoint, "PATCH", body), true);
    }

    /** MLflow reads DELETE parameters from a JSON body, not from the query string. */
    JsonNode delete(final String endpoint, final JsonNode body) {
        return json("DELETE " + endpoint, withBody(endpoint, "DELETE", body), true);
    }

    /** How many HTTP requests this client has sent, retries included. */
    int calls() {
        return calls.get();
    }

    private HttpRequest.Builder withBody(final String endpoint, final String method, final JsonNode body) {
        try {
            var bytes = MAPPER.writeValueAsBytes(body);
            return request("/api/2.0/mlflow/" + endpoint).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        catch (IOException e) {
            throw new MlflowException("cannot encode the request to " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** Uploads a file's bytes to the artifact proxy (PUT replaces, so a retry is harmless). */
    void put(final String artifactPath, final byte[] content) {
        send("PUT artifacts/" + artifactPath, request("/api/2.0/mlflow-artifacts/artifacts/" + artifactPath)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)), true);
    }

    private HttpRequest.Builder request(final String path) {
        var builder = HttpRequest.newBuilder(URI.create(connection.uri() + path))
                .timeout(connection.timeout());
        connection.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private JsonNode json(final String what, final HttpRequest.Builder request, final boolean repeatable) {
        var body = send(what, request, repeatable);
        try {
            return body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        }
        catch (IOException e) {
            throw new MlflowException(what + " at " + connection.uri() + " answered something that is not JSON");
        }
    }

    private String send(final String what, final HttpRequest.Builder builder, final boolean repeatable) {
        var request = builder.build();
        var backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1;; attempt++) {
            try {
                calls.incrementAndGet();
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                var status = response.statusCode();
                if (status < 300) {
                    return response.body();
                }
                var retry = status == 429 || repeatable && isTransient(status);
                if (!retry || attempt == ATTEMPTS) {
                    throw new MlflowException(what + " failed: HTTP " + status + describe(response.body()), status,
                            errorCode(response.body()));
                }
            }
            catch (HttpTimeoutException e) {
                if (!repeatable && !(e instanceof HttpConnectTimeoutException) || attempt == ATTEMPTS) {
                    throw new MlflowException(what + ": MLflow at " + connection.uri() + " did not answer within "
                            + connection.timeout().toSeconds() + " s" + (attempt > 1 ? " (" + attempt + " attempts)" : ""), e);
                }
            }
            catch (SSLHandshakeException e) { // a certificate does not become trusted by asking again
                throw new MlflowException(what + ": MLflow at " + connection.uri() + " failed the TLS check: "
                        + e.getMessage() + " (a private certificate authority? give it in "
                        + "MLFLOW_TRACKING_SERVER_CERT_PATH)", e);
            }
            catch (IOException e) {
                if (!repeatable && !(e instanceof ConnectException) || attempt == ATTEMPTS) {
                    throw new MlflowException(what + ": cannot reach MLflow at " + connection.uri()
                            + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + e.getClass().getSimpleName()
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

    @CheckForNull
    private static String errorCode(final String body) {
        try {
            var node = MAPPER.readTree(body);
            return node != null && node.has("error_code") ? node.path("error_code").asText() : null;
        }
        catch (IOException e) {
            return null;
        }
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
