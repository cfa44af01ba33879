package io.mlcd.validation;

import java.util.Locale;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * McNemar's exact test of two classifiers' accuracy on the same rows: only rows where exactly one
 * model is right count; under "no difference" each such row is a fair coin. The interval is the
 * Wald interval for a difference of paired proportions.
 */
final class McNemarTest {
    private McNemarTest() {
    }

    /**
     * @param challengerRight per row, whether the challenger predicted the label
     * @param baselineRight   per row, whether the baseline did
     */
    static Comparison compare(final boolean[] challengerRight, final boolean[] baselineRight) {
        var n = challengerRight.length;
        long onlyChallenger = 0;
        long onlyBaseline = 0;
        long challengerCorrect = 0;
        long baselineCorrect = 0;
        for (int i = 0; i < n; i++) {
            challengerCorrect += challengerRight[i] ? 1 : 0;
            baselineCorrect += baselineRight[i] ? 1 : 0;
            if (challengerRight[i] && !baselineRight[i]) {
                onlyChallenger++;
            }
            else if (!challengerRight[i] && baselineRight[i]) {
                onlyBaseline++;
            }
        }
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
        return new Comparison("accuracy", "McNemar (exact)", (double) challengerCorrect / n,
                (double) baselineCorrect / n, delta, delta - z * se, delta + z * se, p,
                String.format(Locale.ROOT, "%d rows right only by the challenger, %d only by the baseline",
                        onlyChallenger, onlyBaseline));
    }
}
