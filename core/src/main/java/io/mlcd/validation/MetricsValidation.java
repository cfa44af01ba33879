package io.mlcd.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateEvaluator;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.MetricValues;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Gates evaluated on metrics computed elsewhere (those a training run logged to MLflow), with a
 * baseline's metrics (the champion's run) for relative gates.
 *
 * @param source         where the metrics come from, e.g. {@code run 3f2a…}
 * @param baselineSource where the baseline's come from, or null without a baseline
 */
public record MetricsValidation(String source, MetricValues metrics, @CheckForNull String baselineSource,
        @CheckForNull MetricValues baseline, List<GateResult> gates, Verdict verdict) {
    /** Any metric a run may have logged; slices are not logged to runs. */
    public static final MetricCatalog CATALOG = key -> key.isSlice()
            ? Optional.of(key + ": per-slice metrics are not kept in MLflow runs; compute them with --predictions")
            : Optional.empty();

    public MetricsValidation {
        gates = List.copyOf(gates);
    }

    public static MetricsValidation evaluate(final String source, final MetricValues metrics,
            @CheckForNull final String baselineSource, @CheckForNull final MetricValues baseline, final Policy policy) {
        var results = new GateEvaluator(metrics, baseline, "--baseline-alias ALIAS with --model NAME")
                .evaluate(policy.gates());
        return new MetricsValidation(source, metrics, baselineSource, baseline, results, Verdict.of(results));
    }
}
