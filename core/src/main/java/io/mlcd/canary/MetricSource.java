package io.mlcd.canary;

import java.time.Instant;

/** Where the numbers of an analysis come from: what canary and baseline served in a window. */
public interface MetricSource extends AutoCloseable {
    /** Both sides' requests, errors and latencies between {@code from} (inclusive) and {@code to}. */
    Sides measure(Instant from, Instant to);

    @Override
    void close();

    /** The canary's and the baseline's window. */
    record Sides(WindowStats canary, WindowStats baseline) {
    }
}
