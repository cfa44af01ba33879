package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.kohsuke.stapler.DataBoundSetter;

/** A gated step that works in a workspace: it may read its gates from a policy file and writes its reports there. */
public abstract class WorkspaceGatedStep extends GatedStep {
    private String policy;
    private String reportDir = "mlcd-reports";

    @CheckForNull
    public String getPolicy() {
        return policy;
    }

    /** A YAML policy file in the workspace ({@code gates:} and {@code warn:} lists). */
    @DataBoundSetter
    public void setPolicy(final String policy) {
        this.policy = blankToNull(policy);
    }

    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(final String reportDir) {
        this.reportDir = reportDir;
    }
}
