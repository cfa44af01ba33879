package io.mlcd.robustness;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one perturbation did to the model's answers.
 *
 * @param changedRows     rows whose inputs the perturbation changed
 * @param flips           rows whose predicted class changed (0 for regression)
 * @param flipRate        flips / rows with Wilson's interval; null for regression
 * @param meanAbsChange   mean |perturbed - original| score or value, over rows with both
 * @param meanRelChange   mean |perturbed - original| / |original|, over rows whose original is not 0
 * @param metrics         the headline metrics on the perturbed rows (with a label)
 * @param metricChanges   drops and increases of the headline metrics, positive = worse (with a label)
 */
public record PerturbationResult(Perturbation perturbation, int rows, int changedRows, long flips, @CheckForNull Estimate flipRate,
        Estimate meanAbsChange, Estimate meanRelChange, Map<String, Double> metrics,
        Map<String, Estimate> metricChanges) {
    public PerturbationResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        metricChanges = Collections.unmodifiableMap(new LinkedHashMap<>(metricChanges));
    }

    public String id() {
        return perturbation.id();
    }
}
