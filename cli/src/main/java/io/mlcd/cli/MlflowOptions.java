package io.mlcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which MLflow server to talk to and how long to wait for it; credentials come from the environment only. */
final class MlflowOptions {
    /** An hour per request is far beyond any answer MLflow gives; more looks like a typo and would hang a build. */
    static final long LONGEST_TIMEOUT_SECONDS = 3600;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "MLflow tracking server (default: MLFLOW_TRACKING_URI; credentials from "
                    + "MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD).")
    private String trackingUri;

    @Option(names = "--mlflow-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Limit for each MLflow request, from connecting to the last byte of the answer; "
                    + "failed requests are retried up to 4 times when that is safe (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @CheckForNull
    private Mlflow client;

    /**
     * The client for the server, made once: the tracking URI, TLS settings and CA certificates
     * are checked here, without a request, so commands call this before they read any data.
     */
    Mlflow connect() {
        if (client == null) {
            OptionValues.within("--mlflow-timeout", timeoutSeconds, 1, LONGEST_TIMEOUT_SECONDS);
            client = new Mlflow(MlflowConnection.of(trackingUri, System.getenv())
                    .withTimeout(Duration.ofSeconds(timeoutSeconds)));
        }
        return client;
    }
}
