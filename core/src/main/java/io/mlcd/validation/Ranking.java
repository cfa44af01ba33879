package io.mlcd.validation;

import java.util.Arrays;

/**
 * Threshold-free metrics of a binary scorer: ROC AUC, average precision and the two curves.
 * Scores of positives and negatives are sorted separately and merged from the top, so one pass
 * visits every distinct score once; tied scores form one step of the curves, which makes a
 * positive-negative tie count one half in the AUC, exactly as in scikit-learn.
 */
final class Ranking {
    /** Most points kept per curve for reports; the metrics always use every point. */
    static final int CURVE_POINTS = 200;

    private final double rocAuc;
    private final double averagePrecision;
    private final Curve roc;
    private final Curve precisionRecall;

    private Ranking(final double rocAuc, final double averagePrecision, final Curve roc, final Curve pr) {
        this.rocAuc = rocAuc;
        this.averagePrecision = averagePrecision;
        this.roc = roc;
        this.precisionRecall = pr;
    }

    /**
     * @param positives scores of rows whose label is positive, ascending
     * @param negatives scores of rows whose label is negative, ascending
     */
    static Ranking of(final double[] positives, final double[] negatives) {
        long p = positives.length;
        long n = negatives.length;
        var steps = new StepWalk(positives, negatives);
        double area = 0;
        double precisionSum = 0;
        long tp = 0;
        long fp = 0;
        var rocX = new Sampler();
        var rocY = new Sampler();
        var prX = new Sampler();
        var prY = new Sampler();
        rocX.add(0);
        rocY.add(0);
        while (steps.next()) {
            long nextTp = tp + steps.positivesAtScore;
            long nextFp = fp + steps.negativesAtScore;
            area += (double) (nextFp - fp) * (nextTp + tp) / 2.0;
            var precision = (double) nextTp / (nextTp + nextFp);
            if (p > 0) {
                precisionSum += (double) (nextTp - tp) * precision;
                prX.add((double) nextTp / p);
                prY.add(precision);
            }
            tp = nextTp;
            fp = nextFp;
            rocX.add(n > 0 ? (double) fp / n : Double.NaN);
            rocY.add(p > 0 ? (double) tp / p : Double.NaN);
        }
        var auc = p > 0 && n > 0 ? area / ((double) p * n) : Double.NaN;
        // scikit-learn: with no positives recall is undefined and average precision is reported as 0.
        var ap = p > 0 ? precisionSum / p : 0.0;
        return new Ranking(auc, ap, new Curve(rocX.values(), rocY.values()),
                new Curve(prX.values(), prY.values()));
    }

    double rocAuc() {
        return rocAuc;
    }

    double averagePrecision() {
        return averagePrecision;
    }

    Curve roc() {
        return roc;
    }

    Curve precisionRecall() {
        return precisionRecall;
    }

    /** Walks distinct scores from the highest down, counting positives and negatives at each. */
    private static final class StepWalk {
        private final double[] positives;
        private final double[] negatives;
        private int i;
        private int j;
        long positivesAtScore;
        long negativesAtScore;

        StepWalk(final double[] positives, final double[] negatives) {
            this.positives = positives;
            this.negatives = negatives;
            this.i = positives.length - 1;
            this.j = negatives.length - 1;
        }

        boolean next() {
            if (i < 0 && j < 0) {
                return false;
            }
            var score = Math.max(i >= 0 ? positives[i] : Double.NEGATIVE_INFINITY,
                    j >= 0 ? negatives[j] : Double.NEGATIVE_INFINITY);
            positivesAtScore = 0;
            negativesAtScore = 0;
            while (i >= 0 && positives[i] == score) {
                positivesAtScore++;
                i--;
            }
            while (j >= 0 && negatives[j] == score) {
                negativesAtScore++;
                j--;
            }
            return true;
        }
    }

    /**
     * Keeps between {@link #CURVE_POINTS} and twice as many evenly spread points of a sequence of
     * unknown length, plus its last point: when the buffer fills, every other point is dropped and
     * the stride doubles. Samplers fed the same number of points keep the same positions.
     */
    private static final class Sampler {
        private double[] kept = new double[2 * CURVE_POINTS];
        private int size;
        private long stride = 1;
        private long seen;
        private double last;
        private boolean lastKept = true;

        void add(final double value) {
            if (seen++ % stride == 0) {
                if (size == kept.length) {
                    for (int k = 0; k < CURVE_POINTS; k++) {
                        kept[k] = kept[2 * k];
                    }
                    size = CURVE_POINTS;
                    stride *= 2;
                }
                if ((seen - 1) % stride == 0) {
                    kept[size++] = value;
                    lastKept = true;
                    return;
                }
            }
            last = value;
            lastKept = false;
        }

        double[] values() {
            var result = Arrays.copyOf(kept, lastKept ? size : size + 1);
            if (!lastKept) {
                result[size] = last;
            }
            return result;
        }
    }
}
