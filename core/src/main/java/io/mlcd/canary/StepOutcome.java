package io.mlcd.canary;

/** The outcome of one analysis: INCONCLUSIVE when the evidence decides neither way. */
public enum StepOutcome {
    PASSED,
    WARNING,
    INCONCLUSIVE,
    FAILED
}
