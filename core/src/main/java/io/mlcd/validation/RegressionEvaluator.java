package io.mlcd.validation;

import io.mlcd.gate.MetricValues;
import java.util.Map;

/**
 * Regression metrics as scikit-learn computes them: RMSE, MAE, R² (1.0 for constant labels
 * predicted exactly, else 0.0, like {@code force_finite=True}) and MAPE as a fraction with
 * |y| floored at machine epsilon.
 */
final class RegressionEvaluator {
    Evaluation evaluate(final PredictionRows rows) {
        double squared = 0;
        double absolute = 0;
        double percentage = 0;
        double mean = 0;
        double spread = 0;
        for (int i = 0; i < rows.size; i++) {
            var y = rows.values[i];
            var error = y - rows.estimates[i];
            squared += error * error;
            absolute += Math.abs(error);
            percentage += Math.abs(error) / Math.max(Math.abs(y), BinaryEvaluator.EPS);
            var delta = y - mean;
            mean += delta / (i + 1);
            spread += delta * (y - mean);
        }
        var n = rows.size;
        double r2;
        if (spread == 0) {
            r2 = squared == 0 ? 1.0 : 0.0;
        }
        else {
            r2 = 1 - squared / spread;
        }
        var metrics = MetricValues.builder()
                .put("row_count", n)
                .put("rmse", Math.sqrt(squared / n))
                .put("mae", absolute / n)
                .put("r2", r2)
                .put("mape", percentage / n);
        return new Evaluation(Task.REGRESSION, n, metrics.build(), null, null, null, Map.of());
    }
}
