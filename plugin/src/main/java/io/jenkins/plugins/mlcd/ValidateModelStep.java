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
 * {@code validateModel}: the options of {@code mlcd validate}; the predictions are a file, or the
 * answers of a served model to {@code data} ({@link ModelGatedStep}). The work runs on the agent
 * (core's {@link ValidationJob}); the controller turns the verdict into the build and stage result
 * ({@link VerdictPublisher}), adds the report to the build page and returns a map to the script.
 */
public final class ValidateModelStep extends ModelGatedStep {
    private final String predictions;
    private String label = "label";
    private String score;
    private String prediction;
    private ListOption groups = ListOption.of(null);
    private String baseline;
    private String id;
    private String data;
    private ListOption drop = ListOption.of(null);
    private String baselineUrl;
    private String savePredictions;

    @DataBoundConstructor
    public ValidateModelStep(final String predictions) {
        this.predictions = blankToNull(predictions);
    }

    @CheckForNull
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

    @CheckForNull
    public String getData() {
        return data;
    }

    /** With a served model: the rows to score, with the label (and groups, id) columns. */
    @DataBoundSetter
    public void setData(final String data) {
        this.data = blankToNull(data);
    }

    public ListOption getDrop() {
        return drop;
    }

    /** With a served model: columns of {@code data} that are not sent to it. */
    @DataBoundSetter
    public void setDrop(final List<String> drop) {
        this.drop = ListOption.of(drop);
    }

    @CheckForNull
    public String getBaselineUrl() {
        return baselineUrl;
    }

    @DataBoundSetter
    public void setBaselineUrl(final String baselineUrl) {
        this.baselineUrl = blankToNull(baselineUrl);
    }

    @CheckForNull
    public String getSavePredictions() {
        return savePredictions;
    }

    @DataBoundSetter
    public void setSavePredictions(final String savePredictions) {
        this.savePredictions = blankToNull(savePredictions);
    }

    @Override
    WorkspaceJob<ReportDraft> job() {
        var served = isServed() || data != null || baselineUrl != null || savePredictions != null;
        var scoring = served ? scoring(data, drop.require("drop"), baselineUrl, null, null, savePredictions) : null;
        return new ValidationJob(predictions, label, score, prediction, groups.require("groups"), baseline, id,
                getDecisionThreshold(), getPositiveLabel(), getTask(), gating(), scoring);
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
