package io.mlcd.drift;

import io.mlcd.util.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Both sides of a column counted in the same bins. Categorical and boolean columns, and numeric
 * columns with at most {@value #FEW_VALUES} distinct reference values, get one bin per value of
 * reference ∪ current. Other numeric columns get bins fixed by the reference deciles, so the bins
 * never move with the current data.
 *
 * @param labels    bin labels for reports
 * @param edges     upper edges of the numeric decile bins (the last bin is open), empty otherwise
 * @param reference counts per bin on the reference side (estimated from the sketch when inexact)
 * @param current   counts per bin on the current side
 */
public record Binned(List<String> labels, double[] edges, double[] reference, double[] current) {
    static final int FEW_VALUES = 20;
    static final int DECILE_BINS = 10;

    public static Binned of(final ColumnProfile reference, final ColumnProfile current) {
        if (reference.type() != ColumnType.NUMERIC) {
            return categories(reference.categoricalProfile().orElseThrow(), current.categoricalProfile().orElseThrow());
        }
        var ref = reference.numericProfile().orElseThrow();
        var cur = current.numericProfile().orElseThrow();
        if (ref.distinct().isPresent() && cur.distinct().isPresent() && ref.distinct().get().size() <= FEW_VALUES) {
            return values(ref, cur);
        }
        return deciles(new NumericSide(reference), new NumericSide(current));
    }

    public double[] referenceShares() {
        return shares(reference);
    }

    public double[] currentShares() {
        return shares(current);
    }

    /** Counts divided by their total (all 0 when the total is 0). */
    public static double[] shares(final double[] counts) {
        double total = 0;
        for (double count : counts) {
            total += count;
        }
        var shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = total == 0 ? 0 : counts[i] / total;
        }
        return shares;
    }

    private static Binned categories(final CategoricalProfile ref, final CategoricalProfile cur) {
        var names = new TreeSet<>(ref.counts().keySet());
        names.addAll(cur.counts().keySet());
        var labels = new ArrayList<>(names);
        var withOther = ref.other() > 0 || cur.other() > 0;
        if (withOther) {
            labels.add("(other)");
        }
        var r = new double[labels.size()];
        var c = new double[labels.size()];
        for (int i = 0; i < names.size(); i++) {
            r[i] = ref.counts().getOrDefault(labels.get(i), 0L);
            c[i] = cur.counts().getOrDefault(labels.get(i), 0L);
        }
        if (withOther) {
            r[labels.size() - 1] = ref.other();
            c[labels.size() - 1] = cur.other();
        }
        return new Binned(labels, new double[0], r, c);
    }

    private static Binned values(final NumericProfile ref, final NumericProfile cur) {
        var union = new TreeMap<Double, double[]>();
        ref.distinct().orElseThrow().forEach((value, count) -> union.computeIfAbsent(value, v -> new double[2])[0] = count);
        cur.distinct().orElseThrow().forEach((value, count) -> union.computeIfAbsent(value, v -> new double[2])[1] = count);
        var labels = new ArrayList<String>();
        var r = new double[union.size()];
        var c = new double[union.size()];
        var i = 0;
        for (var entry : union.entrySet()) {
            labels.add(Numbers.format(entry.getKey()));
            r[i] = entry.getValue()[0];
            c[i++] = entry.getValue()[1];
        }
        return new Binned(labels, new double[0], r, c);
    }

    /** The upper edges of the reference's decile bins (distinct, ascending) of a numeric column. */
    public static double[] decileEdges(final ColumnProfile reference) {
        return decileEdges(new NumericSide(reference));
    }

    /**
     * The reference's decile bins with the current side's counts given: data validation counts
     * the batch's values in these bins exactly while it reads the rows.
     *
     * @param edges   {@link #decileEdges} of the reference
     * @param current counts per bin, {@code edges.length + 1} of them
     */
    public static Binned withCurrentCounts(final ColumnProfile reference, final double[] edges, final long[] current) {
        if (current.length != edges.length + 1) {
            throw new IllegalArgumentException(current.length + " counts for " + (edges.length + 1) + " bins");
        }
        var counts = new double[current.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = current[i];
        }
        return new Binned(labels(edges), edges.clone(), counts(new NumericSide(reference), edges), counts);
    }

    private static double[] decileEdges(final NumericSide ref) {
        var edges = new TreeSet<Double>();
        for (int k = 1; k < DECILE_BINS; k++) {
            edges.add(ref.quantile(k / (double) DECILE_BINS));
        }
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Binned deciles(final NumericSide ref, final NumericSide cur) {
        var upper = decileEdges(ref);
        return new Binned(labels(upper), upper, counts(ref, upper), counts(cur, upper));
    }

    private static List<String> labels(final double[] upper) {
        var labels = new ArrayList<String>();
        for (int i = 0; i <= upper.length; i++) {
            labels.add(i == 0 ? "≤ " + Numbers.format(upper[0])
                    : i == upper.length ? "> " + Numbers.format(upper[i - 1])
                            : Numbers.format(upper[i - 1]) + " – " + Numbers.format(upper[i]));
        }
        return labels;
    }

    /** Counts per bin (−∞, e1], (e1, e2], …, (e_last, +∞). */
    private static double[] counts(final NumericSide side, final double[] upper) {
        var counts = new double[upper.length + 1];
        var below = 0.0;
        for (int i = 0; i < upper.length; i++) {
            var atOrBelow = side.cdf(upper[i]) * side.count();
            counts[i] = atOrBelow - below;
            below = atOrBelow;
        }
        counts[upper.length] = side.count() - below;
        return counts;
    }
}
