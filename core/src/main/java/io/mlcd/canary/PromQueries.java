package io.mlcd.canary;

import java.time.Duration;

/**
 * The PromQL a {@link PrometheusSource} asks for one side's requests and failed requests in a
 * window. Each is a template with placeholders that are replaced before the query is sent:
 * <ul>
 *   <li>{@value #BACKEND}: the backend (HAProxy proxy) name,
 *   <li>{@value #SERVER}: the server of the side, canary or stable,
 *   <li>{@value #WINDOW}: the window as a PromQL duration, {@code 30s} or {@code 1500ms}.
 * </ul>
 * Backend and server are inserted as the content of a PromQL string: backslashes, double quotes
 * and line breaks are escaped, nothing else (a regular expression matcher sees them as they are).
 * Each query must return one number: a vector of one series, or a scalar. Every template must
 * contain {@value #SERVER} and {@value #WINDOW}, or the two sides or the window could not differ.
 *
 * @param requests the requests the server was sent in the window
 * @param errors   the requests in the window that failed (5xx, or no valid response at all)
 */
public record PromQueries(String requests, String errors) {
    public static final String BACKEND = "{backend}";
    public static final String SERVER = "{server}";
    public static final String WINDOW = "{window}";

    public PromQueries {
        check("requests", requests);
        check("errors", errors);
    }

    private static void check(final String name, final String template) {
        if (template.isBlank()) {
            throw new IllegalArgumentException("the " + name + " query is empty");
        }
        for (String placeholder : new String[] {SERVER, WINDOW}) {
            if (!template.contains(placeholder)) {
                throw new IllegalArgumentException(
                        "the " + name + " query " + template + " does not contain " + placeholder);
            }
        }
    }

    /**
     * The counters of HAProxy's built-in exporter ({@code http-request use-service
     * prometheus-exporter}), HAProxy 2.6. A server's {@code haproxy_server_http_responses_total}
     * counts only responses the server sent; a request whose connection failed (after the
     * retries) is counted in {@code haproxy_server_connection_errors_total} and one that got no
     * valid response (invalid or missing headers, server timeout) in
     * {@code haproxy_server_response_errors_total}, while HAProxy answers the client 503, 502 or
     * 504 itself. Both count as requests and as errors here, as in {@link HaproxyLogSource}, so a
     * canary that is down fails its error gates instead of merely starving them.
     */
    public static PromQueries haproxy() {
        var responses = increase("haproxy_server_http_responses_total");
        var failures = increase("haproxy_server_connection_errors_total") + " + "
                + increase("haproxy_server_response_errors_total");
        return new PromQueries(responses + " + " + failures,
                increase("haproxy_server_http_responses_total", "code=\"5xx\",") + " + " + failures);
    }

    private static String increase(final String counter) {
        return increase(counter, "");
    }

    private static String increase(final String counter, final String extraLabels) {
        return "sum(increase(" + counter + "{" + extraLabels + "proxy=\"" + BACKEND + "\",server=\"" + SERVER
                + "\"}[" + WINDOW + "]))";
    }

    /** The requests query for one server and window. */
    public String requestsFor(final String backend, final String server, final Duration window) {
        return expand(requests, backend, server, window);
    }

    /** The errors query for one server and window. */
    public String errorsFor(final String backend, final String server, final Duration window) {
        return expand(errors, backend, server, window);
    }

    static String expand(final String template, final String backend, final String server, final Duration window) {
        return template.replace(BACKEND, quoted(backend)).replace(SERVER, quoted(server))
                .replace(WINDOW, duration(window));
    }

    /** A PromQL duration: whole seconds as {@code 30s}, otherwise milliseconds. */
    static String duration(final Duration window) {
        var millis = window.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("a Prometheus window must last at least 1 ms, got " + window);
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String quoted(final String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
