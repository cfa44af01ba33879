package io.mlcd.gate;

/**
 * The result of evaluating one gate. ERROR means it could not be evaluated; INCONCLUSIVE that
 * the evidence decides neither way (too little traffic, a difference within the noise). Both
 * count as FAILED in a verdict: no data is never a pass.
 */
public enum Outcome {
    PASSED,
    FAILED,
    ERROR,
    INCONCLUSIVE;

    /** Whether the gate fell short, either by its value or because it could not be evaluated. */
    public boolean fellShort() {
        return this != PASSED;
    }
}
