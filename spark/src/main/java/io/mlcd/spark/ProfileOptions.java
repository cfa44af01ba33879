package io.mlcd.spark;

import io.mlcd.drift.ColumnType;
import java.util.Map;

/**
 * How {@link SparkProfiles} profiles a data set.
 *
 * @param source the data set's name, which the profile keeps as its source (e.g. the input path)
 * @param types  column types that override the ones Spark's schema gives, by column name
 */
public record ProfileOptions(String source, Map<String, ColumnType> types) {
    public ProfileOptions {
        types = Map.copyOf(types);
    }

    /** Types from Spark's schema alone. */
    public static ProfileOptions named(final String source) {
        return new ProfileOptions(source, Map.of());
    }
}
