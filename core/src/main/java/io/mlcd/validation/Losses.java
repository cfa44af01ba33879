package io.mlcd.validation;

/**
 * Sums of log-loss and Brier terms over the sorted scores of one class. Runs of equal scores,
 * common in real score columns, share one logarithm, which keeps this cheap on large files.
 *
 * @param scores  the class's scores, ascending
 * @param logLoss sum of -ln p(class) with p clipped to [EPS, 1 - EPS], as scikit-learn clips
 * @param brier   sum of (score - y)², y = 1 for the positive class, else 0
 */
record Losses(double[] scores, double logLoss, double brier) {
    static Losses of(final double[] sorted, final boolean positive) {
        double logLoss = 0;
        double brier = 0;
        var last = Double.NaN;
        double term = 0;
        for (double score : sorted) {
            if (score != last) {
                var clipped = Math.min(Math.max(score, BinaryEvaluator.EPS), 1 - BinaryEvaluator.EPS);
                term = positive ? -Math.log(clipped) : -Math.log1p(-clipped);
                last = score;
            }
            logLoss += term;
            var error = positive ? 1 - score : score;
            brier += error * error;
        }
        return new Losses(sorted, logLoss, brier);
    }
}
