package io.mlcd.drift;

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
}
