package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ProgressLinesTest {
    /** One line per event, the end's reason shown as one visible line whatever a router answered. */
    @Test
    public void shouldWriteOneLinePerEventUnderTheCallersName() {
        var lines = new ArrayList<String>();
        var progress = new ProgressLines("canaryDeploy", lines::add);
        var from = Instant.parse("2026-01-01T10:00:00Z");
        var to = from.plusSeconds(60);
        var record = new StepRecord(25, from, to, Map.of("requests", 1180.0, "error_rate", 0.0, "latency_p95", 41.2),
                Map.of("requests", 3544.0, "error_rate", 0.0008, "latency_p95", 39.0), List.of(), StepOutcome.PASSED);
        var state = new RolloutState(RolloutStatus.PROGRESSING, 0, 25, 0, 0, List.of(record), null, null,
                to.plusMillis(120));

        progress.weightSet(25);
        progress.analysed(record, state);
        progress.ended(new RolloutState(RolloutStatus.ABORTED, 0, 0, 0, 0, List.of(record), "build aborted",
                null, to.plusSeconds(1)));
        progress.ended(new RolloutState(RolloutStatus.ROLLED_BACK, 0, 0, 0, 0, List.of(record), "router error: "
                + "answered \u001b[2Jdone\nOK", null, to.plusSeconds(2)));

        assertThat(lines).containsExactly("canaryDeploy: weight 25%",
                "canaryDeploy: 25% PASSED  canary 1180 req, errors 0.00%, p95 41 ms | baseline 3544 req, errors 0.08%, "
                        + "p95 39 ms  (decided 120 ms after the window)",
                "canaryDeploy: ABORTED at weight 0%: build aborted",
                "canaryDeploy: ROLLED_BACK at weight 0%: router error: answered \\e[2Jdone\\nOK");
    }
}
