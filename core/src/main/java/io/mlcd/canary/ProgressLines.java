package io.mlcd.canary;

import io.mlcd.util.SafeText;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One line per rollout event, for a log: weights set, each analysis with its key numbers, the
 * end. {@code mlcd canary} and {@code canaryDeploy} write the same lines under their own name.
 * The reason of the end quotes outside text (a router's answer, a gate's message): it is shown
 * as one visible, bounded line.
 */
public final class ProgressLines implements RolloutListener {
    private final String prefix;
    private final Consumer<String> out;

    /** @param name starts every line, e.g. {@code canary} */
    public ProgressLines(final String name, final Consumer<String> out) {
        this.prefix = name + ": ";
        this.out = out;
    }

    @Override
    public void weightSet(final int weight) {
        out.accept(prefix + "weight " + weight + "%");
    }

    @Override
    public void analysed(final StepRecord record, final RolloutState state) {
        out.accept(String.format(Locale.ROOT, "%s%d%% %s  canary %s | baseline %s  (decided %d ms after the window)",
                prefix, record.weight(), record.outcome(), side(record.canary()), side(record.baseline()),
                Duration.between(record.to(), state.updatedAt()).toMillis()));
    }

    @Override
    public void ended(final RolloutState state) {
        out.accept(prefix + state.status() + " at weight " + state.weight() + "%"
                + (state.reason() == null ? "" : ": " + SafeText.line(state.reason())));
    }

    private static String side(final Map<String, Double> metrics) {
        return String.format(Locale.ROOT, "%.0f req, errors %.2f%%, p95 %.0f ms", metrics.getOrDefault("requests", 0.0),
                100 * metrics.getOrDefault("error_rate", Double.NaN), metrics.getOrDefault("latency_p95", Double.NaN));
    }
}
