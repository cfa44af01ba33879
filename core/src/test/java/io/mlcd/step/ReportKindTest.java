package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Severity;
import java.io.IOException;
import java.util.Map;
import org.junit.Test;

/** The kinds of report a step publishes: names, views, and the gates restored from a report document. */
public class ReportKindTest {
    private static JsonNode sample(final String name) throws IOException {
        try (var in = ReportKindTest.class.getResourceAsStream("/io/mlcd/report/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    public void shouldNameTheFilesAndTheRecordAsTheCliDoes() {
        assertThat(ReportKind.VALIDATION.command()).isEqualTo("validate");
        assertThat(ReportKind.VALIDATION.record()).isEqualTo("validation");
        assertThat(ReportKind.DRIFT.command()).isEqualTo("drift");
        assertThat(ReportKind.DRIFT.record()).isEqualTo("drift");
        assertThat(ReportKind.CANARY.command()).isEqualTo("canary");
        assertThat(ReportKind.CANARY.record()).isEqualTo("canary");
        assertThat(ReportKind.DATA.command()).isEqualTo("validate-data");
        assertThat(ReportKind.DATA.record()).isEqualTo("data");
        assertThat(ReportKind.ROBUSTNESS.command()).isEqualTo("robustness");
        assertThat(ReportKind.ROBUSTNESS.record()).isEqualTo("robustness");
    }

    @Test
    public void shouldRestoreTheGatesOfAReportWithTheirOutcomesAndMessages() throws IOException {
        var gates = ReportKind.VALIDATION.gates(sample("validate-binary.json"));

        assertThat(gates).hasSize(6);
        assertThat(gates.get(1).gate().expression()).isEqualTo("roc_auc >= baseline - 0.01");
        assertThat(gates.get(1).gate().severity()).isEqualTo(Severity.FAIL);
        assertThat(gates).extracting(GateResult::outcome).containsOnly(Outcome.PASSED);
        assertThat(gates.get(0).message()).isEqualTo("roc_auc = 0.845567 >= 0.7");
        assertThat(ReportKind.DRIFT.gates(sample("drift-sample.json"))).isEmpty();
    }

    @Test
    public void shouldDrawEachKindsOwnPage() throws IOException {
        assertThat(ReportKind.VALIDATION.html(sample("validate-binary.json"))).contains("<title>mlcd validate: PASSED");
        assertThat(ReportKind.DRIFT.html(sample("drift-sample.json"))).contains("<title>mlcd drift: PASSED");
        assertThat(ReportKind.VALIDATION.catalog().problemWith(MetricKey.of("drift_share"))).isPresent();
        assertThat(ReportKind.DRIFT.catalog().problemWith(MetricKey.of("drift_share"))).isEmpty();
        assertThat(ReportKind.DATA.html(sample("validate-data-sample.json"))).contains("<title>mlcd validate-data: FAILED");
        assertThat(ReportKind.DATA.catalog().problemWith(MetricKey.of("row_count_change"))).isEmpty();
        assertThat(ReportKind.DATA.catalog().problemWith(MetricKey.of("drift_share"))).isPresent();
    }

    @Test
    public void shouldAddAnomalyCountsOfOneDatasetInABuildAndReplaceEveryOtherMetric() {
        var build = ReportKind.plus(Map.of(), Map.of("data.production.anomalies", 3.0));
        build = ReportKind.plus(build, Map.of("roc_auc", 0.91));
        build = ReportKind.plus(build, Map.of("data.production.anomalies", 4.0));
        build = ReportKind.plus(build, Map.of("data.training.anomalies", 0.0));
        build = ReportKind.plus(build, Map.of("roc_auc", 0.93));
        build = ReportKind.plus(build, Map.of("data.production.mean.anomalies", 2.0));
        build = ReportKind.plus(build, Map.of("data.production.mean.anomalies", 5.0));

        assertThat(build).containsExactly(Map.entry("data.production.anomalies", 7.0), Map.entry("roc_auc", 0.93),
                Map.entry("data.training.anomalies", 0.0), Map.entry("data.production.mean.anomalies", 5.0));
    }
}
