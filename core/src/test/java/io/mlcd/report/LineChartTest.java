package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

public class LineChartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void shouldDrawRocFromBottomLeftToTopRightWithTheDiagonal() throws Exception {
        var svg = LineChart.roc().render(array("[0, 0.1, 0.5, 1]"), array("[0, 0.6, 0.9, 1]"), "ROC curve");

        // the plot square starts at x = 58 and y = 12 and is 300 wide: (0, 0) is (58, 312), (1, 1) is (358, 12)
        assertThat(svg).contains("class=\"curve\" d=\"M58.0 312.0L88.0 132.0L208.0 42.0L358.0 12.0\"");
        assertThat(svg).contains("class=\"diagonal\" x1=\"58.0\" y1=\"312.0\" x2=\"358.0\" y2=\"12.0\"");
        assertThat(svg).contains(">False positive rate</text>", ">True positive rate</text>", ">0.2</text>");
    }

    @Test
    public void shouldBreakTheLineAtUndefinedPoints() throws Exception {
        var svg = LineChart.precisionRecall().render(array("[0.1, 0.2, null, 0.8]"), array("[1, 0.9, 0.5, 0.4]"),
                "PR curve");

        assertThat(svg).contains("d=\"M88.0 12.0L118.0 42.0M298.0 192.0\"").doesNotContain("diagonal");
    }

    private static JsonNode array(final String json) throws Exception {
        return JSON.readTree(json);
    }
}
