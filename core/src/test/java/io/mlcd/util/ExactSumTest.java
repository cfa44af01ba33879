package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.Test;

public class ExactSumTest {
    @Test
    public void shouldRoundTheExactSumOnce() {
        var sum = new ExactSum();
        for (double value : new double[] {1e100, 1.0, -1e100, 1e-100}) {
            sum.add(value);
        }
        assertThat(sum.value()).isEqualTo(1.0);
        var tenths = new ExactSum();
        for (int i = 0; i < 10; i++) {
            tenths.add(0.1);
        }
        assertThat(tenths.value()).isEqualTo(1.0); // a plain loop gives 0.9999999999999999
    }

    @Test
    public void shouldEqualTheCorrectlyRoundedSumWhateverTheOrderAndSplit() {
        var random = new Random(7);
        var values = new double[5000];
        var exact = BigDecimal.ZERO;
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(30) - 15);
            exact = exact.add(new BigDecimal(values[i]));
        }
        var expected = exact.round(MathContext.DECIMAL128).doubleValue();
        var forward = new ExactSum();
        for (double value : values) {
            forward.add(value);
        }
        var backward = new ExactSum();
        for (int i = values.length - 1; i >= 0; i--) {
            backward.add(values[i]);
        }
        var parts = new ExactSum[7];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = new ExactSum();
        }
        for (int i = 0; i < values.length; i++) {
            parts[i % parts.length].add(values[i]);
        }
        var merged = new ExactSum();
        for (int k = parts.length - 1; k >= 0; k--) {
            merged.add(parts[k]);
        }
        assertThat(forward.value()).isEqualTo(expected).isEqualTo(backward.value()).isEqualTo(merged.value());
    }

    @Test
    public void shouldRoundHalfwayCasesToEven() {
        var sum = new ExactSum();
        sum.add(1.0);
        sum.add(Math.ulp(1.0) / 2); // exactly half-way between 1 and the next double
        assertThat(sum.value()).isEqualTo(1.0);
        sum.add(Math.ulp(1.0) / 1024); // just above half-way
        assertThat(sum.value()).isEqualTo(Math.nextUp(1.0));
    }

    @Test
    public void shouldAddProductsExactly() {
        var sum = new ExactSum();
        sum.addProduct(0.1, 3);
        sum.addProduct(0.1, -3);
        assertThat(sum.value()).isZero();
        var third = new ExactSum();
        third.addProduct(1.0 / 3, 3e15);
        assertThat(third.value()).isEqualTo(new BigDecimal(1.0 / 3).multiply(new BigDecimal(3e15)).doubleValue());
    }

    @Test
    public void shouldLetInfinitiesAndNanDecide() {
        var sum = new ExactSum();
        sum.add(1.0);
        sum.add(Double.POSITIVE_INFINITY);
        assertThat(sum.value()).isEqualTo(Double.POSITIVE_INFINITY);
        sum.add(Double.NEGATIVE_INFINITY);
        assertThat(sum.value()).isNaN();
        var overflow = new ExactSum();
        overflow.add(Double.MAX_VALUE);
        overflow.add(Double.MAX_VALUE);
        assertThat(overflow.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new ExactSum().value()).isZero();
    }
}
