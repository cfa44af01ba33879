package io.mlcd.cli;

import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.RunRecorder;
import io.mlcd.registry.StepRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that record a step's result in an MLflow run: --run-id and --tracking-uri. */
final class RecordOptions {
    @Option(names = "--run-id", paramLabel = "ID",
            description = "Record verdict, metrics, gates and reports in this MLflow run (docs/records.md).")
    private String runId;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "MLflow tracking server (default: MLFLOW_TRACKING_URI; credentials from "
                    + "MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD).")
    private String trackingUri;

    boolean wanted() {
        return runId != null;
    }

    /** Where to write reports: the user's folder, or a temporary one when only MLflow gets them. */
    Path reportDir(final Path given) {
        if (given != null) {
            return given;
        }
        try {
            var directory = Files.createTempDirectory("mlcd-report");
            directory.toFile().deleteOnExit();
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary report folder: " + e.getMessage(), e);
        }
    }

    /** Writes the record; returns the text the summary line ends with. */
    String record(final String step, final Verdict verdict, final String summary, final Map<String, Double> metrics,
            final List<GateResult> gates, final List<Path> reports) {
        var connection = MlflowConnection.of(trackingUri, System.getenv());
        new RunRecorder(connection, Clock.systemUTC())
                .record(runId, new StepRecord(step, verdict, summary, metrics, gates, reports));
        reports.forEach(path -> path.toFile().deleteOnExit());
        return " (recorded in MLflow run " + runId + ")";
    }
}
