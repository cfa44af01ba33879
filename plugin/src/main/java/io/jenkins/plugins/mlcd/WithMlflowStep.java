package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.console.LineTransformationOutputStream;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.util.Secret;
import io.mlcd.registry.MlflowCredentials;
import io.mlcd.util.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
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
            var credentials = MlflowServers.credentials(getContext().get(Run.class), config, "withMlflow");
            var login = MlflowServerConfig.login(credentials);
            if (login == null) {
                throw new AbortException("withMlflow: the credential '" + credentials.getId() + "' is neither secret "
                        + "text (a token) nor a username with password");
            }
            var variables = new LinkedHashMap<>(login.environment(config.getTrackingUri()));
            getContext().get(TaskListener.class).getLogger().println("withMlflow: MLflow server '" + config.getName()
                    + "' at " + config.getTrackingUri() + (credentials == null ? "" : " (credentials masked in the log)"));
            BodyExecutionCallback callback = BodyExecutionCallback.wrap(getContext());
            var certificates = caFile(config);
            if (certificates != null) {
                variables.put("MLFLOW_TRACKING_SERVER_CERT_PATH", certificates.getRemote());
                callback = new DeleteWhenDone(certificates);
            }
            var secret = MlflowServerConfig.secret(credentials);
            getContext().newBodyInvoker()
                    .withContexts(EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class),
                                    new Variables(variables, secret)),
                            TaskListenerDecorator.merge(getContext().get(TaskListenerDecorator.class),
                                    new Masker(secret == null ? List.of() : List.of(secret))))
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

    /**
     * The MLFLOW_* variables the body sees. The secret ones (the token or the password) are kept as
     * the credential's {@link Secret}, never as plain text, and declared sensitive, so Pipeline warns
     * when they are interpolated into a Groovy string.
     */
    private static final class Variables extends EnvironmentExpander {
        private static final long serialVersionUID = 1L;

        private final HashMap<String, String> plain = new HashMap<>();
        private final HashMap<String, Secret> secret = new HashMap<>();

        /** @param credential the credential's secret, the value of the secret variables; null without one */
        Variables(final Map<String, String> variables, @CheckForNull final Secret credential) {
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

    /**
     * Replaces the credentials in the body's log with {@code ****}, line by line, wherever the log is
     * written (controller or agent), as core's {@link Redactor} hides them: also URL-encoded or in JSON.
     */
    private static final class Masker extends TaskListenerDecorator {
        private static final long serialVersionUID = 1L;

        private final ArrayList<Secret> secrets;

        Masker(final List<Secret> secrets) {
            this.secrets = new ArrayList<>(secrets);
        }

        @NonNull
        @Override
        public OutputStream decorate(@NonNull final OutputStream logger) {
            var redactor = Redactor.of(secrets.stream().map(Secret::getPlainText).toList());
            return new LineTransformationOutputStream.Delegating(logger) {
                @Override
                protected void eol(final byte[] bytes, final int length) throws IOException {
                    out.write(redactor.redact(new String(bytes, 0, length, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
                }
            };
        }
    }

    @Extension
    public static final class DescriptorImpl extends MlcdStepDescriptor {
        public DescriptorImpl() {
            super("withMlflow", "Give the body an MLflow server's address and credentials (mlcd)", Run.class,
                    TaskListener.class);
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
