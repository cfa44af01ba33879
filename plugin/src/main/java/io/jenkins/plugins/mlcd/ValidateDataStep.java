package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.mlcd.step.DataRecordTarget;
import io.mlcd.step.DataValidationJob;
import io.mlcd.step.ReportDraft;
import io.mlcd.step.ReportKind;
import io.mlcd.step.WorkspaceJob;
import io.mlcd.util.ListOption;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code validateData}: the options of {@code mlcd validate-data}; data, schema and reference are
 * files in the workspace. Validation on the agent (core's {@link DataValidationJob}); with
 * {@code history}, the earlier points are read from MLflow on the controller first
 * ({@link DataRecordTarget}); verdict to result, report on the build page, record in the run or
 * on the model version.
 */
public final class ValidateDataStep extends WorkspaceGatedStep {
    private final ListOption data;
    private final String schema;
    private ListOption reference = ListOption.of(null);
    private String dataset = "batch";
    private Integer history;
    private String name;
    private String version;

    @DataBoundConstructor
    public ValidateDataStep(final List<String> data, final String schema) {
        this.data = ListOption.of(data);
        this.schema = blankToNull(schema);
    }

    public ListOption getData() {
        return data;
    }

    @CheckForNull
    public String getSchema() {
        return schema;
    }

    public ListOption getReference() {
        return reference;
    }

    /** Reference data or profiles for the schema's skew constraints. */
    @DataBoundSetter
    public void setReference(final List<String> reference) {
        this.reference = ListOption.of(reference);
    }

    public String getDataset() {
        return dataset;
    }

    /** The batch's history series in MLflow: {@code training}, {@code production}, …; default {@code batch}. */
    @DataBoundSetter
    public void setDataset(final String dataset) {
        var given = blankToNull(dataset);
        this.dataset = given == null ? "batch" : given;
    }

    @CheckForNull
    public Integer getHistory() {
        return history;
    }

    /** Compare with the last N records of the dataset in the run or version. */
    @DataBoundSetter
    public void setHistory(final Integer history) {
        this.history = history;
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    /** With {@code version}: the registered model whose version's run records the report. */
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

    /** Where the record goes, refused when it is not one run or one version, or a history has none. */
    private DataRecordTarget target() {
        var target = new DataRecordTarget(getRunId(), name, version);
        target.checkHistory(history);
        return target;
    }

    @Override
    DataValidationJob job() {
        target(); // every option is checked before anything is read
        return new DataValidationJob(data.require("data"), schema, reference.require("reference"), dataset, history,
                gating());
    }

    /** The history's series, read from MLflow here for the schema's columns, which the agent reads. */
    @Override
    WorkspaceJob<ReportDraft> job(final Run<?, ?> run, final FilePath workspace) throws IOException,
            InterruptedException {
        var job = job();
        if (history == null) {
            return job;
        }
        var columns = workspace.act(new AgentJob<>(job.schemaColumns()));
        var function = getDescriptor().getFunctionName();
        return job.withHistory(target().history(MlflowServers.connect(run, getServer(), function), dataset, columns,
                history));
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
        return ReportKind.DATA;
    }

    @Extension
    public static final class DescriptorImpl extends MlcdStepDescriptor {
        public DescriptorImpl() {
            super("validateData", "Validate a batch of data against its schema (mlcd)", FilePath.class, Run.class,
                    TaskListener.class, FlowNode.class);
        }

        /** The form's check of {@code history}, as the step checks it (core's rule), for who may configure the job. */
        @POST
        public FormValidation doCheckHistory(@AncestorInPath final Item item, @QueryParameter final String value) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            }
            else {
                item.checkPermission(Item.CONFIGURE);
            }
            return DataValidationJob.historyProblem(value).map(FormValidation::error).orElse(FormValidation.ok());
        }
    }
}
