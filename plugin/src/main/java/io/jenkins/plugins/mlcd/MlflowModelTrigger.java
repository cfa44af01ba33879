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
import hudson.model.StringParameterValue;
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
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Starts the job when a registered model changes in MLflow: a new version, an alias set, a tag.
 * Events arrive as webhooks ({@link ModelWebhook}) or, with {@code poll}, from polling the registry
 * ({@link ModelPolling}); the filtering, verification and polling are core's ({@code io.mlcd.events}).
 */
public final class MlflowModelTrigger extends Trigger<Job<?, ?>> {
    /** Polls are run by a periodic task every {@link ModelPolling#PERIOD}; shorter intervals would mislead. */
    static final Duration SHORTEST_POLL = Duration.ofSeconds(10);

    private final String model;
    private String server;
    // JDK lists: the trigger is saved in the job's config.xml, which only admits JDK and plugin classes
    private ArrayList<String> events = new ArrayList<>();
    private ArrayList<String> aliases = new ArrayList<>();
    private String poll;
    private boolean ignoreOwnWrites;
    private transient long nextPoll;

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

    /** Poll the registry this often (e.g. {@code 1m}) instead of waiting for webhooks; empty: webhooks only. */
    @DataBoundSetter
    public void setPoll(final String poll) {
        if (poll != null && !poll.isBlank()) {
            pollInterval(poll);
        }
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
     * @throws InputException when Jenkins' URL is not configured, so builds' URLs cannot be recognised
     */
    @CheckForNull
    OwnWrites ownWrites(final Job<?, ?> job, final MlflowServerConfig config) {
        if (!ignoreOwnWrites) {
            return null;
        }
        var rootUrl = Jenkins.get().getRootUrl();
        if (rootUrl == null) {
            throw new InputException("ignoreOwnWrites needs the Jenkins URL (Manage Jenkins > System) to recognise "
                    + "this job's builds");
        }
        var mlflow = connect(job, config);
        // JOB_URL, as CoreEnvironmentContributor makes it: every build's BUILD_URL starts with it
        return new OwnWrites(rootUrl + job.getUrl(), (name, version) -> mlflow.registry().version(name, version)
                .map(ModelVersion::tags).orElse(Map.of()));
    }

    /**
     * The server as this job may use it: its credential looked up in the job's context, as Jenkins
     * itself (a System-scoped credential is not offered to jobs, as for the steps).
     */
    static Mlflow connect(final Job<?, ?> job, final MlflowServerConfig config) {
        var id = config.getCredentialsId();
        StandardCredentials credentials = id == null ? null : CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StandardCredentials.class, job, ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
        if (id != null && credentials == null) {
            throw new InputException("the credential '%s' of MLflow server '%s' does not exist or this job may not "
                    + "use it", id, config.getName());
        }
        return new Mlflow(config.connection(credentials));
    }

    /** Whether a poll is due now; if so, the next one is due an interval later. */
    synchronized boolean pollDue(final long nowMillis) {
        if (poll == null || nowMillis < nextPoll) {
            return false;
        }
        nextPoll = nowMillis + pollInterval(poll).toMillis();
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
            checkConfigure(item);
            var items = new ListBoxModel();
            items.add("(default server)", "");
            MlcdConfiguration.get().getServers().forEach(config -> items.add(config.getName()));
            return items;
        }

        @POST
        public FormValidation doCheckModel(@AncestorInPath final Item item, @QueryParameter final String value) {
            checkConfigure(item);
            return value == null || value.isBlank() ? FormValidation.error("The registered model's name is required")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckEvents(@AncestorInPath final Item item, @QueryParameter final String value) {
            checkConfigure(item);
            return check(() -> new MlflowModelTrigger("-").setEvents(List.of(value)));
        }

        @POST
        public FormValidation doCheckPoll(@AncestorInPath final Item item, @QueryParameter final String value) {
            checkConfigure(item);
            return check(() -> new MlflowModelTrigger("-").setPoll(value));
        }

        private static void checkConfigure(@CheckForNull final Item item) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            }
            else {
                item.checkPermission(Item.CONFIGURE);
            }
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
