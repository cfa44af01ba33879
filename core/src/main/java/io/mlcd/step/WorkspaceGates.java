package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.Policy;
import io.mlcd.gate.PolicyReader;
import io.mlcd.util.Workspace;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * A workspace step's gates and where its reports go: the workspace's policy file (if any), then
 * the step's own gates and warnings; the report folder in the workspace.
 *
 * @param policyFile a YAML policy file in the workspace, or null
 */
public record WorkspaceGates(List<String> gates, List<String> warnings, @CheckForNull String policyFile,
        String reportDir) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WorkspaceGates {
        gates = List.copyOf(gates);
        warnings = List.copyOf(warnings);
    }

    /** The policy file's gates first, then the step's; a gate that does not parse is refused here. */
    public Policy policy(final Path workspace, final MetricCatalog catalog) {
        var parser = new GateParser(catalog);
        var fromStep = parser.policy(gates, warnings);
        return policyFile == null ? fromStep
                : new PolicyReader(parser).read(Workspace.file(workspace.toFile(), policyFile)).plus(fromStep);
    }

    public Path reportFolder(final Path workspace) {
        return Workspace.file(workspace.toFile(), reportDir);
    }
}
