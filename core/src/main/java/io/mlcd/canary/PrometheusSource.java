package io.mlcd.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.util.SafeText;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Counts from a Prometheus server: for each side, the {@link PromQueries} templates are filled
 * with the backend, the side's server and the window's length and evaluated by
 * {@code GET /api/v1/query} at the window's end ({@code time}). The defaults read HAProxy's
 * built-in exporter, so this source serves the same rollouts as {@link HaproxyLogSource}
 * without a log stream, from the Prometheus that already watches the router.
 *
 * <p><b>Counts.</b> {@code increase()} extrapolates the samples inside the window to its edges,
 * so a count can be off by about one scrape interval's worth of traffic and need not be whole;
 * it is rounded. A side's requests and errors come from the same scrapes, so its error rate is
 * hardly affected; use windows of many scrape intervals. Errors above requests (rounding) are
 * cut to the requests. A requests query that finds no series is an error (wrong labels, a target
 * that is not scraped, or a window shorter than two scrapes), not zero traffic; an errors query
 * that finds none counts 0, since exporters often create a 5xx series only at the first 5xx.
 *
 * <p><b>Latency.</b> The windows carry no latency samples, so every latency gate is
 * INCONCLUSIVE ("no latencies observed") with this source; use error-rate and request gates, or
 * {@link HaproxyLogSource} for latency. This is deliberate: HAProxy's exporter only has
 * averages over the last 1024 requests ({@code haproxy_server_response_time_average_seconds}),
 * which are neither quantiles nor tied to the window, and even a histogram's
 * {@code histogram_quantile} is a bucket-interpolated point without the sample size that
 * {@link CanaryJudge} needs to keep noise from passing or failing a gate. Carrying such points
 * would need a second, interval-free path through the judge for a number that does not mean
 * what the gate says.
 *
 * <p><b>Failures.</b> An unreachable or slow server, an answer that is not Prometheus JSON, a
 * query Prometheus rejects ({@code "status":"error"} with {@code errorType} and {@code error}),
 * or a result that is not one finite count raises a {@link MetricSourceException} naming the
 * server and the query. The server URL must not carry credentials; messages show scheme, host,
 * port and path only.
 */
