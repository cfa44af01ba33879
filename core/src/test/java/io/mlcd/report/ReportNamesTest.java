package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.Test;

/** One name per run of a step in a build. */
public class ReportNamesTest {
    @Test
    public void shouldNameTheFirstReportOfAStepAfterItsCommand() {
        assertThat(ReportNames.next("validate", List.of())).isEqualTo("mlcd-validate");
        assertThat(ReportNames.next("drift", Set.of("mlcd-validate", "mlcd-approval"))).isEqualTo("mlcd-drift");
    }

    @Test
    public void shouldNumberFurtherReportsAndFillNoNameTwice() {
        assertThat(ReportNames.next("validate", List.of("mlcd-validate"))).isEqualTo("mlcd-validate-2");
        assertThat(ReportNames.next("validate", List.of("mlcd-validate", "mlcd-validate-2", "mlcd-drift")))
                .isEqualTo("mlcd-validate-3");
        assertThat(ReportNames.next("validate", List.of("mlcd-validate", "mlcd-validate-3")))
                .isEqualTo("mlcd-validate-2");
    }
}
