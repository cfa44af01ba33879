package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.util.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The MLFLOW_* variables {@code withMlflow} gives its body; the secret ones are kept as
 * {@link Secret}s and declared sensitive, so Pipeline warns when they are interpolated into a
 * Groovy string.
 */
final class MlflowEnvironment extends EnvironmentExpander {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> plain;
    private final HashMap<String, Secret> secret;

    MlflowEnvironment(final Map<String, String> plain, final Map<String, Secret> secret) {
        this.plain = new HashMap<>(plain);
        this.secret = new HashMap<>(secret);
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
