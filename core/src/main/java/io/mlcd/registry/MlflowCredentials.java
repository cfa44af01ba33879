package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a client signs in to MLflow: a bearer token, a user name with password, or neither. Also
 * as the MLFLOW_* variables MLflow's own client reads, for a build's scripts. {@link #toString()}
 * shows no secret.
 */
public record MlflowCredentials(@CheckForNull String token, @CheckForNull String username,
        @CheckForNull String password) {
    public static final MlflowCredentials NONE = new MlflowCredentials(null, null, null);
    /** The variables among {@link #environment}'s whose values are secret. */
    public static final Set<String> SECRET_VARIABLES = Set.of("MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_PASSWORD");

    public static MlflowCredentials token(final String token) {
        return new MlflowCredentials(token, null, null);
    }

    public static MlflowCredentials basic(final String username, final String password) {
        return new MlflowCredentials(null, username, password);
    }

    /** A connection to the server with these credentials; TLS is verified. */
    public MlflowConnection connection(final URI trackingUri) {
        return new MlflowConnection(trackingUri, token, username, password, false);
    }

    /**
     * MLFLOW_TRACKING_URI, then MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME and _PASSWORD:
     * what {@link MlflowConnection#of} and MLflow's client read.
     */
    public Map<String, String> environment(final String trackingUri) {
        var variables = new LinkedHashMap<String, String>();
        variables.put("MLFLOW_TRACKING_URI", trackingUri);
        if (token != null) {
            variables.put("MLFLOW_TRACKING_TOKEN", token);
        }
        if (username != null) {
            variables.put("MLFLOW_TRACKING_USERNAME", username);
            variables.put("MLFLOW_TRACKING_PASSWORD", password == null ? "" : password);
        }
        return variables;
    }

    @Override
    public String toString() {
        return token != null ? "bearer token" : username != null ? "basic auth as " + username : "no credentials";
    }
}
