package io.mlcd.validation;

/** Which way a metric improves; reports use it to say whether a change is better or worse. */
public enum Tendency {
    LARGER_IS_BETTER,
    SMALLER_IS_BETTER,
    /** Neither way is better by itself, e.g. a row count or a p-value. */
    NEUTRAL
}
