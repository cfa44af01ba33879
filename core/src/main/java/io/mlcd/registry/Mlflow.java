package io.mlcd.registry;

/**
 * One conversation with an MLflow tracking server: its runs and its model registry over one HTTP
 * client, which counts the requests it sends.
 */
public final class Mlflow {
    private final MlflowHttp http;
    private final Runs runs;
    private final ModelRegistry registry;
    private final Webhooks webhooks;

    public Mlflow(final MlflowConnection connection) {
        this.http = new MlflowHttp(connection);
        this.runs = new Runs(http);
        this.registry = new ModelRegistry(http);
        this.webhooks = new Webhooks(http, io.mlcd.util.SafeText.uri(connection.uri()));
    }

    public Runs runs() {
        return runs;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** MLflow's webhook API (MLflow 3.3+ with a database store). */
    public Webhooks webhooks() {
        return webhooks;
    }

    MlflowHttp http() {
        return http;
    }

    /**
     * One authenticated read, to check that the server answers and accepts the credentials (a
     * "Test connection" button); failures are the usual {@link MlflowException}.
     */
    public void ping() {
        http.get("registered-models/search", java.util.Map.of("max_results", "1"));
    }

    /** HTTP requests sent so far, retries included. */
    public int calls() {
        return http.calls();
    }
}
