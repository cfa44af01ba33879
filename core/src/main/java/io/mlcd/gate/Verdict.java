package io.mlcd.gate;

import java.util.List;

/**
 * The verdict of a step: the worst gate outcome weighted by severity. Jenkins maps PASSED to
 * SUCCESS, WARNING to UNSTABLE and FAILED to FAILURE; the CLI exits with {@link #exitStatus()}.
 */
public enum Verdict {
    PASSED(0),
    WARNING(3),
    FAILED(1);

    private final int exitStatus;

    Verdict(final int exitStatus) {
        this.exitStatus = exitStatus;
    }

    /** The exit status of the CLI contract: 0 passed, 3 warning, 1 failed. */
    public int exitStatus() {
        return exitStatus;
    }

    /** The worst of the results; no gates at all is PASSED. */
    public static Verdict of(final List<GateResult> results) {
        var verdict = PASSED;
        for (GateResult result : results) {
            if (result.outcome().fellShort()) {
                var candidate = result.gate().severity() == Severity.FAIL ? FAILED : WARNING;
                if (candidate.ordinal() > verdict.ordinal()) {
                    verdict = candidate;
                }
            }
        }
        return verdict;
    }
}
