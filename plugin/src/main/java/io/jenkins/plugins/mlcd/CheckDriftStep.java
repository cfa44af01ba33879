package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.drift.DriftCatalog;
import io.mlcd.report.DriftHtml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code checkDrift}: the options of {@code mlcd drift}; reference and current are data files or
 * profiles in the workspace. Work on the agent, verdict to result, report on the build page.
 */
public final class CheckDriftStep extends WorkspaceGatedStep {
    private final List<String> reference;
    private final List<String> current;
    private String test;
    private List<String> columnTests = new ArrayList<>();
    private List<String> columnThresholds = new ArrayList<>();
    private List<String> columnTypes = new ArrayList<>();
    private Double threshold;
    private String predictionColumn;
    private String targetColumn;

    @DataBoundConstructor
    public CheckDriftStep(final List<String> reference, final List<String> current) {
        this.reference = ListOption.of(reference);
        this.current = ListOption.of(current);
    }

    public List<String> getReference() {
        return reference;
    }

    public List<String> getCurrent() {
        return current;
    }

    @CheckForNull
    public String getTest() {
        return test;
    }

    /** One test for every column: ks, chisquare, z, jensenshannon, kl_div, psi, wasserstein, hellinger. */
    @DataBoundSetter
    public void setTest(final String test) {
        this.test = blankToNull(test);
    }

    public List<String> getColumnTests() {
        return columnTests;
    }

    /** Tests for single columns, as {@code column=test}. */
    @DataBoundSetter
    public void setColumnTests(final List<String> columnTests) {
        this.columnTests = ListOption.of(columnTests);
    }

    public List<String> getColumnThresholds() {
        return columnThresholds;
    }

    /** Thresholds for single columns, as {@code column=number}. */
    @DataBoundSetter
    public void setColumnThresholds(final List<String> columnThresholds) {
        this.columnThresholds = ListOption.of(columnThresholds);
    }

    public List<String> getColumnTypes() {
        return columnTypes;
    }

    /** How to profile columns of data files, as {@code column=numeric|categorical|boolean}. */
    @DataBoundSetter
    public void setColumnTypes(final List<String> columnTypes) {
        this.columnTypes = ListOption.of(columnTypes);
    }

    @CheckForNull
    public Double getThreshold() {
        return threshold;
    }

    @DataBoundSetter
    public void setThreshold(final Double threshold) {
        this.threshold = threshold;
    }

    @CheckForNull
    public String getPredictionColumn() {
        return predictionColumn;
    }

    @DataBoundSetter
    public void setPredictionColumn(final String predictionColumn) {
        this.predictionColumn = blankToNull(predictionColumn);
    }

    @CheckForNull
    public String getTargetColumn() {
        return targetColumn;
    }

    @DataBoundSetter
    public void setTargetColumn(final String targetColumn) {
        this.targetColumn = blankToNull(targetColumn);
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, this);
    }

    /** Profiles the data on the agent: not resumable across a controller restart, retried by the user. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient CheckDriftStep step;

        Execution(final StepContext context, final CheckDriftStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            var json = getContext().get(FilePath.class).act(new DriftCallable(step));
            return new VerdictPublisher(getContext().get(Run.class), getContext().get(FlowNode.class),
                    getContext().get(TaskListener.class), step).publish("drift", "drift", json, DriftHtml::of,
                    new DriftCatalog());
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class, FlowNode.class);
        }

        @Override
        public String getFunctionName() {
            return "checkDrift";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Check data for drift against a reference (mlcd)";
        }
    }
}
