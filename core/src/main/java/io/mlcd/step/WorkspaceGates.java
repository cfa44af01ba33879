package io.mlcd.step;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.Policy;
import io.mlcd.gate.PolicyReader;
import io.mlcd.report.ReportWriter;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.Workspace;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * A workspace step's gates and where its reports go: the workspace's policy file (if any), then
 * the step's own gates and warnings; the report folder in the workspace, where the reports are
 * staged, to be published only once the MLflow record (if any) succeeded ({@link ReportDraft}).
 *
 * @param policyFile a YAML policy file in the workspace, or null
 * @param reportDir  the report folder in the workspace; null or blank: {@value #DEFAULT_REPORT_DIR}
 */
public record WorkspaceGates(List<String> gates, List<String> warnings, @CheckForNull String policyFile,
        String reportDir) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_REPORT_DIR = "mlcd-reports";

    public WorkspaceGates {
        gates = List.copyOf(gates);
        warnings = List.copyOf(warnings);
        reportDir = reportDir == null || reportDir.isBlank() ? DEFAULT_REPORT_DIR : reportDir.strip();
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

    /**
     * Checks, before any file is read, that the report folder is in the workspace and is (or can
     * be created as) a writable folder, so that a long pass over the data does not end in
     * "cannot write".
     */
    public void checkReportFolder(final Path workspace) {
        AtomicFiles.checkWritableFolder("reportDir", reportFolder(workspace));
    }

    /**
     * Stages the report's files in the report folder, invisible there until the draft is published.
     *
     * @return the draft, which carries the report document back to the controller
     */
    public ReportDraft stage(final Path workspace, final ReportKind kind, final ObjectNode report) {
        var staged = new ReportWriter(kind::html).stage(reportFolder(workspace), kind.command(), report);
        var created = staged.created();
        return new ReportDraft(report.toString(), kind.command(), reportDir, staged.stagingName(),
                created == null ? null : created.toString());
    }
}
