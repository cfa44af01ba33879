package io.mlcd.quality;

import io.mlcd.drift.ColumnType;
import java.util.Map;

/**
 * How {@link SchemaInference} turns what it observed into constraints.
 *
 * @param maxDomain   the most distinct values a categorical column may have to get a domain
 * @param rangeMargin widens a numeric range by this share of its span at each end (0: observed min and max)
 * @param rowsMargin  the row count range is the observed count × (1 ± this)
 * @param types       column types given by the user; others are inferred by the profiler
 */
public record InferenceOptions(int maxDomain, double rangeMargin, double rowsMargin, Map<String, ColumnType> types) {
    public static final int MAX_DOMAIN = 50;
    public static final double ROWS_MARGIN = 0.5;
    /** A larger domain is not one a person reads or edits; the profile counts 10,000 values exactly. */
    public static final int DOMAIN_LIMIT = 10_000;

    public InferenceOptions {
        if (maxDomain < 0 || maxDomain > DOMAIN_LIMIT) {
            throw new IllegalArgumentException("the largest domain must be in [0, " + DOMAIN_LIMIT + "], not "
                    + maxDomain);
        }
        if (!(rangeMargin >= 0 && rangeMargin <= 100)) {
            throw new IllegalArgumentException("the range margin must be a share of the span in [0, 100], not "
                    + rangeMargin);
        }
        if (!(rowsMargin >= 0 && rowsMargin <= 100)) {
            throw new IllegalArgumentException("the rows margin must be a share of the row count in [0, 100], not "
                    + rowsMargin);
        }
        types = Map.copyOf(types);
    }

    public static InferenceOptions defaults() {
        return new InferenceOptions(MAX_DOMAIN, 0, ROWS_MARGIN, Map.of());
    }
}
