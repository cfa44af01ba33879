package io.jenkins.plugins.mlcd;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.util.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
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

    /**
     * Starts the body with the variables and returns; the body's end ends the step, also after a
     * restart. Writing and deleting the CA certificates file is agent I/O, so it happens on a
     * background thread, not on the Pipeline's.
     */
    private static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;

        @CheckForNull
        private final String server;

        Execution(final StepContext context, @CheckForNull final String server) {
            super(context);
            this.server = server;
        }

        @Override
        public boolean start() {
            run(this::begin);
            return false;
        }

        private void begin() throws Exception {
            var config = MlflowServers.server(server, "withMlflow");
            var plain = new LinkedHashMap<String, String>();
            var secret = new LinkedHashMap<String, Secret>();
            plain.put("MLFLOW_TRACKING_URI", config.getTrackingUri());
            var credentials = MlflowServers.credentials(getContext().get(Run.class), config, "withMlflow");
            if (credentials != null) {
                bind(credentials, plain, secret);
            }
            var logger = getContext().get(TaskListener.class).getLogger();
            logger.println("withMlflow: MLflow server '" + config.getName() + "' at " + config.getTrackingUri()
                    + (secret.isEmpty() ? "" : " (credentials masked in the log)"));
            BodyExecutionCallback callback = BodyExecutionCallback.wrap(getContext());
            var certificates = caFile(config);
            if (certificates != null) {
                plain.put("MLFLOW_TRACKING_SERVER_CERT_PATH", certificates.getRemote());
                callback = new DeleteWhenDone(certificates);
            }
            getContext().newBodyInvoker()
                    .withContexts(EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class),
                                    new MlflowEnvironment(plain, secret)),
                            TaskListenerDecorator.merge(getContext().get(TaskListenerDecorator.class),
                                    new SecretMasker(new ArrayList<>(secret.values()))))
                    .withCallback(callback)
                    .start();
        }

        /**
         * The server's CA certificates as a file beside the workspace (its {@code @tmp} folder,
         * which is not served), for MLflow's client; null without certificates or workspace.
         */
        @CheckForNull
        private FilePath caFile(final MlflowServerConfig config) throws IOException, InterruptedException {
            if (config.getCaCertificates() == null) {
                return null;
            }
            var workspace = getContext().get(FilePath.class);
            var temporary = workspace == null ? null : WorkspaceList.tempDir(workspace);
            if (temporary == null) {
                getContext().get(TaskListener.class).getLogger().println("withMlflow: outside node {} the server's "
                        + "CA certificates cannot be written for the body; MLFLOW_TRACKING_SERVER_CERT_PATH is not set");
                return null;
            }
            temporary.mkdirs();
            var file = temporary.child("mlcd-ca-" + Long.toHexString(System.nanoTime()) + ".pem");
            file.write(config.getCaCertificates() + "\n", "US-ASCII");
            return file;
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

        /** Ends the step as the body ended, after deleting the CA certificates file. */
        private final class DeleteWhenDone extends TailCall {
            private static final long serialVersionUID = 1L;

            private final FilePath file;

            DeleteWhenDone(final FilePath file) {
                this.file = file;
            }

            @Override
            protected void finished(final StepContext context) throws Exception {
                file.delete();
            }
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
