package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.Test;

public class PromQueriesTest {
    @Test
    public void shouldCountHaproxysResponsesAndTheRequestsThatGotNone() {
        var queries = PromQueries.haproxy();

        assertThat(queries.requestsFor("model", "canary", Duration.ofSeconds(30))).isEqualTo(
                "sum(increase(haproxy_server_http_responses_total{proxy=\"model\",server=\"canary\"}[30s]))"
                        + " + sum(increase(haproxy_server_connection_errors_total{proxy=\"model\",server=\"canary\"}[30s]))"
                        + " + sum(increase(haproxy_server_response_errors_total{proxy=\"model\",server=\"canary\"}[30s]))");
        assertThat(queries.errorsFor("model", "stable", Duration.ofMillis(1500))).isEqualTo(
                "sum(increase(haproxy_server_http_responses_total{code=\"5xx\",proxy=\"model\",server=\"stable\"}"
                        + "[1500ms]))"
                        + " + sum(increase(haproxy_server_connection_errors_total{proxy=\"model\",server=\"stable\"}"
                        + "[1500ms]))"
                        + " + sum(increase(haproxy_server_response_errors_total{proxy=\"model\",server=\"stable\"}"
                        + "[1500ms]))");
    }

    @Test
    public void shouldEscapeNamesAsPromqlStrings() {
        var queries = new PromQueries("sum(x{b=\"{backend}\",s=\"{server}\"}[{window}])", "y{s=\"{server}\"}[{window}]");

        assertThat(queries.requestsFor("my \"model\"", "a\\b", Duration.ofMinutes(2)))
                .isEqualTo("sum(x{b=\"my \\\"model\\\"\",s=\"a\\\\b\"}[120s])");
    }

    @Test
    public void shouldRefuseTemplatesThatCannotTellTheSidesOrWindowsApart() {
        assertThatThrownBy(() -> new PromQueries("sum(x[{window}])", "y{s=\"{server}\"}[{window}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the requests query sum(x[{window}]) does not contain {server}");
        assertThatThrownBy(() -> new PromQueries("x{s=\"{server}\"}[{window}]", "y{s=\"{server}\"}[5m]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the errors query y{s=\"{server}\"}[5m] does not contain {window}");
        assertThatThrownBy(() -> new PromQueries(" ", "y{s=\"{server}\"}[{window}]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the requests query is empty");
    }

    @Test
    public void shouldRefuseAWindowShorterThanAMillisecond() {
        assertThatThrownBy(() -> PromQueries.duration(Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Prometheus window must last at least 1 ms, got PT0.000999999S");
    }
}
