package io.mlcd.canary;

/**
 * Observes predictions of both versions for the same inputs, so the analysis can compare their
 * distributions; serving stacks rarely expose the predictions of live traffic.
 */
public interface PredictionProbe {
    /** The canary's and the stable version's predictions for the probe's inputs, in that order. */
    double[][] predictions();
}
