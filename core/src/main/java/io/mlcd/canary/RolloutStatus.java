package io.mlcd.canary;

/**
 * Where a rollout stands. PROGRESSING and AWAITING_DECISION can be resumed; the others are final.
 * ABORTED is a rollback asked for from outside (a cancelled job, a signal, an aborted build), as
 * opposed to ROLLED_BACK, which the analysis or an error decided.
 */
public enum RolloutStatus {
    PROGRESSING,
    AWAITING_DECISION,
    SUCCEEDED,
    ROLLED_BACK,
    ABORTED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == ROLLED_BACK || this == ABORTED;
    }
}
