package io.mlcd.robustness;

import io.mlcd.drift.Binned;
import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.scoring.Frame;
import io.mlcd.util.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;

/**
 * Finds the slices where the model is most sensitive. Slices are the bins of one column (the
 * profile's decile bins of a numeric column, or the rows' deciles without a profile; one bin per
 * value of a few-valued or categorical column; one for missing values) and every pair of bins of
 * two of the {@value #PAIR_COLUMNS} most sensitive columns (pairs of all columns would grow with the
 * square of their number, and dilute the correction with slices that cannot matter). Each slice with at least {@link #MIN_ROWS} rows in it and outside is tested with
 * the one-sided Mann-Whitney U test (normal approximation with tie and continuity correction,
 * SciPy's {@code mannwhitneyu(alternative="greater")}) of its rows' sensitivity against the other
 * rows'; the p-values of all slices tested are adjusted by Benjamini-Hochberg, and a slice is
 * significant at false discovery rate {@link #FDR}.
 */
public final class WeakSegments {
    public static final int MIN_ROWS = 20;
    public static final double FDR = 0.05;
    /** Slices reported: the lowest adjusted p-values. */
    public static final int REPORTED = 20;
    /** Columns whose pairs of bins are tested: the most sensitive ones. */
    public static final int PAIR_COLUMNS = 10;
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    /** What was found: how many slices were tested, how many are significant, and the strongest ones. */
    public record Found(int tested, int significant, List<WeakSegment> segments) {
        public Found {
            segments = List.copyOf(segments);
        }
    }

    /** The bins of one column: the bin of each row and the condition of each bin. */
    private record ColumnBins(int[] bins, List<String> labels) {
    }

    private WeakSegments() {
    }

