package io.mlcd.quality;

import io.mlcd.drift.Binned;
import io.mlcd.drift.Divergence;

/**
 * TFDV's skew measures between two distributions given as shares over the same bins:
 * L-infinity distance (categorical) and Jensen–Shannon divergence with log base 2, capped at 1
 * (numeric), both in [0, 1].
 */
final class Skews {
    /** Largest number of bin edges whose error corners are searched exhaustively (2^n corners). */
    private static final int CORNER_EDGES = 12;

    private Skews() {
    }

    /** max |p_i − q_i|, after normalising each side to sum 1. */
    static double lInfinity(final double[] p, final double[] q) {
        var pn = Binned.shares(p);
        var qn = Binned.shares(q);
        var distance = 0.0;
        for (int i = 0; i < pn.length; i++) {
            distance = Math.max(distance, Math.abs(pn[i] - qn[i]));
        }
        return distance;
    }

    /** (KL(P‖M) + KL(Q‖M)) / 2 with M = (P + Q) / 2, log base 2, capped at 1. */
    static double jensenShannon(final double[] p, final double[] q) {
        return Math.min(1, Divergence.jensenShannon(p, q) / Math.log(2));
    }

    /**
     * The largest Jensen–Shannon divergence between p and any distribution whose cumulative
     * shares at the bin edges lie within {@code error} of q's (a KLL sketch's rank error). The
     * divergence is convex in q, so the largest value is at a corner of that box: every corner is
     * tried (at most 2^{@value #CORNER_EDGES}), each made a distribution again by clamping.
     */
    static double worstJensenShannon(final double[] p, final double[] q, final double error) {
        var qn = Binned.shares(q);
        var edges = qn.length - 1;
        if (edges > CORNER_EDGES || error <= 0) {
            return error <= 0 ? jensenShannon(p, qn) : 1;
        }
        var cdf = new double[edges];
        var sum = 0.0;
        for (int i = 0; i < edges; i++) {
            sum += qn[i];
            cdf[i] = sum;
        }
        var worst = jensenShannon(p, qn);
        var shifted = new double[qn.length];
        for (int corner = 0; corner < 1 << edges; corner++) {
            var previous = 0.0;
            for (int i = 0; i < edges; i++) {
                var value = cdf[i] + ((corner >> i & 1) == 1 ? error : -error);
                value = Math.min(1, Math.max(previous, value));
                shifted[i] = value - previous;
                previous = value;
            }
            shifted[edges] = 1 - previous;
            worst = Math.max(worst, jensenShannon(p, shifted));
        }
        return worst;
    }
}
