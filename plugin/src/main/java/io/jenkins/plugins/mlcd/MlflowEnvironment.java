package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.util.Secret;
import io.mlcd.registry.MlflowCredentials;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The MLFLOW_* variables {@code withMlflow} gives its body. The secret ones (the token or the
 * password) are kept as the credential's {@link Secret}, never as plain text, and declared
 * sensitive, so Pipeline warns when they are interpolated into a Groovy string.
 */
final class MlflowEnvironment extends EnvironmentExpander {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> plain = new HashMap<>();
    private final HashMap<String, Secret> secret = new HashMap<>();

    /** @param credential the credential's secret, the value of the secret variables; null without a credential */
    MlflowEnvironment(final Map<String, String> variables, @CheckForNull final Secret credential) {
        variables.forEach((name, value) -> {
            if (!MlflowCredentials.SECRET_VARIABLES.contains(name)) {
                plain.put(name, value);
            }
            else if (credential != null) {
                secret.put(name, credential);
            }
        });
    }

    @Override
    public void expand(@NonNull final EnvVars env) {
        plain.forEach(env::override);
        secret.forEach((name, value) -> env.override(name, value.getPlainText()));
    }

    @NonNull
    @Override
    public Set<String> getSensitiveVariables() {
        return Set.copyOf(secret.keySet());
    }
}
