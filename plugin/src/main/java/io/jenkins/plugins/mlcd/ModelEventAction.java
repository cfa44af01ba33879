package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Queue;
import hudson.model.Run;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event that started a build, as the build's environment: MLCD_EVENT, MLCD_MODEL,
 * MLCD_VERSION, MLCD_ALIAS, MLCD_DELIVERY_ID, MLCD_EVENT_DATA. Environment rather than undeclared
 * parameters, which Jenkins drops (SECURITY-170). As a queue action it keeps two events for the
 * same job apart: without it the queue would fold the second into the first one's waiting build.
 */
public final class ModelEventAction extends InvisibleAction implements EnvironmentContributingAction,
        Queue.QueueAction {
    /** Linux refuses to start a process with a variable over 128 KiB: every sh step would fail. */
    static final int MAX_DATA_CHARS = 32 * 1024;

    private final HashMap<String, String> environment; // a JDK type the XStream class filter lets into build.xml

    public ModelEventAction(final Map<String, String> environment) {
        this.environment = new HashMap<>(environment);
        if (this.environment.getOrDefault("MLCD_EVENT_DATA", "").length() > MAX_DATA_CHARS) {
            this.environment.remove("MLCD_EVENT_DATA");
        }
    }

    public Map<String, String> getEnvironment() {
        return java.util.Collections.unmodifiableMap(environment);
    }

    @Override
    public void buildEnvironment(@NonNull final Run<?, ?> run, @NonNull final EnvVars env) {
        env.putAll(environment);
    }

    @Override
    public boolean shouldSchedule(final List<Action> actions) {
        return actions.stream().noneMatch(action -> action instanceof ModelEventAction other
                && java.util.Objects.equals(other.environment.get("MLCD_DELIVERY_ID"),
                        environment.get("MLCD_DELIVERY_ID")));
    }
}
