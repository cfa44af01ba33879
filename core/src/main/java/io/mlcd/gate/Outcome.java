package io.mlcd.gate;

/** The result of evaluating one gate. ERROR means it could not be evaluated and counts as FAILED. */
public enum Outcome {
    PASSED,
    FAILED,
    ERROR;

    /** Whether the gate fell short, either by its value or because it could not be evaluated. */
    public boolean fellShort() {
        return this != PASSED;
    }
}
