package io.mlcd.canary;

import io.mlcd.gate.Verdict;

/**
 * A rollout seen as a step's result: SUCCEEDED is PASSED (WARNING when a WARN gate fell short on
 * the way), ROLLED_BACK and ABORTED are FAILED, and AWAITING_DECISION is WARNING: the build is unstable until
 * a person decides.
 */
public record RolloutResult(RolloutPlan plan, RolloutState state) {
    public Verdict verdict() {
        return switch (state.status()) {
            case SUCCEEDED -> state.history().stream().anyMatch(step -> step.outcome() == StepOutcome.WARNING)
                    ? Verdict.WARNING : Verdict.PASSED;
            case ROLLED_BACK, ABORTED -> Verdict.FAILED;
            default -> Verdict.WARNING;
        };
    }

    /** One line: what happened and why. */
    public String summary() {
        var path = new StringBuilder();
        for (StepRecord step : state.history()) {
            path.append(step.weight()).append("% ").append(step.outcome().name()).append(", ");
        }
        return switch (state.status()) {
            case SUCCEEDED -> state.history().isEmpty() ? verdict() + ": rollout SUCCEEDED at 100% without an analysis"
                    : verdict() + ": rollout SUCCEEDED at 100% after " + state.history().size() + " analyses ("
                            + path.toString().replaceAll(", $", "") + ")";
            case ROLLED_BACK -> "FAILED: rolled back: " + state.reason();
            case ABORTED -> "FAILED: aborted: " + state.reason();
            case AWAITING_DECISION -> "WARNING: awaiting a decision at " + state.weight() + "%: " + state.reason();
            default -> "WARNING: rollout " + (state.reason() == null ? "in progress" : "stopped") + " at "
                    + state.weight() + "%" + (state.reason() == null ? "" : ": " + state.reason());
        };
    }
}
