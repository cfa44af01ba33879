package io.mlcd.drift;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.mlcd.data.CharSlice;
import io.mlcd.util.InputException;
import java.util.Arrays;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Profiles one chunk of a column while the file streams by, then {@link #merge}s with the
 * profilers of the chunks after it into the profiler of the whole column: counts, extremes, exact
 * values (in file order) and distinct values as if one profiler had seen every value; the sketch
 * within its error. Values that do not fit the column's type are counted as unparseable and
 * treated as missing, up to {@link #TOLERANCE} of the values; more is an input error naming the
 * first such value. A numeric chunk keeps its values (a chunk is bounded in values, see
 * {@link Profiler}) and builds its quantile sketch (about 25 kB) from them at once when it ends,
 * and only when it has many, so a file of many columns and few rows costs little per column.
 */
final class ColumnProfiler {
    /** Largest share of unparseable values that is still counted as missing rather than an error. */
    static final double TOLERANCE = 0.01;
    /** What {@link #add} made of a value. */
    static final byte PRESENT = 0;
    static final byte MISSING = 1;
    static final byte UNPARSEABLE = 2;
    /** Values from which a chunk's profiler builds its own sketch, on its worker's core, for the merge. */
    private static final int CHUNK_SKETCH_MIN = 2048;

    private final String name;
    private final ColumnType type;
    private final double tolerance;
    private long count;
    private long missing;
    private long unparseable;
    private long firstBadLine;
    private String firstBadValue;
    private KllDoublesSketch sketch;
    private NumericSummary.Accumulator summary;
    /** The values in file order while they are at most {@link NumericProfile#EXACT_LIMIT}, or all of a chunk's. */
    private double[] exact;
    private DoubleCounts distinct;
    private CategoricalCounter categories;
    private double number = Double.NaN;

    /**
     * @param tolerance     largest share of unparseable values counted as missing rather than an input error
     * @param rows          rows of the chunk, the most values it can add
     * @param countDistinct whether to count distinct values; false when the column is known to
     *                      have too many (the merged profile then has none either way)
     */
    ColumnProfiler(final String name, final ColumnType type, final double tolerance, final int rows,
            final boolean countDistinct) {
        this.name = name;
        this.type = type;
        this.tolerance = tolerance;
        if (type == ColumnType.NUMERIC) {
            summary = new NumericSummary.Accumulator();
            exact = new double[Math.max(1, rows)];
            distinct = countDistinct ? new DoubleCounts() : null;
        }
        else {
            categories = new CategoricalCounter();
        }
    }

    /**
     * Counts one value.
     *
     * @return {@link #PRESENT}, {@link #MISSING} or {@link #UNPARSEABLE}; a present numeric value is
     *         then {@link #number()}
     */
    byte add(final CharSlice text, final long line) {
        number = Double.NaN;
        return switch (type) {
            case NUMERIC -> addNumber(text, line);
            case BOOLEAN -> addBoolean(text, line);
            default -> addCategory(text);
        };
    }

    /** The number the last value added was read as; NaN unless it was a present numeric value. */
    double number() {
        return number;
    }

    private byte addNumber(final CharSlice text, final long line) {
        double value;
        try {
            if (!mayBeNumber(text)) {
                throw NOT_A_NUMBER; // no exception made per missing or mistyped value
            }
            value = JavaDoubleParser.parseDouble(text.array(), text.offset(), text.length());
        }
        catch (NumberFormatException e) {
            if (MissingValues.isMissing(text) || MissingValues.isInfinity(text)) {
                missing++;
                return MISSING;
            }
            return bad(text, line);
        }
        if (!Double.isFinite(value)) {
            missing++; // NaN and infinities carry no position in a distribution
            return MISSING;
        }
        value += 0.0; // -0.0 and 0.0 are one value
        number = value;
        summary.add(value);
        if (count == exact.length) {
            exact = Arrays.copyOf(exact, (int) Math.min(Integer.MAX_VALUE - 8, 2 * count)); // only if rows was wrong
        }
        exact[(int) count] = value;
        if (distinct != null) {
            distinct.add(value, 1);
            if (distinct.size() > NumericProfile.DISTINCT_LIMIT) {
                distinct = null;
            }
        }
        count++;
        return PRESENT;
    }

    private byte addBoolean(final CharSlice text, final long line) {
        if (MissingValues.isMissing(text)) {
            missing++;
            return MISSING;
        }
        var value = isWord(text, "true") ? "true" : isWord(text, "false") ? "false" : null;
        if (value == null) {
            return bad(text, line);
        }
        categories.add(value);
        count++;
        return PRESENT;
    }

    /** Whether the text is the lower-case word in any case, as pandas reads booleans; no String made. */
    private static boolean isWord(final CharSlice text, final String word) {
        if (text.length() != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(text.charAt(i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private byte addCategory(final CharSlice text) {
        if (MissingValues.isMissing(text)) {
            missing++;
            return MISSING;
        }
        categories.add(text);
        count++;
        return PRESENT;
    }

    private byte bad(final CharSlice text, final long line) {
        if (unparseable++ == 0) {
            firstBadLine = line;
            firstBadValue = text.toString();
        }
        return UNPARSEABLE;
    }

    /** Preallocated: thrown for texts that cannot be numbers, so none costs a stack trace. */
    private static final NumberFormatException NOT_A_NUMBER = new NumberFormatException("not a number");

    ColumnProfile profile(final String file) {
        var seen = count + unparseable;
        if (unparseable > 0 && unparseable > tolerance * seen) {
            throw new InputException("%s, column '%s': %d of %d values (%.1f%%) are not %s, more than the %.0f%% "
                    + "counted as missing; the first is '%s' on line %d (use --type %s=categorical?)", file, name,
                    unparseable, seen, 100.0 * unparseable / seen, type == ColumnType.NUMERIC ? "numbers" : "true/false",
                    100 * tolerance, firstBadValue, firstBadLine, name);
        }
        if (type != ColumnType.NUMERIC) {
            return new ColumnProfile(name, type, count, missing + unparseable, unparseable, null, categories.profile());
        }
        Map<Double, Long> counts = distinct == null ? null : distinct.toMap();
        var values = exact == null ? null : Arrays.copyOf(exact, (int) count);
        try {
            return new ColumnProfile(name, type, count, missing + unparseable, unparseable,
                    new NumericProfile(exact == null ? sketch : sketchOf(values, values.length), summary.summary(),
                            values, counts), null);
        }
        catch (IllegalArgumentException e) {
            // finite values near the largest double can still overflow the running mean or spread
            throw new InputException("%s, column '%s': %s", file, name, e.getMessage());
        }
    }

    /**
     * Ends the chunk: a chunk of many values builds its sketch now, on the worker's core, so the
     * merge, which runs one chunk after another, only combines sketches; the values stay while
     * they are few enough to be kept exactly.
     *
     * @return whether this chunk alone had too many distinct values to count
     */
    boolean finishChunk() {
        if (type != ColumnType.NUMERIC) {
            return false;
        }
        if (count >= CHUNK_SKETCH_MIN) {
            sketch = sketchOf(exact, (int) count);
        }
        if (count > NumericProfile.EXACT_LIMIT) {
            exact = null;
        }
        return distinct == null;
    }

    /** Whether a text can be a number at all (JavaDoubleParser's syntax, leading blanks included). */
    static boolean mayBeNumber(final CharSequence text) {
        if (text.length() == 0) {
            return false;
        }
        var first = text.charAt(0);
        return first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.' || first == 'N'
                || first == 'I' || first <= ' ';
    }

    /** Adds what the profiler of the chunk right after this one's saw; {@code next} is not used afterwards. */
    void merge(final ColumnProfiler next) {
        if (unparseable == 0 && next.unparseable > 0) {
            firstBadLine = next.firstBadLine; // the first bad value of the file is in the first chunk that has one
            firstBadValue = next.firstBadValue;
        }
        unparseable += next.unparseable;
        missing += next.missing;
        if (type == ColumnType.NUMERIC) {
            mergeNumbers(next);
        }
        else {
            categories.merge(next.categories);
        }
        count += next.count;
    }

    private void mergeNumbers(final ColumnProfiler next) {
        summary.merge(next.summary);
        if (exact != null && next.exact != null && count + next.count <= NumericProfile.EXACT_LIMIT) {
            var values = Arrays.copyOf(exact, (int) (count + next.count));
            System.arraycopy(next.exact, 0, values, (int) count, (int) next.count);
            exact = values;
            sketch = null; // built from the values in file order at the end, as for one profiler
        }
        else {
            var merged = sketch != null ? sketch : sketchOf(exact, (int) count);
            if (next.sketch != null) {
                merged.merge(next.sketch);
            }
            else {
                merged.update(next.exact, 0, (int) next.count);
            }
            sketch = merged;
            exact = null;
        }
        if (distinct != null && next.distinct != null) {
            distinct.addAll(next.distinct);
        }
        if (next.distinct == null || distinct != null && distinct.size() > NumericProfile.DISTINCT_LIMIT) {
            distinct = null;
        }
    }

    /** The sketch of the first values, fed in file order as if it had been updated all along. */
    private static KllDoublesSketch sketchOf(final double[] values, final int length) {
        var sketch = KllDoublesSketch.newHeapInstance(NumericProfile.SKETCH_K);
        sketch.update(values, 0, length); // in blocks: about 10% faster than value by value
        return sketch;
    }
}
