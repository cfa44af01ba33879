package io.jenkins.plugins.mlcd;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Queue;
import hudson.model.StringParameterValue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlcd.events.EventFilter;
import io.mlcd.events.EventType;
import io.mlcd.events.ModelEvent;
import io.mlcd.events.OwnWrites;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.ModelVersion;
import io.mlcd.util.Durations;
import io.mlcd.util.InputException;
import io.mlcd.util.ListOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.core.Authentication;

/**
 * Starts the job when a registered model changes in MLflow: a new version, an alias set, a tag.
 * Events arrive as webhooks ({@link ModelWebhook}) or, with {@code poll}, from polling the registry
 * ({@link ModelPolling}); the filtering, verification and polling are core's ({@code io.mlcd.events}).
 */
public final class MlflowModelTrigger extends Trigger<Job<?, ?>> {
    /** Polls are run by a periodic task every {@link ModelPolling#PERIOD}; shorter intervals would mislead. */
    static final Duration SHORTEST_POLL = Duration.ofSeconds(10);
    /** The interval when a stored poll value is not one. */
    static final Duration FALLBACK_POLL = Duration.ofMinutes(5);
    /** A trigger's calls to MLflow: short, so that one slow server does not hold the polling thread for minutes. */
    static final Duration MLFLOW_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOGGER = Logger.getLogger(MlflowModelTrigger.class.getName());

    private final String model;
    private String server;
    // JDK lists: the trigger is saved in the job's config.xml, which only admits JDK and plugin classes
    private ArrayList<String> events = new ArrayList<>();
    private ArrayList<String> aliases = new ArrayList<>();
    private String poll;
    private boolean ignoreOwnWrites;
    private transient long nextPoll;
    /** {@link #poll} parsed once, when set or loaded; null: no polling. */
    @CheckForNull
    private transient Duration pollInterval;

    @DataBoundConstructor
    public MlflowModelTrigger(final String model) {
        if (model == null || model.isBlank()) {
            throw new InputException("mlflowModel: 'model' is required");
        }
        this.model = model.strip();
    }

    public String getModel() {
        return model;
    }

    @CheckForNull
    public String getServer() {
        return server;
    }

    /** The configured MLflow server's name; empty: the default server. */
    @DataBoundSetter
    public void setServer(final String server) {
        this.server = server == null || server.isBlank() ? null : server.strip();
    }

    public ListOption getEvents() {
        return ListOption.of(events);
    }

    /** MLflow's event names, e.g. {@code model_version.created}; none: a new version and an alias set. */
    @DataBoundSetter
    public void setEvents(final List<String> events) {
        var names = ListOption.of(events).require("mlflowModel: events");
        names.forEach(name -> EventType.parse("mlflowModel: events", name));
        this.events = new ArrayList<>(names);
    }

    public ListOption getAliases() {
        return ListOption.of(aliases);
    }

    /** Alias events only for these aliases; none: every alias. */
    @DataBoundSetter
    public void setAliases(final List<String> aliases) {
        this.aliases = new ArrayList<>(ListOption.of(aliases).require("mlflowModel: aliases"));
    }

    @CheckForNull
    public String getPoll() {
        return poll;
    }

    /**
     * Poll the registry this often (e.g. {@code 1m}), for servers that cannot send webhooks; empty:
     * webhooks only. Webhooks that do arrive still start builds too (both: two builds per change).
     */
    @DataBoundSetter
    public void setPoll(final String poll) {
        this.pollInterval = poll == null || poll.isBlank() ? null : pollInterval(poll);
        this.poll = poll == null || poll.isBlank() ? null : poll.strip();
    }

    public boolean isIgnoreOwnWrites() {
        return ignoreOwnWrites;
    }

    /** Ignore the versions, aliases and mlcd tags that this job's own builds wrote (loop prevention). */
    @DataBoundSetter
    public void setIgnoreOwnWrites(final boolean ignoreOwnWrites) {
        this.ignoreOwnWrites = ignoreOwnWrites;
    }

    /** A config.xml written by hand may leave the lists out; XStream then leaves them null. */
    @Override
    protected Object readResolve() throws java.io.ObjectStreamException {
        events = events == null ? new ArrayList<>() : events;
        aliases = aliases == null ? new ArrayList<>() : aliases;
        try {
            pollInterval = poll == null ? null : pollInterval(poll);
        }
        catch (InputException e) { // a config.xml edited by hand: poll, but not too often, and say so
            LOGGER.warning(() -> e.getMessage() + "; polling every " + FALLBACK_POLL.toMinutes() + " min instead");
            pollInterval = FALLBACK_POLL;
        }
        return super.readResolve();
    }

    static Duration pollInterval(final String text) {
        var interval = Durations.parse("mlflowModel: poll", text);
        if (interval.compareTo(SHORTEST_POLL) < 0) {
            throw new InputException("mlflowModel: poll must be at least %s s, got '%s'", SHORTEST_POLL.toSeconds(),
                    text);
        }
        return interval;
    }

    @CheckForNull
    Job<?, ?> job() {
        return job;
    }

    /** The MLflow server this trigger listens to, as configured now; empty when it is not (or no longer) there. */
    java.util.Optional<MlflowServerConfig> serverConfig() {
        return MlcdConfiguration.get().server(server);
    }

    EventFilter filter() {
        var types = events.stream().map(name -> EventType.parse("mlflowModel: events", name))
                .collect(Collectors.toSet());
        return new EventFilter(Set.of(model), types, Set.copyOf(aliases));
    }

