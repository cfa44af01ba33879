package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.registry.Lineage;
import io.mlcd.registry.MlflowException;
import io.mlcd.registry.RefusedException;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.util.InputException;
import io.mlcd.util.KeyValues;
import io.mlcd.util.ListOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
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
            var run = getContext().get(Run.class);
            var lineage = Lineage.fromEnvironment(getContext().get(EnvVars.class));
            try {
                var tags = KeyValues.tags("tags", step.getTags().require("tags"));
                var data = step.getData().require("data");
                if (!data.isEmpty()) {
                    var workspace = getContext().get(FilePath.class);
                    if (workspace == null) {
                        throw new AbortException("registerModel: 'data' files need a workspace: call it inside node {}");
                    }
                    for (var hash : workspace.act(new DataHashCallable(new ArrayList<>(data))).entrySet()) {
                        lineage = lineage.withDataHash(hash.getKey(), hash.getValue());
                    }
                }
                var registration = new Registrar(MlflowServers.connect(run, step.getServer(), "registerModel"),
                        Clock.systemUTC()).register(new RegistrationRequest(step.getRunId(), step.getArtifactPath(),
                                step.getName(), step.getAlias(), tags, step.getDescription(), lineage, step.isForce(),
                                Duration.ofMinutes(5)));
                var version = registration.version();
                var url = MlflowServers.ui(step.getServer(), "registerModel").modelVersion(version.name(),
                        version.version());
                getContext().get(TaskListener.class).getLogger().println("registerModel: '" + version.name()
                        + "' version " + version.version() + (registration.created() ? " registered" : " already registered "
                        + "by this run and build") + (step.getAlias() == null ? "" : " as @" + step.getAlias()) + ": "
                        + url);
                var value = new LinkedHashMap<String, Object>();
                value.put("name", version.name());
                value.put("version", version.version());
                value.put("created", registration.created());
                value.put("source", version.source());
                value.put("aliases", new ArrayList<>(version.aliases()));
                value.put("url", url);
                return value;
            }
            catch (RefusedException e) {
                throw new AbortException("registerModel: " + e.getMessage() + " (in a Pipeline: validateModel with "
                        + "runId: '" + step.getRunId() + "' before this step, or force: true)");
            }
            catch (MlflowException | InputException e) {
                throw new AbortException("registerModel: " + e.getMessage());
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }

        @Override
        public String getFunctionName() {
            return "registerModel";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Register a model version in MLflow with its lineage (mlcd)";
        }
    }
}
