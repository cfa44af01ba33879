package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The earlier points of the batch metrics' history series, oldest first, keyed by their MLflow
 * metric key ({@code data.<dataset>.row_count}, {@code data.<dataset>.completeness.<col>},
 * {@code data.<dataset>.mean.<col>}; see {@link #key}). A series with no earlier point may be
 * absent or empty; {@link #NONE} is the history of a batch validated without {@code --history}.
 *
 * @param compared how many earlier points were asked for ({@code --history N}); 0 when none
 */
public record MetricHistory(int compared, Map<String, List<Double>> series) {
    public static final MetricHistory NONE = new MetricHistory(0, Map.of());

    public MetricHistory {
        if (compared < 0) {
            throw new IllegalArgumentException("compared must be >= 0, got " + compared);
        }
        var copy = new LinkedHashMap<String, List<Double>>();
        series.forEach((key, points) -> copy.put(key, List.copyOf(points)));
        series = Collections.unmodifiableMap(copy);
    }

    /** Whether a history was asked for at all. */
    public boolean isRequested() {
        return compared > 0;
    }

    /** The earlier points of one series, oldest first; empty when there are none. */
    public List<Double> points(final String key) {
        return series.getOrDefault(key, List.of());
    }

    /**
     * The key of a history series: {@code data.<dataset>.<metric>} for the data set,
     * {@code data.<dataset>.<metric>.<column>} for a column, with the column's name as it is
     * (the recorder maps characters MLflow refuses when it logs the point, and the history
     * reader maps them the same way, as DataHistoryReader.seriesKeys names the series).
     */
    public static String key(final String dataset, final String metric, @CheckForNull final String column) {
        return "data." + dataset + "." + metric + (column == null ? "" : "." + column);
    }

    /**
     * The change of a metric against its earlier points, as DATA.md defines it; NaN when there is
     * no earlier point.
     *
     * @param kind how the change is measured
     */
    public double change(final String key, final double current, final Change kind) {
        var earlier = points(key);
        if (earlier.isEmpty() || Double.isNaN(current)) {
            return Double.NaN;
        }
        var mean = 0.0;
        for (int i = 0; i < earlier.size(); i++) {
            mean += (earlier.get(i) - mean) / (i + 1);
        }
        var difference = Math.abs(current - mean);
        return switch (kind) {
            case ABSOLUTE -> difference;
            case RELATIVE -> difference / Math.max(Math.abs(mean), 1e-12);
        };
    }

    /** How a change is measured against the mean m of the earlier points. */
    public enum Change {
        /** |x − m|: for shares such as completeness. */
        ABSOLUTE,
        /** |x − m| / max(|m|, 1e-12): for counts and means. */
        RELATIVE
    }
}
