package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.testkit.LoadGenerator;
import io.mlcd.testkit.ModelServer;
import io.mlcd.testkit.Ports;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.SoftAssertions;
import org.junit.Test;

/** The Prometheus source against a real Prometheus scraping a real HAProxy's exporter. */
public class PrometheusSourceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant END = Instant.parse("2025-01-01T12:00:00Z");
    /** One series of value 1 whatever the placeholders become. */
    private static final String ONE = "absent(nonexistent{server=\"{server}\",window=\"{window}\"})";

    private static PrometheusSource source(final URI prometheus, final PromQueries queries) {
        return new PrometheusSource(prometheus, queries, "model", "stable", "canary", TIMEOUT);
    }

    @Test
    public void shouldCountEachServersRequestsAndErrorsAsHaproxyLogsThem() throws Exception {
        var exporter = Ports.free();
        try (var prometheus = PrometheusServer.start(exporter); var stable = ModelServer.start();
                var canary = ModelServer.start("--error-rate", "0.3");
                var logs = new HaproxyLogSource(new InetSocketAddress("127.0.0.1", 0), "model", "stable", "canary",
                        Clock.systemUTC());
                var haproxy = Haproxy.start(stable.port(), canary.port(), logs.port(), exporter);
                var source = source(prometheus.uri(), PromQueries.haproxy())) {
            // Given a canary at 50 % that fails 30 % of its requests, and a scrape of the idle counters
            haproxy.router().apply(new Weights(50));
            prometheus.awaitScrape(Duration.ofSeconds(20));
            var start = Instant.now();
            Thread.sleep(1200); // a scrape inside the window before the first request

            // When 600 requests pass, and two scrapes follow the last one
            long failed;
            try (var load = new LoadGenerator(haproxy.uri(), 4, 600, Duration.ofSeconds(20))) {
                var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (load.completed() < 600 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                failed = load.failed();
            }
            Thread.sleep(2500);
            var end = Instant.now();
            var measured = source.measure(start, end);
            var logged = logs.measure(start, end);

            // Then Prometheus counts what HAProxy logged. The counters start at 0, so increase() only
            // extrapolates from the last scrape (under 1 s before the end) to the end, over a span of
            // samples at least the window less 2 s: at most (W - 1) / (W - 2) too many, plus scrape
            // jitter. Errors and requests of a side share the factor, so their rates agree closely.
            assertThat(logged.canary().requests() + logged.baseline().requests()).isEqualTo(600);
            assertThat(logged.canary().errors() + logged.baseline().errors()).isEqualTo(failed);
            var seconds = Duration.between(start, end).toMillis() / 1000.0;
            var extrapolation = (seconds - 1) / (seconds - 2.2);
            var softly = new SoftAssertions();
            for (var side : new String[] {"canary", "baseline"}) {
                var got = side.equals("canary") ? measured.canary() : measured.baseline();
                var truth = side.equals("canary") ? logged.canary() : logged.baseline();
                softly.assertThat(got.requests()).as("%s requests", side)
                        .isBetween(truth.requests() - 1, Math.round(truth.requests() * extrapolation) + 1);
                softly.assertThat(got.errors()).as("%s errors", side)
                        .isBetween(truth.errors() - 1, Math.round(truth.errors() * extrapolation) + 1);
                softly.assertThat((double) got.errors() / got.requests()).as("%s error rate", side)
                        .isCloseTo((double) truth.errors() / truth.requests(), within(0.02));
                softly.assertThat(got.latencies()).as("%s latencies", side).isEmpty();
            }
            softly.assertThat(logged.canary().errors()).as("canary errors logged").isBetween(40L, 150L);
            softly.assertThat(measured.baseline().errors()).as("baseline errors").isZero();
            softly.assertAll();
        }
    }

    @Test
    public void shouldNameTheQueryPrometheusRejects() throws Exception {
        try (var prometheus = PrometheusServer.start();
                var source = source(prometheus.uri(), new PromQueries(
                        "sum(rate(haproxy_server_http_responses_total{server=\"{server}\"}[{window}])",
                        PromQueries.haproxy().errors()))) {
            assertThatThrownBy(() -> source.measure(END.minusSeconds(30), END))
                    .isInstanceOf(MetricSourceException.class)
                    .hasMessageStartingWith("Prometheus at " + prometheus.uri() + " rejected query "
                            + "sum(rate(haproxy_server_http_responses_total{server=\"canary\"}[30s]) "
                            + "(HTTP 400, bad_data): invalid parameter \"query\": ")
                    .hasMessageContaining("parse error");
        }
    }

    @Test
    public void shouldRefuseToTakeNoSeriesForNoTraffic() throws Exception {
        try (var prometheus = PrometheusServer.start(); var source = source(prometheus.uri(), PromQueries.haproxy())) {
            assertThatThrownBy(() -> source.measure(END.minusMillis(1500), END))
                    .isInstanceOf(MetricSourceException.class)
                    .hasMessage("Prometheus at " + prometheus.uri() + " found no series for query "
                            + PromQueries.haproxy().requestsFor("model", "canary", Duration.ofMillis(1500))
                            + ": check its labels, that Prometheus scrapes the target, and that the window (1500ms) "
                            + "spans at least two scrapes");
        }
    }

    @Test
    public void shouldReadAScalarAndCutErrorsToRequests() throws Exception {
        try (var prometheus = PrometheusServer.start(); var source = source(prometheus.uri(),
                new PromQueries("7 * scalar(" + ONE + ")", "9 * " + ONE))) {
            var sides = source.measure(END.minusSeconds(30), END);

            assertThat(sides.canary().requests()).isEqualTo(7);
            assertThat(sides.canary().errors()).isEqualTo(7);
            assertThat(sides.baseline().requests()).isEqualTo(7);
        }
    }

    @Test
    public void shouldRefuseAnAnswerThatIsNotOneCount() throws Exception {
        try (var prometheus = PrometheusServer.start();
                var series = source(prometheus.uri(), new PromQueries(ONE + " or vector(2)", ONE));
                var negative = source(prometheus.uri(), new PromQueries("-3 * " + ONE, ONE));
                var matrix = source(prometheus.uri(), new PromQueries(ONE + "[1m:10s]", ONE))) {
            var query = "absent(nonexistent{server=\"canary\",window=\"30s\"})";
            assertThatThrownBy(() -> series.measure(END.minusSeconds(30), END))
                    .isInstanceOf(MetricSourceException.class)
                    .hasMessage("Prometheus at " + prometheus.uri() + " returned 2 series for query " + query
                            + " or vector(2), not one: aggregate them, e.g. with sum(...)");
            assertThatThrownBy(() -> negative.measure(END.minusSeconds(30), END))
                    .isInstanceOf(MetricSourceException.class)
                    .hasMessage("Prometheus at " + prometheus.uri() + " returned -3.0 for query -3 * " + query
                            + ", which is not a count");
            assertThatThrownBy(() -> matrix.measure(END.minusSeconds(30), END))
                    .isInstanceOf(MetricSourceException.class)
                    .hasMessage("Prometheus at " + prometheus.uri() + " returned a matrix for query " + query
                            + "[1m:10s], not a vector or scalar");
        }
    }

    @Test
    public void shouldNameTheServerItCannotReachWithoutItsCredentials() {
        var closed = URI.create("http://127.0.0.1:" + Ports.free() + "/prometheus/");
        try (var source = source(closed, PromQueries.haproxy())) {
            assertThatThrownBy(() -> source.measure(END.minusSeconds(30), END))
                    .isInstanceOf(MetricSourceException.class)
                    .hasMessageStartingWith("cannot reach Prometheus at " + closed.toString().replaceAll("/$", "")
                            + " for query " + PromQueries.haproxy().requestsFor("model", "canary",
                                    Duration.ofSeconds(30)) + ": ")
                    .hasMessageEndingWith(": ConnectException");
        }
        assertThatThrownBy(() -> source(URI.create("http://admin:s3cret@127.0.0.1:9090"), PromQueries.haproxy()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the Prometheus URL must not carry credentials, a query or a fragment");
    }

    @Test
    public void shouldSendTheWindowsEndInUnixSeconds() {
        assertThat(PrometheusSource.seconds(Instant.parse("2025-01-01T12:00:00Z"))).isEqualTo("1735732800");
        assertThat(PrometheusSource.seconds(Instant.parse("2025-01-01T12:00:00.250Z"))).isEqualTo("1735732800.25");
    }
}
