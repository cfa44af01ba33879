package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.Test;

public class DoubleSortTest {
    private static void assertSortsLikeArraysSort(final double[] values) {
        var expected = values.clone();
        Arrays.sort(expected);
        var actual = values.clone();
        DoubleSort.sort(actual, actual.length);
        assertThat(actual).containsExactly(expected);
    }

    @Test
    public void shouldSortScoresWithTiesLikeArraysSort() {
        var random = new Random(7);
        var values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(random.nextDouble() * 1000) / 1000.0;
        }
        assertSortsLikeArraysSort(values);
    }

    @Test
    public void shouldSortNegativesInfinitiesAndExtremes() {
        assertSortsLikeArraysSort(new double[] {3.5, -1.0, 0.0, -0.0, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, -2.5,
            1.0, 0.5, 0.5});
    }

    @Test
    public void shouldSortOnlyThePrefix() {
        var values = new double[] {0.9, 0.1, 0.5, 0.3, -7};
        DoubleSort.sort(values, 3);
        assertThat(values).containsExactly(0.1, 0.5, 0.9, 0.3, -7);
    }

    @Test
    public void shouldLeaveEqualAndSingleValuesAlone() {
        assertSortsLikeArraysSort(new double[] {0.25, 0.25, 0.25});
        assertSortsLikeArraysSort(new double[] {0.75});
        assertSortsLikeArraysSort(new double[0]);
    }
}
