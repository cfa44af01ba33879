package io.mlcd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.BoundedBody;
import io.mlcd.util.InputException;
import io.mlcd.util.Redactor;
import io.mlcd.util.SafeText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;

/**
 * The HTTP side of MLflow's REST API: JSON calls under {@code /api/2.0/mlflow/} and raw uploads
 * to the artifact proxy, over HTTP/1.1. Each attempt is bounded as a whole, from connecting to
 * the last byte of the answer, by the connection's timeout, and the answer read is bounded in
 * size ({@link #MAX_ANSWER_BYTES}). Connection failures, timeouts, 429 and 5xx are retried with
 * exponential backoff, except that a request which is not safe to repeat ({@link #postOnce}) is
 * retried only when the server cannot have seen it. Other errors become one
 * {@link MlflowException} naming the endpoint and MLflow's error code. The connection's
 * credentials are redacted from everything that passes: answers, requests, uploads and messages.
 */
final class MlflowHttp {
    static final int ATTEMPTS = 4;
    /** The largest answer read: MLflow's JSON answers are far smaller; a larger one is refused, not buffered. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    /** Of an error answer only the start is read: it is quoted, never used. */
    static final int MAX_ERROR_BYTES = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MlflowConnection connection;
    private final Redactor redactor;
    private final HttpClient client;
    private final AtomicInteger calls = new AtomicInteger();

