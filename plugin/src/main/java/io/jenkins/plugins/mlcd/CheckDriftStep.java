package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.step.DriftJob;
import io.mlcd.step.ReportDraft;
import io.mlcd.step.ReportKind;
import io.mlcd.step.WorkspaceJob;
import io.mlcd.util.ListOption;
import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code checkDrift}: the options of {@code mlcd drift}; reference and current are data files or
 * profiles in the workspace. Work on the agent (core's {@link DriftJob}), verdict to result, report on the
 * build page.
 */
public final class CheckDriftStep extends WorkspaceGatedStep {
    private final ListOption reference;
    private final ListOption current;
    private String test;
    private ListOption columnTests = ListOption.of(null);
    private ListOption columnThresholds = ListOption.of(null);
    private ListOption columnTypes = ListOption.of(null);
    private Double threshold;
    private String predictionColumn;
    private String targetColumn;

    @DataBoundConstructor
    public CheckDriftStep(final List<String> reference, final List<String> current) {
        this.reference = ListOption.of(reference);
        this.current = ListOption.of(current);
    }

    public ListOption getReference() {
        return reference;
    }

    public ListOption getCurrent() {
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

    public ListOption getColumnTests() {
        return columnTests;
    }

    /** Tests for single columns, as {@code column=test}. */
    @DataBoundSetter
    public void setColumnTests(final List<String> columnTests) {
        this.columnTests = ListOption.of(columnTests);
    }

    public ListOption getColumnThresholds() {
        return columnThresholds;
    }

    /** Thresholds for single columns, as {@code column=number}. */
    @DataBoundSetter
    public void setColumnThresholds(final List<String> columnThresholds) {
        this.columnThresholds = ListOption.of(columnThresholds);
    }

    public ListOption getColumnTypes() {
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
    WorkspaceJob<ReportDraft> job() {
        return new DriftJob(reference.require("reference"), current.require("current"), test,
                columnTests.require("columnTests"), columnThresholds.require("columnThresholds"),
                columnTypes.require("columnTypes"), threshold, predictionColumn, targetColumn, gating());
    }

    @Override
    ReportKind kind() {
        return ReportKind.DRIFT;
    }

    @Extension
    public static final class DescriptorImpl extends MlcdStepDescriptor {
        public DescriptorImpl() {
            super("checkDrift", "Check data for drift against a reference (mlcd)", FilePath.class, Run.class,
                    TaskListener.class, FlowNode.class);
        }
    }
}
