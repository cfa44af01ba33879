package io.mlcd.canary;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout after its latest transition: persisted after each one, so a killed process can
 * resume at {@code step} or restore the stable state.
 *
 * @param step         index of the weight being worked on
 * @param failures     FAILED analyses at the current step
 * @param inconclusive INCONCLUSIVE analyses at the current step
 * @param reason       why the rollout stopped, paused or rolled back; null while all goes well
 * @param approvedStep the step a person approved going to (a plan's approve-before weight), or null
 */
public record RolloutState(RolloutStatus status, int step, int weight, int failures, int inconclusive,
        List<StepRecord> history, @CheckForNull String reason, @CheckForNull Integer approvedStep, Instant updatedAt) {
    public RolloutState {
        history = List.copyOf(history);
    }

    static RolloutState start(final Instant now) {
        return new RolloutState(RolloutStatus.PROGRESSING, 0, 0, 0, 0, List.of(), null, null, now);
    }

    RolloutState withWeight(final int newWeight, final Instant now) {
        return new RolloutState(status, step, newWeight, failures, inconclusive, history, reason, approvedStep, now);
    }

    RolloutState analysed(final StepRecord record, final int newFailures, final int newInconclusive, final Instant now) {
        var all = new ArrayList<>(history);
        all.add(record);
        return new RolloutState(status, step, weight, newFailures, newInconclusive, all, reason, approvedStep, now);
    }

    RolloutState nextStep(final Instant now) {
        return new RolloutState(RolloutStatus.PROGRESSING, step + 1, weight, 0, 0, history, null, approvedStep, now);
    }

    RolloutState ended(final RolloutStatus end, @CheckForNull final String why, final Instant now) {
        return new RolloutState(end, step, weight, failures, inconclusive, history, why, approvedStep, now);
    }

    /** A person approved going on to the current step's weight. */
    RolloutState approved(final Instant now) {
        return new RolloutState(RolloutStatus.PROGRESSING, step, weight, failures, inconclusive, history, null, step, now);
    }
}