    MlflowHttp(final MlflowConnection connection) {
        if (connection.insecureTls()) {
            throw new InputException("MLFLOW_TRACKING_INSECURE_TLS is not supported: give the server's certificate "
                    + "authority in MLFLOW_TRACKING_SERVER_CERT_PATH (or add it to the Java trust store) instead");
        }
        this.connection = connection;
        this.redactor = connection.redactor();
        // HTTP/1.1 only: MLflow's servers speak nothing else (an h2c upgrade offer is logged as an
        // error on every call), and calls are sequential, so HTTP/2 would gain nothing
        var builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
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

    /** The request's text values with the credentials redacted: no record ever holds one. */
    private HttpRequest.Builder withBody(final String endpoint, final String method, final JsonNode body) {
        try {
            var bytes = MAPPER.writeValueAsBytes(redact(body.deepCopy()));
            return request("/api/2.0/mlflow/" + endpoint).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        catch (IOException e) {
            throw new MlflowException("cannot encode the request to " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** Uploads a file's bytes to the artifact proxy (PUT replaces, so a retry is harmless); text has the credentials redacted. */
    void put(final String artifactPath, final byte[] content) {
        send("PUT artifacts/" + artifactPath, request("/api/2.0/mlflow-artifacts/artifacts/" + artifactPath)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(redact(content))), true);
    }

    private HttpRequest.Builder request(final String path) {
        var builder = HttpRequest.newBuilder(URI.create(connection.uri() + path));
        connection.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private JsonNode json(final String what, final HttpRequest.Builder request, final boolean repeatable) {
        var body = send(what, request, repeatable);
        try {
            return body.isBlank() ? MAPPER.createObjectNode() : redact(MAPPER.readTree(body));
        }
        catch (IOException e) {
            throw new MlflowException(what + " at " + connection.uri() + " answered something that is not JSON: "
                    + SafeText.quote(redactor.redact(body)));
        }
    }

    private String send(final String what, final HttpRequest.Builder builder, final boolean repeatable) {
        var request = builder.build();
        var backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1;; attempt++) {
            try {
                calls.incrementAndGet();
                var response = exchange(request);
                var status = response.statusCode();
                if (status < 300) {
                    return response.body();
                }
                var retry = status == 429 || repeatable && isTransient(status);
                if (!retry || attempt == ATTEMPTS) {
                    var error = parse(response.body());
                    throw new MlflowException(what + " failed: HTTP " + status + describe(error, response.body()), status,
                            error != null && error.has("error_code") ? error.path("error_code").asText() : null);
                }
            }
            catch (TimeoutException | HttpConnectTimeoutException e) { // nothing was sent if connecting timed out
                if (!repeatable && !(e instanceof HttpConnectTimeoutException) || attempt == ATTEMPTS) {
                    throw new MlflowException(what + ": MLflow at " + connection.uri() + " did not answer within "
                            + connection.timeout().toSeconds() + " s" + (attempt > 1 ? " (" + attempt + " attempts)" : ""), e);
                }
            }
            catch (BoundedBody.TooLarge e) { // asking again brings the same answer
                throw new MlflowException(what + ": MLflow at " + connection.uri() + " " + e.getMessage(), e);
            }
            catch (SSLHandshakeException e) { // a certificate does not become trusted by asking again
                throw new MlflowException(what + ": MLflow at " + connection.uri() + " failed the TLS check: "
                        + SafeText.quote(redactor.redact(reason(e))) + " (a private certificate authority? give it in "
                        + "MLFLOW_TRACKING_SERVER_CERT_PATH)", e);
            }
            catch (IOException e) {
                if (!repeatable && !(e instanceof ConnectException) || attempt == ATTEMPTS) {
                    throw new MlflowException(what + ": cannot reach MLflow at " + connection.uri()
                            + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + e.getClass().getSimpleName()
                            + " " + SafeText.quote(redactor.redact(reason(e))), e);
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

    /**
     * One attempt, bounded as a whole: the JDK's request timeout stops at the answer's headers, so
     * a server trickling its body would hold mlcd for as long as it liked.
     */
    private HttpResponse<String> exchange(final HttpRequest request)
            throws IOException, InterruptedException, TimeoutException {
        var answer = client.sendAsync(request, BoundedBody.handler(MAX_ANSWER_BYTES, MAX_ERROR_BYTES));
        try {
            return answer.get(connection.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException e) {
            var cause = e.getCause();
            for (var inner = cause; inner != null; inner = inner.getCause()) {
                if (inner instanceof BoundedBody.TooLarge tooLarge) {
                    throw tooLarge;
                }
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
        finally {
            answer.cancel(true); // once done, nothing; otherwise the exchange is aborted and its connection closed
        }
    }

    private static boolean isTransient(final int status) {
        return status == 429 || status >= 500 && status != 501;
    }

    @CheckForNull
    private static JsonNode parse(final String body) {
        try {
            return MAPPER.readTree(body);
        }
        catch (IOException e) {
            return null;
        }
    }

    /** MLflow's error_code and message, or the start of any other answer (the 3.x security middleware's text, a proxy's page). */
    private String describe(@CheckForNull final JsonNode error, final String body) {
        if (error != null && error.has("error_code")) {
            return " " + SafeText.quote(redactor.redact(error.path("error_code").asText())) + ": "
                    + SafeText.quote(redactor.redact(error.path("message").asText()));
        }
        var text = SafeText.quote(redactor.redact(body));
        return text.isEmpty() ? "" : ": " + text;
    }

    /** The JDK's HttpClient often throws an exception without a message around one that has it. */
    private static String reason(final Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return "no details";
    }

    /** The JSON tree with the credentials redacted from its text values, changed in place. */
    private JsonNode redact(final JsonNode node) {
        if (node instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, redactValue(object.get(name)));
            }
        }
        else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redactValue(array.get(i)));
            }
        }
        return node;
    }

    private JsonNode redactValue(final JsonNode value) {
        if (!value.isTextual()) {
            return redact(value);
        }
        var text = redactor.redact(value.textValue());
        return text.equals(value.textValue()) ? value : TextNode.valueOf(text);
    }

    /** Text (UTF-8) with the credentials redacted; other content as it is, it holds no text to redact. */
    private byte[] redact(final byte[] content) {
        try {
            var text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
            var redacted = redactor.redact(text);
            return redacted.equals(text) ? content : redacted.getBytes(StandardCharsets.UTF_8);
        }
        catch (CharacterCodingException e) {
            return content;
        }
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
