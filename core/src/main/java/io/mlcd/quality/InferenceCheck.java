package io.mlcd.quality;

import io.mlcd.drift.ProfiledRow;
import io.mlcd.drift.RowCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What inference needs beyond the profile, gathered in the profiling pass: each column's exact
 * shortest and longest value (in code points) and whether every value was distinct. A column
 * stops being tracked for uniqueness at its first repeated value or first number with a
 * fraction, so memory is spent only on columns that may be keys. Missing and unreadable values
 * are not looked at.
 */
final class InferenceCheck implements RowCheck<InferenceCheck> {
    private final List<String> header;
    private final long[] shortest;
    private final long[] longest;
    private final ValueHashes[] distinct;
    private final boolean[] fractional;

    InferenceCheck(final List<String> header) {
        this.header = List.copyOf(header);
        var columns = header.size();
        shortest = new long[columns];
        longest = new long[columns];
        distinct = new ValueHashes[columns];
        fractional = new boolean[columns];
        Arrays.fill(shortest, Long.MAX_VALUE);
        Arrays.fill(longest, -1);
        for (int i = 0; i < columns; i++) {
            distinct[i] = new ValueHashes();
        }
    }

    @Override
    public void accept(final ProfiledRow row) {
        for (int column = 0; column < shortest.length; column++) {
            if (row.isMissing(column)) {
                continue;
            }
            var text = row.text(column);
            long length = Character.codePointCount(text, 0, text.length());
            shortest[column] = Math.min(shortest[column], length);
            longest[column] = Math.max(longest[column], length);
            var number = row.number(column);
            if (Double.isFinite(number) && number != Math.rint(number)) {
                fractional[column] = true;
                distinct[column] = null; // distinct measurements are no key: uniqueness is not inferred
            }
            if (distinct[column] != null) {
                var hash = Double.isFinite(number) ? ValueHashes.ofNumber(number) : ValueHashes.ofText(text);
                if (!distinct[column].add(hash)) {
                    distinct[column] = null;
                }
            }
        }
    }

    @Override
    public void merge(final InferenceCheck next) {
        if (!header.equals(next.header)) {
            throw new IllegalArgumentException("cannot merge checks of different columns");
        }
        for (int column = 0; column < shortest.length; column++) {
            shortest[column] = Math.min(shortest[column], next.shortest[column]);
            longest[column] = Math.max(longest[column], next.longest[column]);
            fractional[column] |= next.fractional[column];
            if (distinct[column] != null && (next.distinct[column] == null || !distinct[column].addAll(
                    next.distinct[column]))) {
                distinct[column] = null;
            }
        }
    }

    /** The shortest and longest value of a column, or empty when it had no value. */
    Optional<long[]> lengths(final String column) {
        var i = header.indexOf(column);
        return i < 0 || longest[i] < 0 ? Optional.empty() : Optional.of(new long[] {shortest[i],
            longest[i]});
    }

    /** Whether no value of the column occurred twice. */
    boolean isDistinct(final String column) {
        var i = header.indexOf(column);
        return i >= 0 && distinct[i] != null;
    }

    /** Whether some numeric value of the column had a fraction. */
    boolean hasFractions(final String column) {
        var i = header.indexOf(column);
        return i >= 0 && fractional[i];
    }
}
