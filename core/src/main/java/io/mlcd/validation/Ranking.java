package io.mlcd.validation;

import io.mlcd.util.ExactSum;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Threshold-free metrics of a binary scorer: ROC AUC, average precision and the two curves.
 * They come from one walk over the distinct scores from the highest down, each step adding the
 * positives and negatives at that score; tied scores form one step of the curves, which makes a
 * positive-negative tie count one half in the AUC, exactly as in scikit-learn.
 *
 * <p>The walk can be cut into {@link Segment}s of consecutive steps, each started from the counts
 * of all higher scores, and the segments merged in order: that is how a cluster walks a sorted,
 * range-partitioned score table. Every quantity is exact or rounded in a way that does not depend
 * on the cut (twice the area is an integer; the precision terms are summed by {@link ExactSum}),
 * so a segmented walk gives the very same doubles as a single one.
 */
public final class Ranking {
    /** Reports keep between this many and twice as many points per curve; the metrics use every point. */
    public static final int CURVE_POINTS = 200;

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
        long steps = 0;
        var walk = new StepWalk(positives, negatives);
        while (walk.next()) {
            steps++;
        }
        var segment = new Segment(new Totals(positives.length, negatives.length, steps), 0, 0, 0);
        walk = new StepWalk(positives, negatives);
        while (walk.next()) {
            segment.add(walk.positivesAtScore, walk.negativesAtScore);
        }
        return segment.finish();
    }

    public double rocAuc() {
        return rocAuc;
    }

    public double averagePrecision() {
        return averagePrecision;
    }

    public Curve roc() {
        return roc;
    }

    public Curve precisionRecall() {
        return precisionRecall;
    }

    /**
     * Whether a report keeps the point at {@code index} of a curve of {@code length} points: evenly
     * spread points, a stride being the least power of two that keeps at most
     * 2 × {@value #CURVE_POINTS}, plus the last point.
     */
    static boolean keeps(final long index, final long length) {
        long stride = 1;
        while (length > 2L * CURVE_POINTS * stride) {
            stride *= 2;
        }
        return index % stride == 0 || index == length - 1;
    }

    /**
     * @param positives rows whose label is the positive class
     * @param negatives all other rows
     * @param steps     distinct scores
     */
    public record Totals(long positives, long negatives, long steps) implements Serializable {
    }

    /**
     * The walk over a run of consecutive distinct scores, highest first. Started from the counts of
     * all higher scores and the global index of its first step; merged with the segment that
     * follows it.
     */
    public static final class Segment implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Totals totals;
        private long tp;
        private long fp;
        private final long firstStep;
        private long step;
        /** Twice the area under the ROC step curve in units of one positive times one negative. */
        private final ExactSum twiceArea = new ExactSum();
        private final ExactSum precisionSum = new ExactSum();
        private final Points roc = new Points();
        private final Points pr = new Points();

        /**
         * @param positivesBefore positives with a higher score than this segment's first
         * @param negativesBefore negatives with a higher score than this segment's first
         * @param firstStep       how many distinct scores are higher than this segment's first
         */
        public Segment(final Totals totals, final long positivesBefore, final long negativesBefore,
                final long firstStep) {
            this.totals = totals;
            this.tp = positivesBefore;
            this.fp = negativesBefore;
            this.firstStep = firstStep;
            this.step = firstStep;
        }

        /** The next distinct score, lower than all before, with its positive and negative rows. */
        public void add(final long positivesAtScore, final long negativesAtScore) {
            long p = totals.positives();
            long n = totals.negatives();
            long nextTp = tp + positivesAtScore;
            long nextFp = fp + negativesAtScore;
            twiceArea.addProduct(negativesAtScore, nextTp + tp);
            var precision = (double) nextTp / (nextTp + nextFp);
            if (p > 0) {
                precisionSum.addProduct(positivesAtScore, precision);
                if (keeps(step, totals.steps())) {
                    pr.add((double) nextTp / p, precision);
                }
            }
            tp = nextTp;
            fp = nextFp;
            // The ROC curve starts at the origin, so step k is its point k + 1.
            if (keeps(step + 1, totals.steps() + 1)) {
                roc.add(n > 0 ? (double) fp / n : Double.NaN, p > 0 ? (double) tp / p : Double.NaN);
            }
            step++;
        }

        /** This segment followed by the next one (which must start where this one ends). */
        public Segment merge(final Segment next) {
            if (next.step == next.firstStep) {
                return this; // an empty segment, e.g. from an empty partition
            }
            if (next.firstStep != step) {
                throw new IllegalArgumentException("a segment starting at score " + next.firstStep
                        + " cannot follow one ending before score " + step);
            }
            twiceArea.add(next.twiceArea);
            precisionSum.add(next.precisionSum);
            roc.addAll(next.roc);
            pr.addAll(next.pr);
            tp = next.tp;
            fp = next.fp;
            step = next.step;
            return this;
        }

        /** The metrics and curves of a segment that covers every distinct score. */
        public Ranking finish() {
            if (step != totals.steps() || tp != totals.positives() || fp != totals.negatives()) {
                throw new IllegalStateException("the segments cover " + step + " of " + totals.steps()
                        + " scores");
            }
            long p = totals.positives();
            long n = totals.negatives();
            var auc = p > 0 && n > 0 ? (twiceArea.value() / 2.0) / ((double) p * n) : Double.NaN;
            // scikit-learn: with no positives recall is undefined and average precision is reported as 0.
            var ap = p > 0 ? precisionSum.value() / p : 0.0;
            var rocX = new double[roc.size + 1];
            var rocY = new double[roc.size + 1];
            System.arraycopy(roc.x, 0, rocX, 1, roc.size);
            System.arraycopy(roc.y, 0, rocY, 1, roc.size);
            return new Ranking(auc, ap, new Curve(rocX, rocY), new Curve(Arrays.copyOf(pr.x, pr.size),
                    Arrays.copyOf(pr.y, pr.size)));
        }
    }

    /** The kept points of a curve, in order. */
    private static final class Points implements Serializable {
        private static final long serialVersionUID = 1L;

        private double[] x = new double[8];
        private double[] y = new double[8];
        private int size;

        void add(final double px, final double py) {
            if (size == x.length) {
                x = Arrays.copyOf(x, 2 * size);
                y = Arrays.copyOf(y, 2 * size);
            }
            x[size] = px;
            y[size++] = py;
        }

        void addAll(final Points other) {
            for (int k = 0; k < other.size; k++) {
                add(other.x[k], other.y[k]);
            }
        }
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
}
