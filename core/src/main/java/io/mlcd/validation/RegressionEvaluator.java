package io.mlcd.validation;

import io.mlcd.gate.MetricValues;
import io.mlcd.util.ExactSum;
import java.io.Serializable;
import java.util.Map;

/**
 * Regression metrics as scikit-learn computes them: RMSE, MAE, R² (1.0 for constant labels
 * predicted exactly, else 0.0, like {@code force_finite=True}) and MAPE as a fraction with
 * |y| floored at machine epsilon. Two passes, as scikit-learn's R²: {@link Sums} first, then the
 * labels' {@link Spread} around their mean. All sums are exact, so rows may come in any order
 * and from any number of partial sums.
 */
public final class RegressionEvaluator {
    private RegressionEvaluator() {
    }

    static Evaluation evaluate(final PredictionRows rows) {
        var sums = new Sums();
        for (int i = 0; i < rows.size; i++) {
            sums.add(rows.values[i], rows.estimates[i]);
        }
        var spread = new Spread(sums.mean());
        for (int i = 0; i < rows.size; i++) {
            spread.add(rows.values[i]);
        }
        return evaluate(sums, spread);
    }

    public static Evaluation evaluate(final Sums sums, final Spread spread) {
        var n = sums.rows;
        var squared = sums.squared.value();
        var total = spread.squares.value();
        double r2;
        if (total == 0) {
            r2 = squared == 0 ? 1.0 : 0.0;
        }
        else {
            r2 = 1 - squared / total;
        }
        var metrics = MetricValues.builder()
                .put("row_count", n)
                .put("rmse", Math.sqrt(squared / n))
                .put("mae", sums.absolute.value() / n)
                .put("r2", r2)
                .put("mape", sums.percentage.value() / n);
        return new Evaluation(Task.REGRESSION, n, metrics.build(), null, null, null, Map.of());
    }

    /** First pass: error sums and the labels' sum. */
    public static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;

        private long rows;
        private final ExactSum squared = new ExactSum();
        private final ExactSum absolute = new ExactSum();
        private final ExactSum percentage = new ExactSum();
        private final ExactSum labels = new ExactSum();

        /** Adds a row with label {@code y} and prediction {@code estimate}. */
        public void add(final double y, final double estimate) {
            var error = y - estimate;
            rows++;
            squared.addProduct(error, error);
            absolute.add(Math.abs(error));
            percentage.add(Math.abs(error) / Math.max(Math.abs(y), LossSums.EPS));
            labels.add(y);
        }

        public Sums merge(final Sums other) {
            rows += other.rows;
            squared.add(other.squared);
            absolute.add(other.absolute);
            percentage.add(other.percentage);
            labels.add(other.labels);
            return this;
        }

        /** The labels' mean, which the second pass needs. */
        public double mean() {
            return labels.value() / rows;
        }
    }

    /** Second pass: the sum of squared deviations of the labels from their mean. */
    public static final class Spread implements Serializable {
        private static final long serialVersionUID = 1L;

        private final double mean;
        private final ExactSum squares = new ExactSum();

        public Spread(final double mean) {
            this.mean = mean;
        }

        public void add(final double y) {
            var deviation = y - mean;
            squares.addProduct(deviation, deviation);
        }

        public Spread merge(final Spread other) {
            squares.add(other.squares);
            return this;
        }
    }
}
