package io.mlcd.robustness;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg adjusted p-values (statsmodels' {@code multipletests(method="fdr_bh")}): a
 * hypothesis is significant at false discovery rate q when its adjusted p-value is at most q.
 */
final class BenjaminiHochberg {
    private BenjaminiHochberg() {
    }

    /** The adjusted p-values, in the order of {@code pValues}; NaN stays NaN and does not count. */
    static double[] adjust(final double[] pValues) {
        var adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        var order = IntStream.range(0, pValues.length).filter(i -> !Double.isNaN(pValues[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> pValues[i])).mapToInt(Integer::intValue).toArray();
        var m = order.length;
        var running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            var i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }
}
