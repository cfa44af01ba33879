package io.mlcd.canary;

import io.mlcd.gate.Gate;
import io.mlcd.util.InputException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How a version goes live: canary weights in percent, ending at 100; a pause at each weight
 * below 100, after which the window is analysed; the gates; the fewest requests per side for a
 * decision; and Argo Rollouts' limits: how many FAILED analyses are tolerated (each repeats the
 * step) before rolling back, and how many INCONCLUSIVE ones (each extends the step by one more
 * window) before a human decides ({@code manualGate}) or, without one, rolling back.
 *
 * @param confidence    two-sided confidence of the analysis' intervals
 * @param approveBefore weights that a person must approve before traffic moves to them, whatever
 *                      the analyses say (a manual gate between steps)
 */
public record RolloutPlan(List<Integer> weights, Duration pause, List<Gate> gates, long minRequests,
        double confidence, int failureLimit, int inconclusiveLimit, boolean manualGate, Set<Integer> approveBefore) {
    public RolloutPlan(final List<Integer> weights, final Duration pause, final List<Gate> gates, final long minRequests,
            final double confidence, final int failureLimit, final int inconclusiveLimit, final boolean manualGate) {
        this(weights, pause, gates, minRequests, confidence, failureLimit, inconclusiveLimit, manualGate, Set.of());
    }

    public RolloutPlan {
        weights = List.copyOf(weights);
        gates = List.copyOf(gates);
        approveBefore = Set.copyOf(approveBefore);
        if (!weights.containsAll(approveBefore)) {
            throw new InputException("approval is asked before weights %s, but the plan's weights are %s",
                    approveBefore, weights);
        }
        if (weights.isEmpty() || weights.get(weights.size() - 1) != 100) {
            throw new InputException("the canary weights must end at 100, got %s", weights);
        }
        for (int i = 0; i < weights.size(); i++) {
            var weight = weights.get(i);
            if (weight < 0 || weight > 100 || i > 0 && weight <= weights.get(i - 1)) {
                throw new InputException("the canary weights must rise from 0..100 to 100, got %s", weights);
            }
        }
        if (pause.isNegative() || pause.isZero()) {
            throw new InputException("the pause must be positive, got %s", pause);
        }
        if (failureLimit < 0 || inconclusiveLimit < 0 || minRequests < 1) {
            throw new InputException("failure and inconclusive limits must be >= 0 and min requests >= 1");
        }
    }

    /**
     * Whether any weight is analysed before all traffic moves: a plan of just 100 switches
     * without a single check, which a caller allows only when asked to.
     */
    public boolean analysed() {
        return weights.get(0) < 100;
    }
}
