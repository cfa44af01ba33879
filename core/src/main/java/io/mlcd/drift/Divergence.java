package io.mlcd.drift;

/**
 * The Jensen–Shannon divergence of two distributions given as counts (or shares) over the same
 * bins, in nats. Drift reports its square root, SciPy's distance; data validation its base-2
 * value, as TFDV's skew comparator.
 */
public final class Divergence {
    private Divergence() {
    }

    /** (KL(P‖M) + KL(Q‖M)) / 2 with M = (P + Q) / 2, natural log, after normalising both to sum 1. */
    public static double jensenShannon(final double[] p, final double[] q) {
        var pn = Binned.shares(p);
        var qn = Binned.shares(q);
        var divergence = 0.0;
        for (int i = 0; i < pn.length; i++) {
            var m = (pn[i] + qn[i]) / 2;
            if (pn[i] > 0) {
                divergence += pn[i] * Math.log(pn[i] / m);
            }
            if (qn[i] > 0) {
                divergence += qn[i] * Math.log(qn[i] / m);
            }
        }
        return Math.max(0, divergence / 2);
    }
}
