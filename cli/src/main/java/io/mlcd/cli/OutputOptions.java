package io.mlcd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.RunRecorder;
import io.mlcd.registry.StepRecord;
import io.mlcd.report.ReportWriter;
import io.mlcd.report.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where a step's result goes besides the summary line: report files (--report-dir) and an MLflow
 * run (--run-id, --tracking-uri). Shared by every gated command.
 */
final class OutputOptions {
    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write the report here: <command>.json, <command>.html, <command>.junit.xml.")
    private Path reportDir;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Record verdict, metrics, gates and reports in this MLflow run (docs/records.md).")
    private String runId;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "MLflow tracking server (default: MLFLOW_TRACKING_URI; credentials from "
                    + "MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD).")
    private String trackingUri;

    /**
     * Writes the report and records it, as asked.
     *
     * @return what the summary line ends with: where the report and the record went
     */
    String publish(final String step, final ObjectNode report, final Function<ObjectNode, String> html,
            final Verdict verdict, final List<GateResult> gates, final Map<String, Double> metrics) {
        if (reportDir == null && runId == null) {
            return "";
        }
        var files = new ReportWriter(html).write(reportDir != null ? reportDir : temporaryFolder(), step, report);
        var where = reportDir != null ? " (report: " + files.get(1) + ")" : "";
        if (runId == null) {
            return where;
        }
        var connection = MlflowConnection.of(trackingUri, System.getenv());
        new RunRecorder(connection, Clock.systemUTC())
                .record(runId, new StepRecord(step, verdict, Summary.of(verdict, gates), metrics, gates, files));
        if (reportDir == null) {
            files.forEach(path -> path.toFile().deleteOnExit());
        }
        return where + " (recorded in MLflow run " + runId + ")";
    }

    private static Path temporaryFolder() {
        try {
            var directory = Files.createTempDirectory("mlcd-report");
            directory.toFile().deleteOnExit();
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary report folder: " + e.getMessage(), e);
        }
    }
}
