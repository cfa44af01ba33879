package io.mlcd.canary;

/** Hears of a rollout's progress: weights set, windows analysed, the end. */
public interface RolloutListener {
    void weightSet(int weight);

    void analysed(StepRecord record, RolloutState state);

    void ended(RolloutState state);
}
