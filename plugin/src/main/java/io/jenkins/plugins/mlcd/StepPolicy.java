package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.Policy;
import io.mlcd.gate.PolicyReader;
import java.io.File;
import java.util.List;

/** A gated step's policy, read on the agent: the workspace's policy file, then its gates and warnings. */
final class StepPolicy {
    private StepPolicy() {
    }

    static Policy read(final File workspace, final MetricCatalog catalog, final List<String> gates,
            final List<String> warnings, @CheckForNull final String policyFile) {
        var parser = new GateParser(catalog);
        var fromStep = parser.policy(gates, warnings);
        return policyFile == null ? fromStep
                : new PolicyReader(parser).read(Workspaces.file(workspace, policyFile).toPath()).plus(fromStep);
    }
}