    /**
     * The loop filter: the events this job's own builds caused (their BUILD_URLs start with the
     * job's JOB_URL); null when not asked for.
     *
     * @throws InputException when Jenkins' URL is not configured, so builds' URLs cannot be recognised:
     *                        the event is then not acted on (logged), rather than risk a loop
     */
    @CheckForNull
    OwnWrites ownWrites(final Job<?, ?> job, final MlflowServerConfig config) {
        if (!ignoreOwnWrites) {
            return null;
        }
        // not Jenkins.getRootUrl(): without a configured URL it falls back to the current request's Host
        // header, which on the webhook thread is MLflow's view of Jenkins, not the builds' BUILD_URL
        var rootUrl = JenkinsLocationConfiguration.get().getUrl();
        if (rootUrl == null) {
            throw new InputException("ignoreOwnWrites needs the Jenkins URL (Manage Jenkins > System) to recognise "
                    + "this job's builds");
        }
        var mlflow = connect(job, config);
        // JOB_URL, as CoreEnvironmentContributor makes it: every build's BUILD_URL starts with it
        var jobUrl = (rootUrl.endsWith("/") ? rootUrl : rootUrl + "/") + job.getUrl();
        return new OwnWrites(jobUrl, (name, version) -> mlflow.registry().version(name, version)
                .map(ModelVersion::tags).orElse(Map.of()));
    }

    /**
     * The server as this job may use it: its credential looked up in the job's context as its
     * builds would (CredentialsProvider.findCredentialById): as the job's authentication, then
     * the job's own credentials if that authentication may use them; calls time out after
     * {@link #MLFLOW_TIMEOUT}.
     */
    static Mlflow connect(final Job<?, ?> job, final MlflowServerConfig config) {
        var id = config.getCredentialsId();
        StandardCredentials credentials = null;
        if (id != null) {
            var authentication = job instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
            credentials = credential(job, authentication, id);
            if (credentials == null && authentication != ACL.SYSTEM2
                    && job.hasPermission2(authentication, CredentialsProvider.USE_ITEM)) {
                credentials = credential(job, ACL.SYSTEM2, id);
            }
        }
        if (id != null && credentials == null) {
            throw new InputException("the credential '%s' of MLflow server '%s' does not exist or this job may not "
                    + "use it", id, config.getName());
        }
        return new Mlflow(config.connection(credentials).withTimeout(MLFLOW_TIMEOUT));
    }

    @CheckForNull
    private static StandardCredentials credential(final Job<?, ?> job, final Authentication authentication,
            final String id) {
        return CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItem(StandardCredentials.class,
                job, authentication, List.of()), CredentialsMatchers.withId(id));
    }

    /** Whether a poll is due now; if so, the next one is due an interval later. */
    synchronized boolean pollDue(final long nowMillis) {
        if (pollInterval == null || nowMillis < nextPoll) {
            return false;
        }
        nextPoll = nowMillis + pollInterval.toMillis();
        return true;
    }

    /**
     * Queues a build for the event, with the event in its environment, and in its parameters for
     * those of MLCD_EVENT, MLCD_MODEL, … that the job declares; false when the job cannot be built
     * (disabled, or not started yet).
     */
    boolean schedule(final ModelEvent event, final String serverName) {
        var target = job;
        if (target == null) {
            return false;
        }
        var environment = new ModelEventAction(event.environment());
        var actions = new ArrayList<Action>(List.of(new CauseAction(new ModelEventCause(serverName,
                event.describe())), environment));
        var declared = target.getProperty(ParametersDefinitionProperty.class);
        if (declared != null) {
            var values = new ArrayList<ParameterValue>();
            for (var definition : declared.getParameterDefinitions()) {
                var value = environment.getEnvironment().get(definition.getName());
                var parameter = value != null ? new StringParameterValue(definition.getName(), value)
                        : definition.getDefaultParameterValue();
                if (parameter != null) {
                    values.add(parameter);
                }
            }
            actions.add(new ParametersAction(values));
        }
        return ParameterizedJobMixIn.scheduleBuild2(target, -1, actions.toArray(new Action[0])) != null;
    }

    /** The started triggers of all jobs, whoever asks (a webhook comes without a user). */
    static List<MlflowModelTrigger> started() {
        var found = new ArrayList<MlflowModelTrigger>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                var trigger = ParameterizedJobMixIn.getTrigger(job, MlflowModelTrigger.class);
                if (trigger != null && trigger.job != null) {
                    found.add(trigger);
                }
            }
        }
        return found;
    }

    @Extension
    @Symbol("mlflowModel")
    public static final class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(final Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Build when an MLflow model changes (mlcd)";
        }

        @POST
        public ListBoxModel doFillServerItems(@AncestorInPath final Item item) {
            var items = new ListBoxModel();
            if (!canConfigure(item)) {
                return items;
            }
            items.add("(default server)", "");
            MlcdConfiguration.get().getServers().forEach(config -> items.add(config.getName()));
            return items;
        }

        @POST
        public FormValidation doCheckModel(@AncestorInPath final Item item, @QueryParameter final String value) {
            if (!canConfigure(item)) {
                return FormValidation.ok();
            }
            return value == null || value.isBlank() ? FormValidation.error("The registered model's name is required")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckEvents(@AncestorInPath final Item item, @QueryParameter final String value) {
            return canConfigure(item) ? check(() -> new MlflowModelTrigger("-").setEvents(List.of(value)))
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPoll(@AncestorInPath final Item item, @QueryParameter final String value) {
            return canConfigure(item) ? check(() -> new MlflowModelTrigger("-").setPoll(value)) : FormValidation.ok();
        }

        /** Extended Read users and the Snippet Generator see the form too: they get no answers, not an error. */
        private static boolean canConfigure(@CheckForNull final Item item) {
            return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
        }

        private static FormValidation check(final Runnable check) {
            try {
                check.run();
                return FormValidation.ok();
            }
            catch (InputException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
