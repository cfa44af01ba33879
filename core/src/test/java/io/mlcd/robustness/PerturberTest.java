package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.scoring.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class PerturberTest {
    private final Frame rows = Rows.of(400);
    private final Bounds bounds = Bounds.of(rows, Optional.empty());

    @Test
    public void shouldTakeBoundsFromTheRowsWithoutProfile() {
        var x = bounds.column("x");
        // sorted x is 0.125 + 0.25 k; inverted-cdf quantiles: p1 = k 3, p25 = k 99, p75 = k 299, p99 = k 395
        assertThat(x.low()).isEqualTo(0.875);
        assertThat(x.high()).isEqualTo(98.875);
        assertThat(x.spread()).isEqualTo(50);
        assertThat(x.spreadBy()).isEqualTo("iqr");
        assertThat(x.integral()).isFalse();
        assertThat(x.source()).isEqualTo("data");
        var region = bounds.column("region");
        assertThat(region.frequent()).containsExactly("north", "east", "south", "west");
        assertThat(region.weights()).containsExactly(160L, 80L, 80L, 80L);
    }

    @Test
    public void shouldGiveTheSameRowsForTheSameSeedAndOtherRowsForAnother() {
        var noise = new Perturbation.Noise("x", 0.1);
        var first = new Perturber(7).apply(noise, rows, bounds).rows();
        var again = new Perturber(7).apply(noise, rows, bounds).rows();
        var other = new Perturber(8).apply(noise, rows, bounds).rows();
        assertThat(column(again, 0)).containsExactly(column(first, 0));
        assertThat(column(other, 0)).isNotEqualTo(column(first, 0));
        assertThat(column(first, 1)).containsExactly(column(rows, 1));
    }

    @Test
    public void shouldDrawEachPerturbationFromItsOwnStream() {
        var perturber = new Perturber(7);
        var alone = perturber.apply(new Perturbation.Noise("x", 0.1), rows, bounds).rows();
        perturber.apply(new Perturbation.Noise("z", 0.1), rows, bounds);
        var afterAnother = perturber.apply(new Perturbation.Noise("x", 0.1), rows, bounds).rows();
        var otherLevel = perturber.apply(new Perturbation.Noise("x", 0.25), rows, bounds).rows();
        assertThat(column(afterAnother, 0)).containsExactly(column(alone, 0));
        assertThat(column(otherLevel, 0)).isNotEqualTo(column(alone, 0));
    }

    @Test
    public void shouldClipNoiseToThePercentilesWithoutMovingOutlyingValuesFurther() {
        var noisy = new Perturber(1).apply(new Perturbation.Noise("x", 5), rows, bounds).rows();
        for (int r = 0; r < rows.rows(); r++) {
            var x = rows.number(0, r);
            assertThat(noisy.number(0, r)).isBetween(Math.min(0.875, x), Math.max(98.875, x));
        }
    }

    @Test
    public void shouldShiftBySpreadsClippedToThe99thPercentile() {
        var shifted = new Perturber(1).apply(new Perturbation.Shift("x", 1), rows, bounds);
        for (int r = 0; r < rows.rows(); r++) {
            var x = rows.number(0, r);
            assertThat(shifted.rows().number(0, r)).isEqualTo(Math.min(Math.max(98.875, x), x + 50));
        }
        // every row moves but the 5 at or above p99 (k 395..399)
        assertThat(shifted.changedRows()).isEqualTo(395);
    }

    @Test
    public void shouldKeepWholeNumbersWholeAndMissingValuesMissing() {
        var values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 10 == 0 ? Double.NaN : i;
        }
        var frame = Frame.of(List.of("age"), List.<double[]>of(values), Arrays.<String[]>asList(new String[][] {null}));
        var noisy = new Perturber(3).apply(new Perturbation.Noise("age", 0.25), frame, Bounds.of(frame,
                Optional.empty())).rows();
        for (int r = 0; r < values.length; r++) {
            if (Double.isNaN(values[r])) {
                assertThat(noisy.number(0, r)).isNaN();
            }
            else {
                assertThat(noisy.number(0, r)).isEqualTo(Math.rint(noisy.number(0, r)));
            }
        }
        assertThat(noisy.isWhole(0)).isTrue();
    }

    @Test
    public void shouldSwapEveryValueForAnotherFrequentOne() {
        var swapped = new Perturber(5).apply(new Perturbation.Swap("region"), rows, bounds);
        for (int r = 0; r < rows.rows(); r++) {
            assertThat(swapped.rows().text(2, r)).isIn("north", "south", "east", "west")
                    .isNotEqualTo(rows.text(2, r));
        }
        assertThat(swapped.changedRows()).isEqualTo(400);
    }

    @Test
    public void shouldSetOneColumnPerRowMissingForMissingEvery() {
        var missing = new Perturber(5).apply(new Perturbation.Missing("*"), rows, bounds);
        var perColumn = new int[3];
        for (int r = 0; r < rows.rows(); r++) {
            var gone = 0;
            for (int c = 0; c < 3; c++) {
                var isMissing = missing.rows().text(c, r) == null;
                gone += isMissing ? 1 : 0;
                perColumn[c] += isMissing ? 1 : 0;
            }
            assertThat(gone).isEqualTo(1);
        }
        for (int count : perColumn) {
            assertThat(count).isBetween(90, 180); // 133 expected
        }
        assertThat(missing.changedRows()).isEqualTo(400);
    }

    @Test
    public void shouldSwapWithTheLevelsProbabilityUnderAll() {
        var all = new Perturber(5).apply(new Perturbation.All(0.05), rows, bounds).rows();
        var swapped = 0;
        for (int r = 0; r < rows.rows(); r++) {
            swapped += all.text(2, r).equals(rows.text(2, r)) ? 0 : 1;
        }
        assertThat(swapped).isBetween(5, 40); // 20 expected
        assertThat(column(all, 0)).isNotEqualTo(column(rows, 0));
        assertThat(column(all, 1)).isNotEqualTo(column(rows, 1));
    }

    static double[] column(final Frame frame, final int c) {
        var values = new double[frame.rows()];
        for (int r = 0; r < values.length; r++) {
            values[r] = frame.number(c, r);
        }
        return values;
    }
}
