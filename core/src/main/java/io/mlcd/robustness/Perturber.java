package io.mlcd.robustness;

import io.mlcd.scoring.Frame;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Applies perturbations to rows, reproducibly: the random stream of each perturbation is seeded
 * by the run's seed and the perturbation's id, so the same seed gives the same rows, and adding or
 * removing a perturbation leaves the others' rows as they were. Missing values stay missing
 * (except under {@code missing}); values are clipped to the column's 1st..99th percentile, but a
 * value already outside that range is never moved further out; whole-number columns stay whole.
 */
public final class Perturber {
    private final long seed;

    public Perturber(final long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The rows perturbed, and how many of them changed. */
    public record Perturbed(Frame rows, int changedRows) {
    }

    public Perturbed apply(final Perturbation perturbation, final Frame frame, final Bounds bounds) {
        var random = random(perturbation.id());
        var changed = new boolean[frame.rows()];
        var result = frame;
        if (perturbation instanceof Perturbation.Noise noise) {
            for (int c : targets(frame, noise.target())) {
                var column = bounds.column(frame.columns().get(c));
                if (!Perturbation.EVERY.equals(noise.target()) || column.canMove()) {
                    result = noisy(result, c, column, noise.level(), random, changed);
                }
            }
        }
        else if (perturbation instanceof Perturbation.Shift shift) {
            for (int c : targets(frame, shift.target())) {
                var column = bounds.column(frame.columns().get(c));
                if (!Perturbation.EVERY.equals(shift.target()) || column.canMove()) {
                    result = shifted(result, c, column, shift.level(), changed);
                }
            }
        }
        else if (perturbation instanceof Perturbation.Swap swap) {
            for (int c : targets(frame, swap.target())) {
                var column = bounds.column(frame.columns().get(c));
                if (!Perturbation.EVERY.equals(swap.target()) || isCategorical(column)) {
                    result = swapped(result, c, column, 1.0, random, changed);
                }
            }
        }
        else if (perturbation instanceof Perturbation.Missing missing) {
            result = Perturbation.EVERY.equals(missing.target()) ? oneMissing(frame, random, changed)
                    : allMissing(frame, index(frame, missing.target()), changed);
        }
        else if (perturbation instanceof Perturbation.All all) {
            for (int c = 0; c < frame.columns().size(); c++) {
                var column = bounds.column(frame.columns().get(c));
                if (column.canMove()) {
                    result = noisy(result, c, column, all.level(), random, changed);
                }
                else if (isCategorical(column)) {
                    result = swapped(result, c, column, all.level(), random, changed);
                }
            }
        }
        var count = 0;
        for (boolean row : changed) {
            count += row ? 1 : 0;
        }
        return new Perturbed(result, count);
    }

    /** Columns a default swap or {@code all} changes by swapping: text, or few-valued numbers without spread. */
    static boolean isCategorical(final ColumnBounds column) {
        return column.canSwap() && !column.canMove();
    }

    private SplittableRandom random(final String id) {
        var hash = 0xcbf29ce484222325L; // FNV-1a, 64 bits: stable across JVMs, unlike String.hashCode's 32 bits
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + hash);
    }

    private static int[] targets(final Frame frame, final String target) {
        if (Perturbation.EVERY.equals(target)) {
            return java.util.stream.IntStream.range(0, frame.columns().size()).toArray();
        }
        return new int[] {index(frame, target)};
    }

