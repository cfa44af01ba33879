package io.mlcd.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a profile knows of one column: its type, how many values it had and lacked, and its
 * distribution (numeric, or categorical for categorical and boolean columns).
 *
 * @param count       non-missing values
 * @param missing     missing values (empty cells, null, NaN and pandas' other missing markers)
 * @param unparseable values of a numeric or boolean column that were not numbers or booleans,
 *                    counted as missing
 */
public record ColumnProfile(String name, ColumnType type, long count, long missing, long unparseable,
        @CheckForNull NumericProfile numeric, @CheckForNull CategoricalProfile categorical) {
    private static final Set<String> BOOLEANS = Set.of("true", "false");

    public ColumnProfile {
        if ((type == ColumnType.NUMERIC) != (numeric != null) || (type != ColumnType.NUMERIC) != (categorical != null)) {
            throw new IllegalArgumentException("column " + name + ": distribution does not fit type " + type.id());
        }
        if (count < 0 || missing < 0 || unparseable < 0 || unparseable > missing) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "count %d, missing %d, unparseable %d: "
                    + "counts must be >= 0 and the unparseable values are among the missing", count, missing, unparseable));
        }
        if (numeric != null && numeric.summary().count() != count) {
            throw new IllegalArgumentException("the summary counts " + numeric.summary().count() + " values, the column "
                    + count);
        }
        if (categorical != null) {
            categorical.checkTotal(count);
            if (type == ColumnType.BOOLEAN && !BOOLEANS.containsAll(categorical.counts().keySet())) {
                throw new IllegalArgumentException("a boolean column counts values other than true and false: "
                        + categorical.counts().keySet());
            }
        }
    }

    public Optional<NumericProfile> numericProfile() {
        return Optional.ofNullable(numeric);
    }

    public Optional<CategoricalProfile> categoricalProfile() {
        return Optional.ofNullable(categorical);
    }

    /** The profile of this column over the rows of both profiles. */
    ColumnProfile merge(final ColumnProfile other) {
        if (!name.equals(other.name) || type != other.type) {
            throw new IllegalArgumentException("cannot merge column " + name + " (" + type.id() + ") with "
                    + other.name + " (" + other.type.id() + ")");
        }
        return new ColumnProfile(name, type, count + other.count, missing + other.missing,
                unparseable + other.unparseable, numeric == null ? null : numeric.merge(other.numeric),
                categorical == null ? null : categorical.merge(other.categorical));
    }
}
