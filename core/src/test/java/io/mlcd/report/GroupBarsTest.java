package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

public class GroupBarsTest {
    @Test
    public void shouldDrawThreeRatesPerGroupOnTheUnitScale() throws Exception {
        var rows = new ObjectMapper().readTree("""
                [{"group": "F", "selection_rate": 0.5, "true_positive_rate": 1.0, "false_positive_rate": null},
                 {"group": "M", "selection_rate": 0.25, "true_positive_rate": 0.75, "false_positive_rate": 0.1}]
                """);

        var svg = GroupBars.render("sex", rows);

        // the plot is 380 wide: a rate of 0.5 is 190 long, an undefined rate has no bar and a dash
        assertThat(svg.split("<rect class=\"bar s", -1)).hasSize(3 + 2 * 3 + 1);
        assertThat(svg).contains("width=\"190.0\" height=\"12.0\"", "width=\"380.0\" height=\"12.0\"",
                "<title>F: false positive rate —</title>", ">Selection rate</text>", ">True positive rate</text>",
                ">False positive rate</text>", "aria-label=\"Rates per group of sex\"");
    }
}
