package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** The descriptor of an mlcd step: its Pipeline function, its name in the Snippet Generator, the context it needs. */
public abstract class MlcdStepDescriptor extends StepDescriptor {
    private final String function;
    private final String name;
    private final Set<Class<?>> context;

    protected MlcdStepDescriptor(final String function, final String displayName, final Class<?>... context) {
        this.function = function;
        this.name = displayName;
        this.context = Set.of(context);
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return context;
    }

    @Override
    public String getFunctionName() {
        return function;
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return name;
    }
}
