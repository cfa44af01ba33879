package io.mlcd.cli;

import io.mlcd.canary.RolloutListener;
import io.mlcd.canary.RolloutState;
import io.mlcd.canary.StepRecord;
import io.mlcd.util.SafeText;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** One line per rollout event on stdout: weights set, and each analysis with its key numbers. */
final class ProgressLines implements RolloutListener {
    private final PrintWriter out;

    ProgressLines(final PrintWriter out) {
        this.out = out;
    }

    @Override
    public void weightSet(final int weight) {
        out.printf(Locale.ROOT, "canary: weight %d%%%n", weight);
        out.flush();
    }

    @Override
    public void analysed(final StepRecord record, final RolloutState state) {
        out.printf(Locale.ROOT, "canary: %d%% %s  canary %s | baseline %s  (decided %d ms after the window)%n",
                record.weight(), record.outcome(), side(record.canary()), side(record.baseline()),
                Duration.between(record.to(), state.updatedAt()).toMillis());
        out.flush();
    }

    @Override
    public void ended(final RolloutState state) {
        out.printf(Locale.ROOT, "canary: %s at weight %d%%%s%n", state.status(), state.weight(),
                state.reason() == null ? "" : ": " + SafeText.line(state.reason()));
        out.flush();
    }

    private static String side(final Map<String, Double> metrics) {
        return String.format(Locale.ROOT, "%.0f req, errors %.2f%%, p95 %.0f ms", metrics.getOrDefault("requests", 0.0),
                100 * metrics.getOrDefault("error_rate", Double.NaN), metrics.getOrDefault("latency_p95", Double.NaN));
    }
}
