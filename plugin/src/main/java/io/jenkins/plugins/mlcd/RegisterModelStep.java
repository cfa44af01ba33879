package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.registry.Lineage;
import io.mlcd.registry.RefusedException;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.step.DataHashes;
import io.mlcd.util.KeyValues;
import io.mlcd.util.ListOption;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code registerModel}: {@code mlcd register} from a build. The lineage comes from the build
 * itself (BUILD_URL, JOB_NAME, BUILD_NUMBER, GIT_COMMIT) and the hashes of {@code data} files in
 * the workspace; registration is idempotent per run and build, so running the step again in the
 * same build (a {@code retry}) returns the same version. Returns name, version, created, source,
 * aliases and the version's MLflow page.
 */
public final class RegisterModelStep extends Step {
    private final String runId;
    private final String name;
    private String artifactPath = "model";
    private String alias;
    private ListOption tags = ListOption.of(null);
    private String description = "";
    private ListOption data = ListOption.of(null);
    private String server;
    private boolean force;

    @DataBoundConstructor
    public RegisterModelStep(final String runId, final String name) {
        this.runId = runId;
        this.name = name;
    }

    public String getRunId() {
        return runId;
    }

    public String getName() {
        return name;
    }

    public String getArtifactPath() {
        return artifactPath;
    }

    @DataBoundSetter
    public void setArtifactPath(final String artifactPath) {
        this.artifactPath = artifactPath;
    }

    @CheckForNull
    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(final String alias) {
        this.alias = GatedStep.blankToNull(alias);
    }

    public ListOption getTags() {
        return tags;
    }

    /** Version tags of your own, as {@code key=value}. */
    @DataBoundSetter
    public void setTags(final List<String> tags) {
        this.tags = ListOption.of(tags);
    }

    public String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(final String description) {
        this.description = description == null ? "" : description;
    }

    public ListOption getData() {
        return data;
    }

    /** Data files in the workspace whose SHA-256 goes into the lineage. */
    @DataBoundSetter
    public void setData(final List<String> data) {
        this.data = ListOption.of(data);
    }

    @CheckForNull
    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(final String server) {
        this.server = GatedStep.blankToNull(server);
    }

    public boolean isForce() {
        return force;
    }

    /** Set the alias without a passing validation record (recorded on the version). */
    @DataBoundSetter
    public void setForce(final boolean force) {
        this.force = force;
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, this);
    }

    /** A handful of MLflow calls from the controller; the data hashes on the agent. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "only used when starting; "
                + "the step does not resume after a restart")
        private final transient RegisterModelStep step;

        Execution(final StepContext context, final RegisterModelStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return Failures.named("registerModel", () -> {
                try {
                    return register();
                }
                catch (RefusedException e) {
                    throw new RefusedException(e.getMessage() + " (in a Pipeline: validateModel with runId: '"
                            + step.runId + "' before this step, or force: true)");
                }
            });
        }

        private Map<String, Object> register() throws IOException, InterruptedException {
            var lineage = Lineage.fromEnvironment(getContext().get(EnvVars.class));
            var tags = KeyValues.tags("tags", step.tags.require("tags"));
            var data = step.data.require("data");
            if (!data.isEmpty()) {
                var workspace = getContext().get(FilePath.class);
                if (workspace == null) {
                    throw new AbortException("registerModel: 'data' files need a workspace: call it inside node {}");
                }
                lineage = lineage.withDataHashes(workspace.act(new AgentJob<>(new DataHashes(data))));
            }
            var registration = new Registrar(MlflowServers.connect(getContext().get(Run.class), step.server,
                    "registerModel"), Clock.systemUTC()).register(new RegistrationRequest(step.runId, step.artifactPath,
                            step.name, step.alias, tags, step.description, lineage, step.force, Duration.ofMinutes(5)));
            var version = registration.version();
            var url = MlflowServers.ui(step.server, "registerModel").modelVersion(version.name(), version.version());
            getContext().get(TaskListener.class).getLogger().println("registerModel: "
                    + registration.describe(step.alias) + ": " + url);
            return registration.values(url);
        }
    }

    @Extension
    public static final class DescriptorImpl extends MlcdStepDescriptor {
        public DescriptorImpl() {
            super("registerModel", "Register a model version in MLflow with its lineage (mlcd)", Run.class,
                    TaskListener.class, EnvVars.class);
        }
    }
}
