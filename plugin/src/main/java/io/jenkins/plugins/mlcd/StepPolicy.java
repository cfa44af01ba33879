package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.Policy;
import io.mlcd.gate.PolicyReader;
import io.mlcd.util.Workspace;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * A workspace step's gate options, carried to the agent as plain strings: the workspace's policy
 * file, then the step's gates and warnings, and the folder its reports go to.
 */
record StepPolicy(ArrayList<String> gates, ArrayList<String> warnings, @CheckForNull String policyFile,
        String reportDir) implements Serializable {
    private static final long serialVersionUID = 1L;

    static StepPolicy of(final WorkspaceGatedStep step) {
        return new StepPolicy(new ArrayList<>(step.getGates().require("gates")),
                new ArrayList<>(step.getWarnings().require("warnings")), step.getPolicy(), step.getReportDir());
    }

    Policy read(final File workspace, final MetricCatalog catalog) {
        var parser = new GateParser(catalog);
        var fromStep = parser.policy(gates, warnings);
        return policyFile == null ? fromStep
                : new PolicyReader(parser).read(Workspace.file(workspace, policyFile)).plus(fromStep);
    }

    Path reportFolder(final File workspace) {
        return Workspace.file(workspace, reportDir);
    }
}
