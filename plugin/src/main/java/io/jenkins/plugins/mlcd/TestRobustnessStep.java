package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.step.DataRecordTarget;
import io.mlcd.step.ReportDraft;
import io.mlcd.step.ReportKind;
import io.mlcd.step.RobustnessJob;
import io.mlcd.step.WorkspaceJob;
import io.mlcd.util.ListOption;
import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code testRobustness}: the options of {@code mlcd robustness}; data and profile are files in the
 * workspace, the model is served ({@link ModelGatedStep}). Perturbing and scoring on the agent (core's
 * {@link RobustnessJob}), verdict to result, report on the build page, record in the run or on the
 * model version.
 */
public final class TestRobustnessStep extends ModelGatedStep {
    private final String data;
    private String label;
    private ListOption drop = ListOption.of(null);
    private String profile;
    private ListOption perturb = ListOption.of(null);
    /** Integer, not Long: Stapler binds an empty form field to null only for Integer, Float and Double. */
    private Integer seed;
    private String savePerturbed;
    private String name;
    private String version;

    @DataBoundConstructor
    public TestRobustnessStep(final String data) {
        this.data = blankToNull(data);
    }

    @CheckForNull
    public String getData() {
        return data;
    }

    @CheckForNull
    public String getLabel() {
        return label;
    }

    @DataBoundSetter
    public void setLabel(final String label) {
        this.label = blankToNull(label);
    }

    public ListOption getDrop() {
        return drop;
    }

    /** Columns of {@code data} that are not sent to the model (an id). */
    @DataBoundSetter
    public void setDrop(final List<String> drop) {
        this.drop = ListOption.of(drop);
    }

    @CheckForNull
    public String getProfile() {
        return profile;
    }

    @DataBoundSetter
    public void setProfile(final String profile) {
        this.profile = blankToNull(profile);
    }

    public ListOption getPerturb() {
        return perturb;
    }

    @DataBoundSetter
    public void setPerturb(final List<String> perturb) {
        this.perturb = ListOption.of(perturb);
    }

    @CheckForNull
    public Integer getSeed() {
        return seed;
    }

    @DataBoundSetter
    public void setSeed(final Integer seed) {
        this.seed = seed;
    }

    @CheckForNull
    public String getSavePerturbed() {
        return savePerturbed;
    }

    @DataBoundSetter
    public void setSavePerturbed(final String savePerturbed) {
        this.savePerturbed = blankToNull(savePerturbed);
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(final String name) {
        this.name = blankToNull(name);
    }

    @CheckForNull
    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(final String version) {
        this.version = blankToNull(version);
    }

    @Override
    WorkspaceJob<ReportDraft> job() {
        new DataRecordTarget(getRunId(), name, version); // one run or one version, checked before anything is read
        return new RobustnessJob(scoring(data, drop.require("drop"), null, name, version, null), label, profile,
                perturb.require("perturb"), seed == null ? null : seed.longValue(), savePerturbed, getDecisionThreshold(),
                getPositiveLabel(), getTask(),
                gating());
    }

    @Override
    String model() {
        return name;
    }

    @Override
    String version() {
        return version;
    }

    @Override
    ReportKind kind() {
        return ReportKind.ROBUSTNESS;
    }

    @Extension
    public static final class DescriptorImpl extends MlcdStepDescriptor {
        public DescriptorImpl() {
            super("testRobustness", "Test a served model's robustness to perturbed inputs (mlcd)", FilePath.class,
                    Run.class, TaskListener.class, FlowNode.class);
        }
    }
}
