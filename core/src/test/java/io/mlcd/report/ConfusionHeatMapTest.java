package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;

public class ConfusionHeatMapTest {
    @Test
    public void shouldDrawOneCellWithItsCountPerPairOfClasses() {
        var svg = ConfusionHeatMap.render(matrix(20));

        assertThat(svg.split("class=\"cell\"", -1)).hasSize(20 * 20 + 1);
        assertThat(svg).contains(">1,000</text>", ">true class 19, predicted class 0: 1 (0.1% of true class 19)<");
        assertThat(svg).contains(">Predicted label</text>", ">True label</text>");
    }

    @Test
    public void shouldShortenLongLabelsAndKeepThemWholeInTheTooltip() {
        var matrix = matrix(2);
        matrix.withArray("labels").set(0, "a very long class name indeed");

        assertThat(ConfusionHeatMap.render(matrix))
                .contains("<title>a very long class name indeed</title>a very long c…</text>");
    }

    @Test
    public void shouldShadeEmptyRowsWithoutDividingByZero() {
        var matrix = matrix(2);
        matrix.withArray("counts").set(1, JsonNodeFactory.instance.arrayNode().add(0).add(0));

        assertThat(ConfusionHeatMap.render(matrix)).contains("(0% of true class 1)").doesNotContain("NaN");
    }

    /** k classes, 1000 on the diagonal and 1 elsewhere. */
    private static ObjectNode matrix(final int k) {
        var matrix = JsonNodeFactory.instance.objectNode();
        var labels = matrix.putArray("labels");
        var counts = matrix.putArray("counts");
        for (int row = 0; row < k; row++) {
            labels.add("class " + row);
            var line = counts.addArray();
            for (int column = 0; column < k; column++) {
                line.add(row == column ? 1000 : 1);
            }
        }
        return matrix;
    }
}
