package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.report.DistributionChart.Bar;
import io.mlcd.report.DistributionChart.Bin;
import io.mlcd.report.DistributionChart.Legend;
import io.mlcd.report.DistributionChart.Plot;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch column's values as a {@link DistributionChart}: a numeric column's histogram with its
 * bin edges on the axis, a categorical column's values with those outside the schema's domain in
 * red. Both show shares of the column's non-missing values.
 */
final class ValueCharts {
    private static final List<Legend> DOMAIN = List.of(new Legend("cur", "in the domain"),
            new Legend("out", "not in the domain"));

    private ValueCharts() {
    }

    /**
     * @param numeric a column's {@code numeric} block, with {@code histogram: {edges, counts}} where
     *     bin i holds the values from edge i to edge i + 1 (one edge more than counts)
     * @return the SVG, or null when there is no usable histogram
     */
    @CheckForNull
    static String histogram(final String column, final JsonNode numeric) {
        var edges = numbers(numeric.path("histogram").path("edges"));
        var counts = numbers(numeric.path("histogram").path("counts"));
        if (counts == null || edges == null || counts.length == 0 || edges.length != counts.length + 1) {
            return null;
        }
        var total = 0.0;
        for (double count : counts) {
            total += Math.max(0, count);
        }
        if (total <= 0) {
            return null;
        }
        // more bins than the chart holds: adjacent bins are drawn as one, so every value still counts
        var group = (int) Math.ceil(counts.length / (double) DistributionChart.MAX_BINS);
        var bins = new ArrayList<Bin>();
        var ticks = new ArrayList<String>();
        ticks.add(Format.number(edges[0]));
        for (int from = 0; from < counts.length; from += group) {
            var to = Math.min(from + group, counts.length);
            var count = 0.0;
            for (int i = from; i < to; i++) {
                count += Math.max(0, counts[i]);
            }
            var range = Format.number(edges[from]) + " – " + Format.number(edges[to]);
            bins.add(new Bin(range, range + ": " + values(count) + " (" + ValueText.share(count / total) + ")", List.of(new Bar("cur", count / total))));
            ticks.add(Format.number(edges[to]));
        }
        return DistributionChart.render(new Plot("Histogram of " + column, List.of(), "share of values per bin", bins,
                ticks, 0));
    }

    /**
     * @param categorical a column's {@code categorical} block: {@code values} with their counts and
     *     whether they are in the schema's domain (null: no domain), and the count of {@code other}
     *     values not listed
     * @return the SVG, or null when no value is listed
     */
    @CheckForNull
    static String categories(final String column, final JsonNode categorical) {
        var values = categorical.path("values");
        var other = count(categorical.path("other"));
        var total = other;
        for (JsonNode value : values) {
            total += count(value.path("count"));
        }
        if (values.isEmpty() || total <= 0) {
            return null; // nothing but "other": one bar at 100% would say nothing
        }
        var listed = values.size() + (other > 0 ? 1 : 0) <= DistributionChart.MAX_BINS ? values.size()
                : DistributionChart.MAX_BINS - 1;
        var bins = new ArrayList<Bin>();
        for (int i = 0; i < listed; i++) {
            var value = values.get(i);
            var count = count(value.path("count"));
            var label = ValueText.value(value.path("value"), ValueText.TOOLTIP);
            bins.add(new Bin(label, label + ": " + values(count) + " (" + ValueText.share(count / total) + ")"
                    + (isOutside(value) ? " · not in the domain" : ""),
                    List.of(new Bar(isOutside(value) ? "out" : "cur", count / total))));
        }
        var rest = other;
        var restOutside = 0;
        for (int i = listed; i < values.size(); i++) {
            rest += count(values.get(i).path("count"));
            restOutside += isOutside(values.get(i)) ? 1 : 0;
        }
        if (rest > 0) {
            var label = listed < values.size() ? "(" + Format.number(values.size() - listed) + " more)" : "(other values)";
            bins.add(new Bin(label, label + ": " + values(rest) + " (" + ValueText.share(rest / total) + ")"
                    + (restOutside > 0 ? " · " + restOutside + " of them not in the domain" : ""),
                    List.of(new Bar(restOutside > 0 ? "out" : "other", rest / total))));
        }
        return DistributionChart.render(new Plot("Values of " + column, hasOutside(categorical) ? DOMAIN : List.of(),
                "share of values", bins, null, 0));
    }

    /** Whether any listed value of a categorical block is outside the schema's domain. */
    static boolean hasOutside(final JsonNode categorical) {
        for (JsonNode value : categorical.path("values")) {
            if (isOutside(value)) {
                return true;
            }
        }
        return false;
    }

    private static String values(final double count) {
        return Format.number(count) + (count == 1 ? " value" : " values");
    }

    private static boolean isOutside(final JsonNode value) {
        return value.path("in_domain").isBoolean() && !value.path("in_domain").booleanValue();
    }

    private static double count(final JsonNode count) {
        return count.isNumber() && Double.isFinite(count.doubleValue()) ? Math.max(0, count.doubleValue()) : 0;
    }

    /** The array's numbers, or null when it is not an array of finite numbers. */
    @CheckForNull
    private static double[] numbers(final JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        var numbers = new double[array.size()];
        for (int i = 0; i < numbers.length; i++) {
            var node = array.get(i);
            if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
                return null;
            }
            numbers[i] = node.doubleValue();
        }
        return numbers;
    }
}
