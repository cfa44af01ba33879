package io.mlcd.registry;

import io.mlcd.gate.Gate;
import io.mlcd.gate.MetricKey;
import io.mlcd.gate.MetricValues;
import java.util.List;

/** A run's logged metrics as gate inputs: a gate on {@code name[column]} reads the run's {@code name.column}. */
public final class RunMetrics {
    private RunMetrics() {
    }

    public static MetricValues of(final TrackingRun run, final List<Gate> gates) {
        var values = MetricValues.builder();
        run.metrics().forEach((name, value) -> values.put(MetricKey.of(name), value));
        for (Gate gate : gates) {
            var key = gate.metric();
            if (run.metrics().containsKey(key.toString())) {
                continue;
            }
            var logged = RunRecorder.metricKey(key.toString());
            var value = run.metrics().get(logged);
            if (value != null) {
                values.put(key, value);
            }
            else {
                values.note(key, "run " + run.runId() + " has no metric '" + logged + "'");
            }
        }
        return values.build();
    }
}
