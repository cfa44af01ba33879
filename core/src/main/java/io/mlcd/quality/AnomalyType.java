package io.mlcd.quality;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of anomaly a batch can have, by the id reports, metrics ({@code anomalies[ID]}) and
 * docs use, with the name TensorFlow Data Validation gives the same finding where it has one.
 */
public enum AnomalyType {
    MISSING_COLUMN("SCHEMA_MISSING_COLUMN"),
    NEW_COLUMN("SCHEMA_NEW_COLUMN"),
    TYPE_MISMATCH("UNEXPECTED_DATA_TYPE"),
    LOW_COMPLETENESS("FEATURE_TYPE_LOW_FRACTION_PRESENT"),
    OUT_OF_DOMAIN("ENUM_TYPE_UNEXPECTED_STRING_VALUES"),
    OUT_OF_RANGE("FLOAT_TYPE_SMALL_FLOAT / FLOAT_TYPE_BIG_FLOAT"),
    LENGTH_OUT_OF_RANGE(null),
    PATTERN_MISMATCH(null),
    NOT_UNIQUE(null),
    ROW_COUNT_OUT_OF_RANGE("DATASET_LOW_NUM_EXAMPLES / DATASET_HIGH_NUM_EXAMPLES"),
    STATISTIC_OUT_OF_RANGE(null),
    SKEW_TOO_HIGH("COMPARATOR_L_INFTY_HIGH / COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH");

    private final String tfdv;

    AnomalyType(final String tfdv) {
        this.tfdv = tfdv;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** TFDV's anomaly type for the same finding, when TFDV has one. */
    public Optional<String> tfdvName() {
        return Optional.ofNullable(tfdv);
    }

    public static Optional<AnomalyType> fromId(final String id) {
        for (AnomalyType type : values()) {
            if (type.id().equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
