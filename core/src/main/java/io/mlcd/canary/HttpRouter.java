package io.mlcd.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.util.SafeText;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A router behind a user-supplied HTTP endpoint, for serving stacks mlcd has no native router
 * for: {@code PUT} with {@code {"canary": 25, "stable": 75}} sets the weights (any 2xx is
 * success), {@code GET} answers the weights in force in the same shape.
 */
public final class HttpRouter implements Router {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient client;

    public HttpRouter(final URI endpoint, final Duration timeout) {
        if (!endpoint.isAbsolute() || !List.of("http", "https").contains(endpoint.getScheme().toLowerCase(Locale.ROOT))
                || endpoint.getHost() == null) {
            throw new InputException("the router URL must be http:// or https:// with a host, got '%s'", endpoint);
        }
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public void apply(final Weights weights) {
        var body = MAPPER.createObjectNode().put("canary", weights.canary()).put("stable", weights.stable()).toString();
        send(HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Override
    public Weights current() {
        var answer = send(HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build());
        try {
            var canary = MAPPER.readTree(answer).path("canary");
            if (!canary.isInt()) {
                throw new RouterException("GET " + SafeText.uri(endpoint) + " answered no integer 'canary' weight");
            }
            return new Weights(canary.asInt());
        }
        catch (IOException | IllegalArgumentException e) {
            throw new RouterException("GET " + SafeText.uri(endpoint) + " answered something that is not the weights: "
                    + SafeText.quote(String.valueOf(e.getMessage())), e);
        }
    }

    private String send(final HttpRequest request) {
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new RouterException(request.method() + " " + SafeText.uri(endpoint) + " failed: HTTP "
                        + response.statusCode());
            }
            return response.body();
        }
        catch (IOException e) {
            throw new RouterException(request.method() + " " + SafeText.uri(endpoint) + ": "
                    + SafeText.quote(String.valueOf(e.getMessage())), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouterException("interrupted while calling " + SafeText.uri(endpoint), e);
        }
    }

    /**
     * The endpoint without credentials or fragment, scheme and host in lower case, the default
     * port spelled out and the path normalised.
     */
    @Override
    public String lockKey() {
        var normal = endpoint.normalize();
        var scheme = normal.getScheme() == null ? "" : normal.getScheme().toLowerCase(Locale.ROOT);
        var host = normal.getHost() == null ? "" : normal.getHost().toLowerCase(Locale.ROOT);
        var port = normal.getPort() >= 0 ? normal.getPort() : "https".equals(scheme) ? 443 : 80;
        var path = normal.getRawPath() == null || normal.getRawPath().isEmpty() ? "/" : normal.getRawPath();
        var query = normal.getRawQuery() == null ? "" : "?" + normal.getRawQuery();
        return scheme + "://" + host + ":" + port + path + query;
    }

    @Override
    public String toString() {
        return "HTTP router " + SafeText.uri(endpoint);
    }
}
