package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.Test;

public class BenjaminiHochbergTest {
    /** statsmodels.stats.multitest.multipletests(p, method="fdr_bh")[1]. */
    @Test
    public void shouldAdjustAsStatsmodels() {
        var adjusted = BenjaminiHochberg.adjust(new double[] {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205,
            0.212, 0.216});
        assertThat(adjusted).containsExactly(new double[] {0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571428571428572,
            0.216, 0.216, 0.216}, within(1e-12));
    }

    @Test
    public void shouldKeepTheOrderOfUnsortedPValuesAndLeaveNaNOut() {
        var adjusted = BenjaminiHochberg.adjust(new double[] {0.5, Double.NaN, 0.01, 0.03, 0.2});
        assertThat(adjusted[1]).isNaN();
        assertThat(new double[] {adjusted[0], adjusted[2], adjusted[3], adjusted[4]})
                .containsExactly(new double[] {0.5, 0.04, 0.06, 0.26666666666666666}, within(1e-12));
    }
}
