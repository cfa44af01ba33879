package io.mlcd.registry;

import java.util.Map;

/** Reads runs from the tracking server. */
public final class Runs {
    private final MlflowHttp http;

    Runs(final MlflowHttp http) {
        this.http = http;
    }

    public TrackingRun get(final String runId) {
        return TrackingRun.of(http.get("runs/get", Map.of("run_id", runId)).path("run"));
    }
}
