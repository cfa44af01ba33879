package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Test;

public class DistributionChartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void shouldDrawReferenceAndCurrentBarsPerBinWithALegend() {
        var svg = DistributionChart.render("region", read("""
                {"bins": ["east", "west"], "reference": [0.25, 0.75], "current": [0.5, 0.5]}
                """));

        // largest share 0.75: the axis runs to 80% in steps of 20%, and 150 px stand for 80%
        assertThat(svg).startsWith("<svg").endsWith("</svg>")
                .contains(">Reference</text>", ">Current</text>", ">80%</text>", ">0%</text>",
                        "<title>east: reference 25%, current 50%</title>", ">east</text>", ">west</text>",
                        "height=\"140.6\"", "height=\"46.9\"", "text-anchor=\"middle\"")
                .doesNotContain("rotate(");
        assertThat(count(svg, "class=\"bar ref\"")).isEqualTo(2 + 1);
        assertThat(count(svg, "class=\"bar cur\"")).isEqualTo(2 + 1);
    }

    @Test
    public void shouldLabelDecileBinsByTheirEdges() {
        var svg = DistributionChart.render("age", read("""
                {"bins": ["≤ 27.2", "27.2 – 31.6", "31.6 – 34.7", "> 34.7"],
                 "reference": [0.25, 0.25, 0.25, 0.25], "current": [0.1, 0.2, 0.3, 0.4]}
                """));

        assertThat(svg).contains(">27.2</text>", ">31.6</text>", ">34.7</text>",
                "<title>27.2 – 31.6: reference 25%, current 20%</title>")
                .doesNotContain(">≤ 27.2</text>", ">&gt; 34.7</text>");
        assertThat(DistributionChart.edges(List.of("≤ 1", "1 – 2", "> 2"))).containsExactly("1", "2");
        assertThat(DistributionChart.edges(List.of("a", "b"))).isNull();
        assertThat(DistributionChart.edges(List.of("≤ 1", "x", "> 2"))).isNull();
        assertThat(DistributionChart.edges(List.of("> 2"))).isNull();
    }

    @Test
    public void shouldStaggerEdgesThatDoNotFitInOneRow() {
        var svg = DistributionChart.render("income", read("""
                {"bins": ["≤ 19104.5", "19104.5 – 23927.3", "23927.3 – 28092.8", "28092.8 – 32194.4",
                          "32194.4 – 36370.8", "36370.8 – 41274.2", "41274.2 – 47383.7", "47383.7 – 55567.7",
                          "55567.7 – 68938.3", "> 68938.3"],
                 "reference": [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
                 "current": [0.16, 0.1, 0.09, 0.08, 0.07, 0.08, 0.08, 0.09, 0.09, 0.16]}
                """));

        for (String edge : List.of("19104.5", "23927.3", "28092.8", "32194.4", "36370.8", "41274.2", "47383.7",
                "55567.7", "68938.3")) {
            assertThat(svg).contains(">" + edge + "</text>");
        }
        assertThat(svg).contains("y=\"214.0\"", "y=\"200.0\"");
    }

    @Test
    public void shouldSlantAndShortenLongCategoriesKeepingTheFullTextInATitle() {
        var svg = DistributionChart.render("plan", read("""
                {"bins": ["basic", "an extremely long plan name", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"],
                 "reference": [0.5, 0.5], "current": [0.25, 0.75]}
                """));

        assertThat(svg).contains("<title>an extremely long plan name</title>an extremely lo…</text>", "rotate(-40.0",
                "text-anchor=\"end\"", "<title>c: reference —, current —</title>");
    }

    @Test
    public void shouldFoldBinsBeyondTheMaximumIntoOne() {
        var bins = IntStream.range(0, 40).mapToObj(i -> "\"v" + i + "\"").collect(Collectors.joining(", "));
        var shares = IntStream.range(0, 40).mapToObj(i -> "0.025").collect(Collectors.joining(", "));
        var svg = DistributionChart.render("many", read("{\"bins\": [" + bins + "], \"reference\": [" + shares
                + "], \"current\": [" + shares + "]}"));

        assertThat(count(svg, "<g class=\"slot\">")).isEqualTo(DistributionChart.MAX_BINS);
        assertThat(svg).contains(">v28</text>", "<title>(11 more): reference 27.5%, current 27.5%</title>")
                .doesNotContain(">v29</text>");
    }

    @Test
    public void shouldDrawAPlotOfSingleBarsWithItsOwnLegendAndOuterEdges() {
        var bins = List.of(new DistributionChart.Bin("0 – 5", "0 – 5: a", List.of(new DistributionChart.Bar("cur", 0.25))),
                new DistributionChart.Bin("5 – 10", "5 – 10: b", List.of(new DistributionChart.Bar("out", 0.75))));
        var svg = DistributionChart.render(new DistributionChart.Plot("Histogram of x",
                List.of(new DistributionChart.Legend("out", "outside")), "share of values per bin", bins,
                List.of("0", "5", "10000"), 0));

        // one bar centred in each slot (232 px wide, the axis up to 80%); the edges at both ends of the axis, the last one flush right
        assertThat(svg).contains("aria-label=\"Histogram of x\"", ">outside</text>", "<title>5 – 10: b</title>",
                "<rect class=\"bar cur\" x=\"148.0\" y=\"137.1\" width=\"28.0\" height=\"46.9\"/>",
                "<text class=\"tick\" x=\"46.0\" y=\"200.0\" text-anchor=\"middle\">0</text>",
                "<text class=\"tick\" x=\"510.0\" y=\"200.0\" text-anchor=\"end\">10000</text>")
                .doesNotContain(">Reference</text>", ">0 – 5</text>");
        assertThat(count(svg, "class=\"bar ")).isEqualTo(2 + 1);
    }

    @Test
    public void shouldDrawNothingWithoutBinsAndNoBarsForMissingShares() {
        assertThat(DistributionChart.render("x", read("{\"bins\": []}"))).isNull();
        assertThat(DistributionChart.render("x", read("{}"))).isNull();

        var svg = DistributionChart.render("x", read("{\"bins\": [\"a\", \"b\"], \"reference\": [null, 0],"
                + " \"current\": \"nonsense\"}"));

        assertThat(svg).contains("<title>a: reference —, current —</title>",
                "<title>b: reference 0%, current —</title>",
                ">100%</text>");
        assertThat(count(svg, "class=\"bar ")).isEqualTo(2);
    }

    private static int count(final String text, final String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static JsonNode read(final String json) {
        try {
            return JSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