    /**
     * @param sensitivity per row: how much its answer reacted to the perturbations
     * @param ranking     the columns, most sensitive first: pairs are formed among the first {@value #PAIR_COLUMNS}
     */
    public static Found find(final Frame rows, final Bounds bounds, final Optional<Profile> profile,
            final double[] sensitivity, final List<String> ranking) {
        var n = rows.rows();
        if (n < 2 * MIN_ROWS) {
            return new Found(0, 0, List.of());
        }
        var ranks = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE).rank(sensitivity);
        var tieTerm = tieTerm(sensitivity);
        var columns = new ArrayList<ColumnBins>();
        for (int c = 0; c < rows.columns().size(); c++) {
            columns.add(bins(rows, c, bounds.column(rows.columns().get(c)), profile));
        }
        var tests = new ArrayList<Test>();
        for (ColumnBins column : columns) {
            slices(List.of(column), ranks, sensitivity, tieTerm, tests);
        }
        var paired = ranking.stream().limit(PAIR_COLUMNS).mapToInt(name -> rows.columns().indexOf(name))
                .filter(index -> index >= 0).sorted().toArray();
        for (int a = 0; a < paired.length; a++) {
            for (int b = a + 1; b < paired.length; b++) {
                slices(List.of(columns.get(paired[a]), columns.get(paired[b])), ranks, sensitivity, tieTerm, tests);
            }
        }
        var p = tests.stream().mapToDouble(Test::p).toArray();
        var adjusted = BenjaminiHochberg.adjust(p);
        var segments = new ArrayList<WeakSegment>();
        var significant = 0;
        for (int i = 0; i < tests.size(); i++) {
            var test = tests.get(i);
            significant += adjusted[i] <= FDR ? 1 : 0;
            segments.add(new WeakSegment(test.conditions, test.rows, test.mean, test.otherMean, p[i], adjusted[i],
                    adjusted[i] <= FDR));
        }
        segments.sort(Comparator.comparingDouble(WeakSegment::adjustedP).thenComparingDouble(WeakSegment::pValue)
                .thenComparing(Comparator.comparingDouble(WeakSegment::sensitivity).reversed())
                .thenComparingInt(segment -> segment.conditions().size()));
        return new Found(tests.size(), significant, segments.subList(0, Math.min(REPORTED, segments.size())));
    }

    private record Test(List<String> conditions, int rows, double mean, double otherMean, double p) {
    }

    /** Tests every slice of the bins of one or two columns. */
    private static void slices(final List<ColumnBins> columns, final double[] ranks, final double[] sensitivity,
            final double tieTerm, final List<Test> tests) {
        var n = ranks.length;
        var first = columns.get(0);
        var second = columns.size() > 1 ? columns.get(1) : null;
        var width = second == null ? 1 : second.labels().size();
        var cells = first.labels().size() * width;
        var counts = new int[cells];
        var rankSums = new double[cells];
        var sums = new double[cells];
        double total = 0;
        for (int r = 0; r < n; r++) {
            var cell = first.bins()[r] * width + (second == null ? 0 : second.bins()[r]);
            counts[cell]++;
            rankSums[cell] += ranks[r];
            sums[cell] += sensitivity[r];
            total += sensitivity[r];
        }
        for (int cell = 0; cell < cells; cell++) {
            var n1 = counts[cell];
            var n2 = n - n1;
            if (n1 < MIN_ROWS || n2 < MIN_ROWS) {
                continue;
            }
            var conditions = new ArrayList<String>();
            conditions.add(first.labels().get(cell / width));
            if (second != null) {
                conditions.add(second.labels().get(cell % width));
            }
            tests.add(new Test(conditions, n1, sums[cell] / n1, (total - sums[cell]) / n2,
                    greater(rankSums[cell], n1, n2, tieTerm)));
        }
    }

    /** One-sided p-value of "the slice's values are larger", from the slice's rank sum among all rows. */
    static double greater(final double rankSum, final long n1, final long n2, final double tieTerm) {
        var u = rankSum - n1 * (n1 + 1) / 2.0;
        var n = (double) n1 + n2;
        var sd = Math.sqrt((double) n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
        if (!(sd > 0)) {
            return 1;
        }
        var z = (u - (double) n1 * n2 / 2 - 0.5) / sd;
        return NORMAL.cumulativeProbability(-z);
    }

    /** The sum of t^3 - t over groups of t tied values. */
    private static double tieTerm(final double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        var term = 0.0;
        for (int start = 0; start < sorted.length;) {
            int end = start + 1;
            while (end < sorted.length && sorted[end] == sorted[start]) {
                end++;
            }
            double ties = end - start;
            term += ties * ties * ties - ties;
            start = end;
        }
        return term;
    }

    private static ColumnBins bins(final Frame rows, final int c, final ColumnBounds bounds,
            final Optional<Profile> profile) {
        var name = rows.columns().get(c);
        var labels = new ArrayList<String>();
        var bins = new int[rows.rows()];
        if (rows.isNumeric(c) && bounds.frequent().isEmpty()) {
            var edges = profile.flatMap(p -> p.column(name))
                    .filter(column -> column.type() == ColumnType.NUMERIC && column.count() > 0)
                    .map(Binned::decileEdges).orElseGet(() -> deciles(rows, c));
            for (int i = 0; i <= edges.length; i++) {
                labels.add(edges.length == 0 ? name + " has a value" : i == 0 ? name + " <= " + Numbers.format(edges[0])
                        : i == edges.length ? name + " > " + Numbers.format(edges[i - 1])
                        : Numbers.format(edges[i - 1]) + " < " + name + " <= " + Numbers.format(edges[i]));
            }
            labels.add(name + " missing");
            for (int r = 0; r < bins.length; r++) {
                var x = rows.number(c, r);
                bins[r] = Double.isNaN(x) ? edges.length + 1 : upperBound(edges, x);
            }
            return new ColumnBins(bins, labels);
        }
        var values = bounds.frequent();
        values.forEach(value -> labels.add(name + " = " + (rows.isNumeric(c)
                ? Numbers.format(Double.parseDouble(value)) : value)));
        labels.add(name + " is another value");
        labels.add(name + " missing");
        for (int r = 0; r < bins.length; r++) {
            var text = rows.isNumeric(c) ? numberText(rows.number(c, r)) : rows.text(c, r);
            var index = text == null ? -1 : values.indexOf(text);
            bins[r] = text == null ? values.size() + 1 : index < 0 ? values.size() : index;
        }
        return new ColumnBins(bins, labels);
    }

    private static String numberText(final double x) {
        return Double.isNaN(x) ? null : Double.toString(x);
    }

    /** The bin of x: the first edge at or above it, or the open last bin. */
    private static int upperBound(final double[] edges, final double x) {
        for (int i = 0; i < edges.length; i++) {
            if (x <= edges[i]) {
                return i;
            }
        }
        return edges.length;
    }

    private static double[] deciles(final Frame rows, final int c) {
        var values = new double[rows.rows()];
        var n = 0;
        for (int r = 0; r < rows.rows(); r++) {
            var x = rows.number(c, r);
            if (!Double.isNaN(x)) {
                values[n++] = x;
            }
        }
        var sorted = Arrays.copyOf(values, n);
        if (n == 0) {
            return new double[0];
        }
        Arrays.sort(sorted);
        return java.util.stream.IntStream.range(1, 10).mapToDouble(k -> Bounds.quantile(sorted, k / 10.0)).distinct()
                .toArray();
    }
}
