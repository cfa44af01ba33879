package io.jenkins.plugins.mlcd;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withMlflow(server: 'prod') { sh 'python train.py' }}: the body sees the configured
 * server as MLFLOW_TRACKING_URI and its credential as MLFLOW_TRACKING_TOKEN or
 * MLFLOW_TRACKING_USERNAME/PASSWORD, the variables MLflow's own client reads; the secrets are
 * masked in the body's log and the credential's use is tracked.
 */
public final class WithMlflowStep extends Step {
    private String server;

    @DataBoundConstructor
    public WithMlflowStep() {
        // all options are setters
    }

    @CheckForNull
    public String getServer() {
        return server;
    }

    /** The server's name in the global configuration; the default server when not set. */
    @DataBoundSetter
    public void setServer(final String server) {
        this.server = server == null || server.isBlank() ? null : server;
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, server);
    }

    /** Starts the body with the variables and returns; the body's end ends the step, also after a restart. */
    private static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;

        @CheckForNull
        private final String server;

        Execution(final StepContext context, @CheckForNull final String server) {
            super(context);
            this.server = server;
        }

        @Override
        public boolean start() throws Exception {
            var config = MlflowServers.server(server, "withMlflow");
            var plain = new LinkedHashMap<String, String>();
            var secret = new LinkedHashMap<String, Secret>();
            plain.put("MLFLOW_TRACKING_URI", config.getTrackingUri());
            var credentials = MlflowServers.credentials(getContext().get(Run.class), config, "withMlflow");
            if (credentials != null) {
                bind(credentials, plain, secret);
            }
            getContext().get(TaskListener.class).getLogger().println("withMlflow: MLflow server '" + config.getName()
                    + "' at " + config.getTrackingUri() + (secret.isEmpty() ? "" : " (credentials masked in the log)"));
            getContext().newBodyInvoker()
                    .withContexts(EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class),
                                    new MlflowEnvironment(plain, secret)),
                            TaskListenerDecorator.merge(getContext().get(TaskListenerDecorator.class),
                                    new SecretMasker(new ArrayList<>(secret.values()))))
                    .withCallback(BodyExecutionCallback.wrap(getContext()))
                    .start();
            return false;
        }

        private static void bind(final StandardCredentials credentials, final Map<String, String> plain,
                final Map<String, Secret> secret) throws AbortException {
            if (credentials instanceof StringCredentials token) {
                secret.put("MLFLOW_TRACKING_TOKEN", token.getSecret());
            }
            else if (credentials instanceof StandardUsernamePasswordCredentials pair) {
                plain.put("MLFLOW_TRACKING_USERNAME", pair.getUsername());
                secret.put("MLFLOW_TRACKING_PASSWORD", pair.getPassword());
            }
            else {
                throw new AbortException("withMlflow: the credential '" + credentials.getId() + "' is neither secret "
                        + "text (a token) nor a username with password");
            }
        }

        @Override
        public void onResume() {
            // the body runs on; its end completes this step through the callback
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "withMlflow";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Give the body an MLflow server's address and credentials (mlcd)";
        }
    }
}
