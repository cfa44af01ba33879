package io.mlcd.validation;

import java.io.Serializable;
import java.util.Locale;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * McNemar's exact test of two classifiers' accuracy on the same rows: only rows where exactly one
 * model is right count; under "no difference" each such row is a fair coin. The interval is the
 * Wald interval for a difference of paired proportions.
 */
public final class McNemarTest {
    private McNemarTest() {
    }

    /**
     * @param challengerRight per row, whether the challenger predicted the label
     * @param baselineRight   per row, whether the baseline did
     */
    static Comparison compare(final boolean[] challengerRight, final boolean[] baselineRight) {
        var counts = new Counts();
        for (int i = 0; i < challengerRight.length; i++) {
            counts.add(challengerRight[i], baselineRight[i]);
        }
        return compare(counts);
    }

    public static Comparison compare(final Counts counts) {
        var n = counts.rows;
        var onlyChallenger = counts.onlyChallenger;
        var onlyBaseline = counts.onlyBaseline;
        var discordant = onlyChallenger + onlyBaseline;
        double p = 1.0;
        if (discordant > 0) {
            var binomial = new BinomialDistribution(Math.toIntExact(discordant), 0.5);
            p = Math.min(1.0, 2 * binomial.cumulativeProbability((int) Math.min(onlyChallenger, onlyBaseline)));
        }
        var delta = (double) (onlyChallenger - onlyBaseline) / n;
        var se = Math.sqrt(Math.max(0, discordant - (double) (onlyChallenger - onlyBaseline)
                * (onlyChallenger - onlyBaseline) / n)) / n;
        var z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + Comparison.CONFIDENCE / 2);
        return new Comparison("accuracy", "McNemar (exact)", (double) counts.challengerCorrect / n,
                (double) counts.baselineCorrect / n, delta, delta - z * se, delta + z * se, p,
                String.format(Locale.ROOT, "%d rows right only by the challenger, %d only by the baseline",
                        onlyChallenger, onlyBaseline));
    }

    /** The paired counts the test needs: rows, rows each model got right, rows only one got right. */
    public static final class Counts implements Serializable {
        private static final long serialVersionUID = 1L;

        private long rows;
        private long challengerCorrect;
        private long baselineCorrect;
        private long onlyChallenger;
        private long onlyBaseline;

        public void add(final boolean challengerRight, final boolean baselineRight) {
            rows++;
            challengerCorrect += challengerRight ? 1 : 0;
            baselineCorrect += baselineRight ? 1 : 0;
            onlyChallenger += challengerRight && !baselineRight ? 1 : 0;
            onlyBaseline += !challengerRight && baselineRight ? 1 : 0;
        }

        public Counts merge(final Counts other) {
            rows += other.rows;
            challengerCorrect += other.challengerCorrect;
            baselineCorrect += other.baselineCorrect;
            onlyChallenger += other.onlyChallenger;
            onlyBaseline += other.onlyBaseline;
            return this;
        }
    }
}
