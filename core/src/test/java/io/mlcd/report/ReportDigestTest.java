package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

/** What a build page shows of a report: verdict, summary, numeric metrics and the headline among them. */
public class ReportDigestTest {
    @Test
    public void shouldKeepTheNumericMetricsAndShowTheHeadlineInItsOrder() throws Exception {
        var report = new ObjectMapper().readTree("{\"verdict\": \"WARNING\", \"summary\": \"WARNING: 1 of 2 gates fell short\","
                + " \"metrics\": {\"f1\": 0.8, \"rows\": 1200, \"task\": \"binary\", \"roc_auc\": 0.912345,"
                + " \"pr_auc\": null, \"drift_share\": 0.0}}");

        var digest = ReportDigest.of(report);

        assertThat(digest.verdict()).isEqualTo("WARNING");
        assertThat(digest.summary()).isEqualTo("WARNING: 1 of 2 gates fell short");
        assertThat(digest.metrics()).containsExactly(entry("f1", 0.8), entry("rows", 1200.0), entry("roc_auc", 0.912345),
                entry("drift_share", 0.0));
        assertThat(digest.headline()).containsExactly(entry("roc_auc", 0.912345), entry("f1", 0.8),
                entry("drift_share", 0.0));
        assertThat(digest.headlineText()).containsExactly("roc_auc 0.9123", "f1 0.8000", "drift_share 0.000");
    }

    @Test
    public void shouldLeaveOutHeadlineMetricsThatAreNotFinite() {
        var digest = new ReportDigest("PASSED", "PASSED: all 1 gates passed",
                java.util.Map.of("roc_auc", Double.NaN, "r2", Double.NEGATIVE_INFINITY, "rmse", 2.5));

        assertThat(digest.headline()).containsExactly(entry("rmse", 2.5));
        assertThat(digest.headlineText()).containsExactly("rmse 2.500");
    }

    @Test
    public void shouldReturnWhatAStepGivesItsScript() {
        var digest = new ReportDigest("WARNING", "WARNING: 1 of 2 gates fell short",
                java.util.Map.of("roc_auc", 0.91));

        assertThat(digest.values("job/x/7/mlcd-validate/")).containsExactly(entry("verdict", "WARNING"),
                entry("summary", "WARNING: 1 of 2 gates fell short"), entry("metrics", java.util.Map.of("roc_auc", 0.91)),
                entry("reportUrl", "job/x/7/mlcd-validate/"));
    }
}
