package io.mlcd.canary;

/** Where a rollout stands. PROGRESSING and AWAITING_DECISION can be resumed; the others are final. */
public enum RolloutStatus {
    PROGRESSING,
    AWAITING_DECISION,
    SUCCEEDED,
    ROLLED_BACK;

    public boolean isFinal() {
        return this == SUCCEEDED || this == ROLLED_BACK;
    }
}
