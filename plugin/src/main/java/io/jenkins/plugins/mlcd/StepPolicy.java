package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.Policy;
import io.mlcd.gate.PolicyReader;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * A workspace step's gate options, carried to the agent as plain strings: the workspace's policy
 * file, then the step's gates and warnings, and the folder its reports go to.
 */
final class StepPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> gates;
    private final ArrayList<String> warnings;
    @CheckForNull
    private final String policyFile;
    private final String reportDir;

    StepPolicy(final WorkspaceGatedStep step) {
        this.gates = new ArrayList<>(step.getGates().require("gates"));
        this.warnings = new ArrayList<>(step.getWarnings().require("warnings"));
        this.policyFile = step.getPolicy();
        this.reportDir = step.getReportDir();
    }

    Policy read(final File workspace, final MetricCatalog catalog) {
        var parser = new GateParser(catalog);
        var fromStep = parser.policy(gates, warnings);
        return policyFile == null ? fromStep
                : new PolicyReader(parser).read(Workspaces.file(workspace, policyFile).toPath()).plus(fromStep);
    }

    Path reportFolder(final File workspace) {
        return Workspaces.file(workspace, reportDir).toPath();
    }
}
