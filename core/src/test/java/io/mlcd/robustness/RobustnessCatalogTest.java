package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.Severity;
import io.mlcd.util.InputException;
import java.util.List;
import org.junit.Test;

public class RobustnessCatalogTest {
    private final RobustnessCatalog catalog = new RobustnessCatalog(List.of("noise:income:0.1", "missing:*"));

    @Test
    public void shouldAcceptMeasuresOfTheRunsPerturbationsAsWritten() {
        assertThat(catalog.problemWith(new MetricKey("flip_rate", "noise:income:0.1"))).isEmpty();
        assertThat(catalog.problemWith(new MetricKey("roc_auc_drop", "noise:income:0.10"))).isEmpty();
        assertThat(catalog.problemWith(new MetricKey("accuracy_drop", "missing:*"))).isEmpty();
        assertThat(catalog.problemWith(MetricKey.of("max_flip_rate"))).isEmpty();
        assertThat(catalog.problemWith(MetricKey.of("max_rmse_increase"))).isEmpty();
        assertThat(catalog.problemWith(MetricKey.of("weak_segments"))).isEmpty();
    }

    @Test
    public void shouldListTheRunsPerturbationsForAnUnknownOne() {
        assertThat(catalog.problemWith(new MetricKey("flip_rate", "missing:income"))).contains("no perturbation "
                + "'missing:income' in this run (add it with --perturb); the run's 2 perturbations are "
                + "noise:income:0.1, missing:*");
        assertThat(catalog.problemWith(new MetricKey("flip_rate", "missing:age"))).contains("no perturbation "
                + "'missing:age' in this run (add it with --perturb); the run's 2 perturbations are missing:*, "
                + "noise:income:0.1");
        assertThat(catalog.problemWith(new MetricKey("flip_rate", "noise:age:0.1"))).contains("no perturbation "
                + "'noise:age:0.1' in this run (add it with --perturb); the run's 2 perturbations are noise:income:0.1, "
                + "missing:*");
    }

    @Test
    public void shouldRefuseUnknownMetricsAndMisplacedBrackets() {
        assertThat(catalog.problemWith(MetricKey.of("flip_rate"))).contains("flip_rate needs a perturbation in "
                + "brackets, e.g. flip_rate[noise:income:0.1], or use max_flip_rate");
        assertThat(catalog.problemWith(new MetricKey("max_flip_rate", "missing:*"))).contains(
                "max_flip_rate takes no brackets");
        assertThat(catalog.problemWith(MetricKey.of("flips"))).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("unknown robustness metric 'flips'; known: flip_rate[P], max_flip_rate, "));
        assertThat(catalog.problemWith(MetricKey.of("max_flips"))).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("unknown robustness metric 'max_flips'"));
    }

    @Test
    public void shouldMakeTheGateParserRefuseATypoBeforeAnythingRuns() {
        var parser = new GateParser(catalog);
        assertThatThrownBy(() -> parser.parse("flip_rate[noise:incme:0.1] <= 0.05", Severity.FAIL))
                .isInstanceOf(InputException.class).hasMessage("malformed gate 'flip_rate[noise:incme:0.1] <= 0.05': "
                        + "no perturbation 'noise:incme:0.1' in this run (add it with --perturb); the run's 2 "
                        + "perturbations are noise:income:0.1, missing:*");
    }
}
