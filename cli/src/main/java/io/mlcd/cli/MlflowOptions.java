package io.mlcd.cli;

import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which MLflow server to talk to and how long to wait for it; credentials come from the environment only. */
final class MlflowOptions {
    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "MLflow tracking server (default: MLFLOW_TRACKING_URI; credentials from "
                    + "MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD).")
    private String trackingUri;

    @Option(names = "--mlflow-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Limit for each MLflow request, from connecting to the last byte of the answer; "
                    + "failed requests are retried up to 4 times when that is safe (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    Mlflow connect() {
        return new Mlflow(MlflowConnection.of(trackingUri, System.getenv()).withTimeout(Duration.ofSeconds(timeoutSeconds)));
    }
}
