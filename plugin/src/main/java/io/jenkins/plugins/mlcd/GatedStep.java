package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.ListOption;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/** The options every gated step shares: gates, warnings, report-only, and the MLflow run to record in. */
public abstract class GatedStep extends Step {
    private ListOption gates = ListOption.of(null);
    private ListOption warnings = ListOption.of(null);
    private boolean reportOnly;
    private String runId;
    private String server;

    public ListOption getGates() {
        return gates;
    }

    /** Gates of severity FAIL, in the shared expression syntax. */
    @DataBoundSetter
    public void setGates(final List<String> gates) {
        this.gates = ListOption.of(gates);
    }

    public ListOption getWarnings() {
        return warnings;
    }

    /** Gates of severity WARN: falling short makes the build UNSTABLE. */
    @DataBoundSetter
    public void setWarnings(final List<String> warnings) {
        this.warnings = ListOption.of(warnings);
    }

    public boolean isReportOnly() {
        return reportOnly;
    }

    /** Report the verdict without changing the build or stage result. */
    @DataBoundSetter
    public void setReportOnly(final boolean reportOnly) {
        this.reportOnly = reportOnly;
    }

    @CheckForNull
    public String getRunId() {
        return runId;
    }

    /** Record verdict, metrics, gates and reports in this MLflow run (docs/records.md). */
    @DataBoundSetter
    public void setRunId(final String runId) {
        this.runId = blankToNull(runId);
    }

    @CheckForNull
    public String getServer() {
        return server;
    }

    /** The MLflow server of the global configuration to record in; the default one when not set. */
    @DataBoundSetter
    public void setServer(final String server) {
        this.server = blankToNull(server);
    }

    @CheckForNull
    static String blankToNull(@CheckForNull final String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
