package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.scoring.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class WeakSegmentsTest {
    private static final double[] SLICE = {0.1, 0.3, 0.3, 0.5, 0.9, 0.9, 0.0, 0.7};
    private static final double[] REST = {0.0, 0.0, 0.1, 0.3, 0.2, 0.0, 0.5, 0.1, 0.0, 0.3};

    /**
     * scipy.stats.mannwhitneyu(slice * 5, rest * 5, alternative="greater", method="asymptotic") and
     * statsmodels' multipletests([p_a, p_b], method="fdr_bh").
     */
    @Test
    public void shouldTestEachSliceAgainstTheOtherRowsAsScipy() {
        var n = 5 * (SLICE.length + REST.length);
        var group = new String[n];
        var sensitivity = new double[n];
        var r = 0;
        for (int copy = 0; copy < 5; copy++) {
            for (double value : SLICE) {
                group[r] = "a";
                sensitivity[r++] = value;
            }
        }
        for (int copy = 0; copy < 5; copy++) {
            for (double value : REST) {
                group[r] = "b";
                sensitivity[r++] = value;
            }
        }
        var frame = Frame.of(List.of("g"), Arrays.<double[]>asList(new double[][] {null}), List.<String[]>of(group));
        var found = WeakSegments.find(frame, Bounds.of(frame, Optional.empty()), Optional.empty(), sensitivity,
                List.of("g"));
        assertThat(found.tested()).isEqualTo(2);
        assertThat(found.significant()).isEqualTo(1);
        var weak = found.segments().get(0);
        assertThat(weak.description()).isEqualTo("g = a");
        assertThat(weak.pValue()).isCloseTo(1.6000386506868897e-06, within(1e-15));
        assertThat(weak.adjustedP()).isCloseTo(3.20007730e-06, within(1e-13));
        assertThat(weak.significant()).isTrue();
        assertThat(weak.rows()).isEqualTo(40);
        var other = found.segments().stream().filter(segment -> segment.description().equals("g = b")).findFirst()
                .orElseThrow();
        assertThat(other.pValue()).isCloseTo(0.9999984631242679, within(1e-12));
        assertThat(other.significant()).isFalse();
    }

    @Test
    public void shouldTestNothingWithTooFewRows() {
        var frame = Rows.of(30);
        var found = WeakSegments.find(frame, Bounds.of(frame, Optional.empty()), Optional.empty(), new double[30],
                frame.columns());
        assertThat(found.tested()).isZero();
        assertThat(found.segments()).isEmpty();
    }

    @Test
    public void shouldPairOnlyTheColumnsRankedMostSensitive() {
        var frame = Rows.of(2000);
        var sensitivity = new double[2000];
        for (int r = 0; r < sensitivity.length; r++) {
            sensitivity[r] = frame.number(0, r) > 400 && "north".equals(frame.text(2, r)) ? 1 : 0;
        }
        var bounds = Bounds.of(frame, Optional.empty());
        var alone = WeakSegments.find(frame, bounds, Optional.empty(), sensitivity, List.of("x"));
        var paired = WeakSegments.find(frame, bounds, Optional.empty(), sensitivity, List.of("x", "region"));
        // one column: 10 decile bins of x and of z, 4 regions; pairs: 10 x-bins of 200 rows by 4 regions (80 or 40 rows)
        assertThat(alone.tested()).isEqualTo(10 + 10 + 4);
        assertThat(alone.segments()).allSatisfy(segment -> assertThat(segment.conditions()).hasSize(1));
        assertThat(paired.tested()).isEqualTo(10 + 10 + 4 + 10 * 4);
        assertThat(paired.segments().get(0).conditions()).hasSize(2).contains("region = north");
        assertThat(paired.segments().get(0).sensitivity()).isEqualTo(1);
    }
}
