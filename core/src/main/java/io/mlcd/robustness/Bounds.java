package io.mlcd.robustness;

import io.mlcd.drift.ColumnProfile;
import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.scoring.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The {@link ColumnBounds} of every column of the rows: from the training profile where it
 * describes the column with the type the rows have (quantiles from its KLL sketch, frequent values
 * from its value counts), else from the rows themselves with the same quantile definition
 * (numpy's {@code inverted_cdf}: the smallest value whose CDF reaches q).
 */
public final class Bounds {
    private final Map<String, ColumnBounds> columns;

    private Bounds(final Map<String, ColumnBounds> columns) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static Bounds of(final Frame frame, final Optional<Profile> profile) {
        var columns = new LinkedHashMap<String, ColumnBounds>();
        for (int c = 0; c < frame.columns().size(); c++) {
            var name = frame.columns().get(c);
            var profiled = profile.flatMap(p -> p.column(name)).filter(column -> column.count() > 0);
            var numeric = frame.isNumeric(c);
            if (profiled.isPresent() && (profiled.get().type() == ColumnType.NUMERIC) == numeric) {
                columns.put(name, fromProfile(profiled.get()));
            }
            else {
                columns.put(name, numeric ? numbers(name, values(frame, c)) : texts(name, frame, c));
            }
        }
        return new Bounds(columns);
    }

    public ColumnBounds column(final String name) {
        var bounds = columns.get(name);
        if (bounds == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return bounds;
    }

    /** Every column's bounds, in the order of the rows' columns. */
    public List<ColumnBounds> all() {
        return List.copyOf(columns.values());
    }

    private static ColumnBounds fromProfile(final ColumnProfile column) {
        if (column.type() != ColumnType.NUMERIC) {
            var counts = column.categoricalProfile().orElseThrow().counts();
            var top = counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(ColumnBounds.FREQUENT).toList();
            return new ColumnBounds(column.name(), false, Double.NaN, Double.NaN, 0, "none", false,
                    top.stream().map(Map.Entry::getKey).toList(), top.stream().map(Map.Entry::getValue).toList(),
                    "profile");
        }
        var numeric = column.numericProfile().orElseThrow();
        var sketch = numeric.sketch();
        var view = sketch.getSortedView();
        var items = view.getQuantiles();
        var cumulative = view.getCumulativeWeights();
        var weights = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            weights[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
        var criteria = QuantileSearchCriteria.INCLUSIVE;
        var median = sketch.getQuantile(0.5, criteria);
        var iqr = sketch.getQuantile(0.75, criteria) - sketch.getQuantile(0.25, criteria);
        var deviations = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            deviations[i] = Math.abs(items[i] - median);
        }
        var mad = weightedQuantile(deviations, weights, 0.5);
        var integral = numeric.distinct().map(distinct -> distinct.keySet().stream().allMatch(Bounds::whole))
                .orElseGet(() -> Arrays.stream(items).allMatch(Bounds::whole));
        var frequent = numeric.distinct().filter(distinct -> distinct.size() <= ColumnBounds.FREQUENT)
                .map(Bounds::mostFrequent).orElse(List.of());
        return numericBounds(column.name(), sketch.getQuantile(0.01, criteria), sketch.getQuantile(0.99, criteria), iqr,
                mad, integral, frequent, "profile");
    }

    private static ColumnBounds numbers(final String name, final double[] values) {
        Arrays.sort(values);
        if (values.length == 0) {
            return new ColumnBounds(name, true, Double.NaN, Double.NaN, 0, "none", false, List.of(), List.of(), "data");
        }
        var median = quantile(values, 0.5);
        var deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        Arrays.sort(deviations);
        var counts = new HashMap<Double, Long>();
        var integral = true;
        for (double value : values) {
            integral &= whole(value);
            if (counts.size() <= ColumnBounds.FREQUENT) {
                counts.merge(value, 1L, Long::sum);
            }
        }
        var frequent = counts.size() <= ColumnBounds.FREQUENT ? mostFrequent(counts) : List.<Map.Entry<String, Long>>of();
        return numericBounds(name, quantile(values, 0.01), quantile(values, 0.99),
                quantile(values, 0.75) - quantile(values, 0.25), quantile(deviations, 0.5), integral, frequent, "data");
    }

    private static ColumnBounds numericBounds(final String name, final double low, final double high, final double iqr,
            final double mad, final boolean integral, final List<Map.Entry<String, Long>> frequent, final String source) {
        var spreadBy = iqr > 0 ? "iqr" : mad > 0 ? "mad" : "none";
        return new ColumnBounds(name, true, low, high, iqr > 0 ? iqr : Math.max(mad, 0), spreadBy, integral,
                frequent.stream().map(Map.Entry::getKey).toList(), frequent.stream().map(Map.Entry::getValue).toList(),
                source);
    }

    private static ColumnBounds texts(final String name, final Frame frame, final int column) {
        var counts = new HashMap<String, Long>();
        for (int r = 0; r < frame.rows(); r++) {
            var text = frame.text(column, r);
            if (text != null) {
                counts.merge(text, 1L, Long::sum);
            }
        }
        var top = counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(ColumnBounds.FREQUENT).toList();
        return new ColumnBounds(name, false, Double.NaN, Double.NaN, 0, "none", false,
                top.stream().map(Map.Entry::getKey).toList(), top.stream().map(Map.Entry::getValue).toList(), "data");
    }

    /** Number values as text, most frequent first (ties by value), for swaps of few-valued numeric columns. */
    private static List<Map.Entry<String, Long>> mostFrequent(final Map<Double, Long> counts) {
        var entries = new ArrayList<Map.Entry<String, Long>>();
        counts.entrySet().stream().sorted(Map.Entry.<Double, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .forEach(entry -> entries.add(Map.entry(Double.toString(entry.getKey()), entry.getValue())));
        return entries;
    }

    private static double[] values(final Frame frame, final int column) {
        var values = new double[frame.rows()];
        var n = 0;
        for (int r = 0; r < frame.rows(); r++) {
            var value = frame.number(column, r);
            if (!Double.isNaN(value)) {
                values[n++] = value;
            }
        }
        return Arrays.copyOf(values, n);
    }

    /** The smallest value whose CDF reaches q, of sorted values. */
    static double quantile(final double[] sorted, final double q) {
        var index = (int) Math.ceil(q * sorted.length - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double weightedQuantile(final double[] values, final long[] weights, final double q) {
        var order = new Integer[values.length];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            order[i] = i;
            total += weights[i];
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        long seen = 0;
        for (Integer i : order) {
            seen += weights[i];
            if (seen >= q * total - 1e-9) {
                return values[i];
            }
        }
        return values.length == 0 ? Double.NaN : values[order[order.length - 1]];
    }

    private static boolean whole(final double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15;
    }
}
