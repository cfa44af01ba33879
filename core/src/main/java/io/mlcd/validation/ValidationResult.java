package io.mlcd.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import java.util.List;

/**
 * Everything {@code mlcd validate} found: the challenger's evaluation, the baseline's when given,
 * the paired comparisons, every gate's result and the verdict.
 *
 * @param positiveLabel the class treated as positive (binary only)
 */
public record ValidationResult(ValidationSpec spec, Evaluation evaluation, @CheckForNull Evaluation baseline,
        List<Comparison> comparisons, List<GateResult> gates, Verdict verdict, @CheckForNull String positiveLabel) {
    public ValidationResult {
        comparisons = List.copyOf(comparisons);
        gates = List.copyOf(gates);
    }
}
