package io.jenkins.plugins.mlcd;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowUi;
import io.mlcd.util.InputException;
import java.net.URI;

/**
 * The configured MLflow server a step names (or the default), and its credential, looked up
 * with the build's permissions and its use tracked on the build.
 */
final class MlflowServers {
    private MlflowServers() {
    }

    static MlflowServerConfig server(@CheckForNull final String name, final String step) throws AbortException {
        return MlcdConfiguration.get().server(name).orElseThrow(() -> new AbortException(step + ": no MLflow server "
                + (name == null ? "is the default" : "is named '" + name + "'") + " in Manage Jenkins > System > mlcd"));
    }

    /** The server's credential, or null when it has none. */
    @CheckForNull
    static StandardCredentials credentials(final Run<?, ?> run, final MlflowServerConfig config, final String step)
            throws AbortException {
        var id = config.getCredentialsId();
        if (id == null) {
            return null;
        }
        var credentials = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        if (credentials == null) {
            throw new AbortException(step + ": the credential '" + id + "' of MLflow server '" + config.getName()
                    + "' does not exist or this build may not use it (System-scoped credentials are for Jenkins "
                    + "itself)");
        }
        CredentialsProvider.track(run, credentials);
        return credentials;
    }

    /** Links into the server's web UI (without credentials). */
    static MlflowUi ui(@CheckForNull final String name, final String step) throws AbortException {
        return new MlflowUi(URI.create(server(name, step).getTrackingUri()));
    }

    /** The model version's page in the MLflow UI; null when no such server is configured. */
    @CheckForNull
    static String versionPage(@CheckForNull final String name, final String model, final String version) {
        return MlcdConfiguration.get().server(name).map(config -> {
            try {
                return new MlflowUi(URI.create(config.getTrackingUri())).modelVersion(model, version);
            }
            catch (IllegalArgumentException | InputException e) {
                return null;
            }
        }).orElse(null);
    }

    static Mlflow connect(final Run<?, ?> run, @CheckForNull final String name, final String step)
            throws AbortException {
        var config = server(name, step);
        return new Mlflow(config.connection(credentials(run, config, step)));
    }
}