public final class PrometheusSource implements MetricSource {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String server;
    private final PromQueries queries;
    private final String backend;
    private final String stable;
    private final String canary;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param server  the Prometheus base URL, e.g. {@code http://127.0.0.1:9090} (a path prefix is kept)
     * @param queries the PromQL templates, e.g. {@link PromQueries#haproxy()}
     * @param backend the backend whose servers are compared
     * @param stable  the baseline's server
     * @param canary  the canary's server
     * @param timeout the longest wait for connecting and for each answer
     */
    public PrometheusSource(final URI server, final PromQueries queries, final String backend, final String stable,
            final String canary, final Duration timeout) {
        if (!("http".equals(server.getScheme()) || "https".equals(server.getScheme())) || server.getHost() == null) {
            throw new IllegalArgumentException("the Prometheus URL must be http(s)://host[:port][/path], got "
                    + server.getScheme() + "://" + server.getHost());
        }
        if (server.getRawUserInfo() != null || server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new IllegalArgumentException("the Prometheus URL must not carry credentials, a query or a fragment");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the Prometheus timeout must be positive, got " + timeout);
        }
        this.server = server.toString().replaceAll("/+$", "");
        this.queries = queries;
        this.backend = backend;
        this.stable = stable;
        this.canary = canary;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public Sides measure(final Instant from, final Instant to) {
        var window = Duration.between(from, to);
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("the window " + from + " .. " + to + " lasts less than 1 ms");
        }
        return new Sides(side(canary, window, to), side(stable, window, to));
    }

    private WindowStats side(final String name, final Duration window, final Instant at) {
        var requestsQuery = queries.requestsFor(backend, name, window);
        var requests = count(requestsQuery, value(requestsQuery, at).orElseThrow(() -> new MetricSourceException(
                String.format(Locale.ROOT, "Prometheus at %s found no series for query %s: check its labels, that "
                        + "Prometheus scrapes the target, and that the window (%s) spans at least two scrapes",
                        server, requestsQuery, PromQueries.duration(window)))));
        var errorsQuery = queries.errorsFor(backend, name, window);
        var errors = count(errorsQuery, value(errorsQuery, at).orElse(0));
        return WindowStats.of(requests, Math.min(errors, requests), new double[0], new double[0]);
    }

    private long count(final String query, final double value) {
        var rounded = Math.round(value);
        if (!Double.isFinite(value) || rounded < 0) {
            throw new MetricSourceException(String.format(Locale.ROOT,
                    "Prometheus at %s returned %s for query %s, which is not a count", server, value, query));
        }
        return rounded;
    }

    /** The one number a query returns, empty when it finds no series. */
    private OptionalDouble value(final String query, final Instant at) {
        var data = ask(query, at).path("data");
        var type = data.path("resultType").asText("");
        var result = data.path("result");
        if ("scalar".equals(type)) {
            return OptionalDouble.of(number(result, query));
        }
        if (!"vector".equals(type)) {
            throw new MetricSourceException(String.format(Locale.ROOT,
                    "Prometheus at %s returned a %s for query %s, not a vector or scalar", server, type, query));
        }
        if (result.size() > 1) {
            throw new MetricSourceException(String.format(Locale.ROOT, "Prometheus at %s returned %d series for "
                    + "query %s, not one: aggregate them, e.g. with sum(...)", server, result.size(), query));
        }
        return result.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(number(result.get(0).path("value"), query));
    }

    /** A sample {@code [time, "value"]}; Prometheus writes non-finite values as NaN, +Inf and -Inf. */
    private double number(final JsonNode sample, final String query) {
        var text = sample.path(1).asText("");
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> parse(text, sample, query);
        };
    }

    private double parse(final String text, final JsonNode sample, final String query) {
        try {
            return Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            throw new MetricSourceException(String.format(Locale.ROOT,
                    "Prometheus at %s returned the sample %s for query %s, not [time, \"number\"]", server,
                    SafeText.quote(String.valueOf(sample)), query), e);
        }
    }

    private JsonNode ask(final String query, final Instant at) {
        var uri = URI.create(server + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&time=" + seconds(at));
        var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (HttpTimeoutException e) {
            throw new MetricSourceException(String.format(Locale.ROOT,
                    "Prometheus at %s did not answer query %s within %s", server, query, timeout), e);
        }
        catch (IOException e) {
            throw new MetricSourceException(String.format(Locale.ROOT, "cannot reach Prometheus at %s for query %s: %s",
                    server, query, SafeText.quote(reason(e))), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricSourceException("interrupted while Prometheus at " + server + " answered query " + query, e);
        }
        return json(response, query);
    }

    /** The JDK's HttpClient often throws a ConnectException without a message around one that has it. */
    private static String reason(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    private JsonNode json(final HttpResponse<String> response, final String query) {
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        }
        catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new MetricSourceException(String.format(Locale.ROOT,
                    "Prometheus at %s answered query %s with HTTP %d and no Prometheus JSON", server, query,
                    response.statusCode()));
        }
        var status = body.path("status").asText("");
        if ("error".equals(status)) {
            throw new MetricSourceException(String.format(Locale.ROOT,
                    "Prometheus at %s rejected query %s (HTTP %d, %s): %s", server, query, response.statusCode(),
                    SafeText.quote(body.path("errorType").asText("no errorType")),
                    SafeText.quote(body.path("error").asText("no error message"))));
        }
        if (!"success".equals(status) || response.statusCode() != 200) {
            throw new MetricSourceException(String.format(Locale.ROOT,
                    "Prometheus at %s answered query %s with HTTP %d and status '%s'", server, query,
                    response.statusCode(), SafeText.quote(status)));
        }
        return body;
    }

    /** Unix time in seconds with the fraction Prometheus accepts, e.g. {@code 1700000000.25}. */
    static String seconds(final Instant at) {
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        // the JDK's HttpClient of Java 17 holds nothing that needs closing
    }

    @Override
    public String toString() {
        return "Prometheus at " + server + " (backend " + backend + ", servers " + stable + " and " + canary + ")";
    }
}