    static int index(final Frame frame, final String column) {
        var index = frame.columns().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column);
        }
        return index;
    }

    private static Frame noisy(final Frame frame, final int c, final ColumnBounds column, final double level,
            final SplittableRandom random, final boolean[] changed) {
        var values = new double[frame.rows()];
        var sd = level * column.spread();
        for (int r = 0; r < values.length; r++) {
            var x = frame.number(c, r);
            values[r] = Double.isNaN(x) ? x : plausible(x + sd * gaussian(random), x, column);
            changed[r] |= values[r] != x && !Double.isNaN(x);
        }
        return frame.withNumbers(c, values);
    }

    private static Frame shifted(final Frame frame, final int c, final ColumnBounds column, final double level,
            final boolean[] changed) {
        var values = new double[frame.rows()];
        for (int r = 0; r < values.length; r++) {
            var x = frame.number(c, r);
            values[r] = Double.isNaN(x) ? x : plausible(x + level * column.spread(), x, column);
            changed[r] |= values[r] != x && !Double.isNaN(x);
        }
        return frame.withNumbers(c, values);
    }

    /** Clipped to [p1, p99] widened to include x, and rounded in whole-number columns. */
    private static double plausible(final double value, final double x, final ColumnBounds column) {
        var clipped = Math.max(Math.min(column.low(), x), Math.min(Math.max(column.high(), x), value));
        return column.integral() ? Math.rint(clipped) : clipped;
    }

    /** A standard normal draw by Box-Muller from two uniforms: the same on every JVM. */
    private static double gaussian(final SplittableRandom random) {
        var u = 1.0 - random.nextDouble(); // in (0, 1]: the log stays finite
        var v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static Frame swapped(final Frame frame, final int c, final ColumnBounds column, final double probability,
            final SplittableRandom random, final boolean[] changed) {
        var values = column.frequent();
        var weights = column.weights();
        long total = 0;
        for (long weight : weights) {
            total += weight;
        }
        if (frame.isNumeric(c)) {
            var numbers = new double[values.size()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = Double.parseDouble(values.get(i));
            }
            var out = new double[frame.rows()];
            for (int r = 0; r < out.length; r++) {
                var x = frame.number(c, r);
                out[r] = x;
                if (!Double.isNaN(x) && draw(random, probability)) {
                    var own = indexOf(numbers, x);
                    out[r] = numbers[pick(random, weights, total, own)];
                    changed[r] |= out[r] != x;
                }
            }
            return frame.withNumbers(c, out);
        }
        var out = new String[frame.rows()];
        for (int r = 0; r < out.length; r++) {
            var x = frame.text(c, r);
            out[r] = x;
            if (x != null && draw(random, probability)) {
                out[r] = values.get(pick(random, weights, total, values.indexOf(x)));
                changed[r] |= !out[r].equals(x);
            }
        }
        return frame.withTexts(c, out);
    }

    private static boolean draw(final SplittableRandom random, final double probability) {
        return probability >= 1 || random.nextDouble() < probability;
    }

    /** A frequent value other than the row's own ({@code own}, -1 if it is not frequent), drawn by count. */
    private static int pick(final SplittableRandom random, final java.util.List<Long> weights, final long total,
            final int own) {
        var available = own < 0 ? total : total - weights.get(own);
        var target = random.nextLong(available);
        for (int i = 0; i < weights.size(); i++) {
            if (i == own) {
                continue;
            }
            target -= weights.get(i);
            if (target < 0) {
                return i;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    private static int indexOf(final double[] values, final double x) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static Frame allMissing(final Frame frame, final int c, final boolean[] changed) {
        for (int r = 0; r < frame.rows(); r++) {
            changed[r] |= frame.isNumeric(c) ? !Double.isNaN(frame.number(c, r)) : frame.text(c, r) != null;
        }
        if (frame.isNumeric(c)) {
            var values = new double[frame.rows()];
            java.util.Arrays.fill(values, Double.NaN);
            return frame.withNumbers(c, values);
        }
        return frame.withTexts(c, new String[frame.rows()]);
    }

    private static Frame oneMissing(final Frame frame, final SplittableRandom random, final boolean[] changed) {
        var columns = frame.columns().size();
        var chosen = new int[frame.rows()];
        for (int r = 0; r < chosen.length; r++) {
            chosen[r] = random.nextInt(columns);
        }
        var result = frame;
        for (int c = 0; c < columns; c++) {
            if (frame.isNumeric(c)) {
                var values = new double[frame.rows()];
                for (int r = 0; r < values.length; r++) {
                    values[r] = chosen[r] == c ? Double.NaN : frame.number(c, r);
                    changed[r] |= chosen[r] == c && !Double.isNaN(frame.number(c, r));
                }
                result = result.withNumbers(c, values);
            }
            else {
                var values = new String[frame.rows()];
                for (int r = 0; r < values.length; r++) {
                    values[r] = chosen[r] == c ? null : frame.text(c, r);
                    changed[r] |= chosen[r] == c && frame.text(c, r) != null;
                }
                result = result.withTexts(c, values);
            }
        }
        return result;
    }
}
