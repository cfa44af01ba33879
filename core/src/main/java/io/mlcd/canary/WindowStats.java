package io.mlcd.canary;

import java.util.Arrays;

/**
 * What one side (canary or baseline) served during an analysis window: requests, failed
 * requests (HTTP 5xx or connection errors), the latency of each request in milliseconds, and
 * the predictions observed, if any.
 */
public final class WindowStats {
    private final long requests;
    private final long errors;
    private final double[] latencies;
    private final double[] predictions;

    private WindowStats(final long requests, final long errors, final double[] latencies, final double[] predictions) {
        if (errors < 0 || errors > requests) {
            throw new IllegalArgumentException("errors " + errors + " outside 0.." + requests);
        }
        this.requests = requests;
        this.errors = errors;
        this.latencies = latencies.clone();
        Arrays.sort(this.latencies);
        this.predictions = predictions.clone();
    }

    public static WindowStats of(final long requests, final long errors, final double[] latenciesMillis,
            final double[] predictions) {
        return new WindowStats(requests, errors, latenciesMillis, predictions);
    }

    /** The same window with the predictions a probe observed. */
    public WindowStats withPredictions(final double[] observed) {
        return new WindowStats(requests, errors, latencies, observed);
    }

    public long requests() {
        return requests;
    }

    public long errors() {
        return errors;
    }

    /** Latencies in milliseconds, ascending. */
    public double[] latencies() {
        return latencies.clone();
    }

    public double[] predictions() {
        return predictions.clone();
    }

    double[] sortedLatencies() {
        return latencies;
    }

    double[] observedPredictions() {
        return predictions;
    }
}
