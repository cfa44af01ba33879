package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.Test;

public class EstimateTest {
    /** statsmodels.stats.proportion.proportion_confint(k, n, alpha=0.05, method="wilson"). */
    @Test
    public void shouldGiveWilsonIntervalsAsStatsmodels() {
        assertWilson(0, 1000, 0.0, 0.003826758485555125);
        assertWilson(7, 200, 0.01705554200856719, 0.07047061152229073);
        assertWilson(50, 50, 0.9286524008666412, 1.0);
        assertWilson(13, 400, 0.019089842378800445, 0.0548041528237668);
    }

    @Test
    public void shouldLeaveAProportionOfNoTrialsUndefined() {
        assertThat(Estimate.wilson(0, 0).isDefined()).isFalse();
    }

    @Test
    public void shouldGiveTheMeanWithItsNormalIntervalIgnoringMissingValues() {
        var estimate = Estimate.mean(new double[] {1, 2, Double.NaN, 3, 4});
        // mean 2.5, sample sd sqrt(5/3), se sqrt(5/3)/2; z = 1.959964
        var se = Math.sqrt(5.0 / 3) / 2;
        assertThat(estimate.value()).isEqualTo(2.5);
        assertThat(estimate.lower()).isCloseTo(2.5 - 1.959963984540054 * se, within(1e-12));
        assertThat(estimate.upper()).isCloseTo(2.5 + 1.959963984540054 * se, within(1e-12));
        assertThat(Estimate.mean(new double[] {Double.NaN}).isDefined()).isFalse();
    }

    private static void assertWilson(final long k, final long n, final double lower, final double upper) {
        var estimate = Estimate.wilson(k, n);
        assertThat(estimate.value()).isEqualTo((double) k / n);
        assertThat(estimate.lower()).as("lower of %d/%d", k, n).isCloseTo(lower, within(1e-12));
        assertThat(estimate.upper()).as("upper of %d/%d", k, n).isCloseTo(upper, within(1e-12));
    }
}
