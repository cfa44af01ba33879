package io.mlcd.drift;

import io.mlcd.util.InputException;
import java.util.Locale;

/** How a column's values are profiled and tested. */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL,
    BOOLEAN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColumnType fromId(final String id) {
        for (ColumnType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no column type " + id);
    }

    /** A column type a user gave with {@code option}. */
    public static ColumnType fromUser(final String option, final String id) {
        try {
            return fromId(id);
        }
        catch (IllegalArgumentException e) {
            throw new InputException("%s: '%s' is not numeric, categorical or boolean", option, id);
        }
    }
}
