package io.mlcd.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.Test;

public class ValueObjectsTest {
    @Test
    public void shouldCompareArraysByContent() {
        EqualsVerifier.forClass(ConfusionMatrix.class).verify();
        EqualsVerifier.forClass(Curve.class).verify();
    }

    @Test
    public void shouldNotLeakTheirArrays() {
        var counts = new long[][] {{1, 2}, {3, 4}};
        var matrix = new ConfusionMatrix(List.of("0", "1"), counts);
        counts[0][0] = 99;
        matrix.counts()[1][1] = 99;
        assertThat(matrix.counts()).isDeepEqualTo(new long[][] {{1, 2}, {3, 4}});

        var x = new double[] {0, 1};
        var curve = new Curve(x, new double[] {0, 1});
        x[1] = 5;
        curve.y()[0] = 5;
        assertThat(curve.x()).containsExactly(0, 1);
        assertThat(curve.y()).containsExactly(0, 1);
        assertThatThrownBy(() -> new Curve(new double[1], new double[2])).hasMessageContaining("differ in length");
    }
}
