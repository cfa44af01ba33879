package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.step.ReportDraft;
import io.mlcd.step.ReportKind;
import io.mlcd.step.ValidationJob;
import io.mlcd.step.WorkspaceJob;
import io.mlcd.util.ListOption;
import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code validateModel}: the options of {@code mlcd validate}. The work runs on the agent
 * (core's {@link ValidationJob}); the controller turns the verdict into the build and stage result
 * ({@link VerdictPublisher}), adds the report to the build page and returns a map to the script.
 */
public final class ValidateModelStep extends WorkspaceGatedStep {
    private final String predictions;
    private String label = "label";
    private String score;
    private String prediction;
    private ListOption groups = ListOption.of(null);
    private String baseline;
    private String id;
    private double decisionThreshold = 0.5;
    private String positiveLabel;
    private String task;

    @DataBoundConstructor
    public ValidateModelStep(final String predictions) {
        this.predictions = predictions;
    }

    public String getPredictions() {
        return predictions;
    }

    public String getLabel() {
        return label;
    }

    @DataBoundSetter
    public void setLabel(final String label) {
        this.label = label;
    }

    @CheckForNull
    public String getScore() {
        return score;
    }

    @DataBoundSetter
    public void setScore(final String score) {
        this.score = blankToNull(score);
    }

    @CheckForNull
    public String getPrediction() {
        return prediction;
    }

    @DataBoundSetter
    public void setPrediction(final String prediction) {
        this.prediction = blankToNull(prediction);
    }

    public ListOption getGroups() {
        return groups;
    }

    @DataBoundSetter
    public void setGroups(final List<String> groups) {
        this.groups = ListOption.of(groups);
    }

    @CheckForNull
    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(final String baseline) {
        this.baseline = blankToNull(baseline);
    }

    @CheckForNull
    public String getId() {
        return id;
    }

    @DataBoundSetter
    public void setId(final String id) {
        this.id = blankToNull(id);
    }

    public double getDecisionThreshold() {
        return decisionThreshold;
    }

    @DataBoundSetter
    public void setDecisionThreshold(final double decisionThreshold) {
        this.decisionThreshold = decisionThreshold;
    }

    @CheckForNull
    public String getPositiveLabel() {
        return positiveLabel;
    }

    @DataBoundSetter
    public void setPositiveLabel(final String positiveLabel) {
        this.positiveLabel = blankToNull(positiveLabel);
    }

    @CheckForNull
    public String getTask() {
        return task;
    }

    /** binary, multiclass or regression; empty: inferred from the data (docs/validate.md). */
    @DataBoundSetter
    public void setTask(final String task) {
        this.task = blankToNull(task);
    }

    @Override
    WorkspaceJob<ReportDraft> job() {
        return new ValidationJob(predictions, label, score, prediction, groups.require("groups"), baseline, id,
                decisionThreshold, positiveLabel, task, gating());
    }

    @Override
    ReportKind kind() {
        return ReportKind.VALIDATION;
    }

    @Extension
    public static final class DescriptorImpl extends MlcdStepDescriptor {
        public DescriptorImpl() {
            super("validateModel", "Validate a model against gates (mlcd)", FilePath.class, Run.class,
                    TaskListener.class, FlowNode.class);
        }
    }
}
