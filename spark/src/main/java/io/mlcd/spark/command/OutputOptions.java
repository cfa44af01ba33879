package io.mlcd.spark.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.MlflowException;
import io.mlcd.registry.RunRecorder;
import io.mlcd.registry.StepRecord;
import io.mlcd.report.ReportWriter;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a step's result goes besides the summary line, as in the CLI: report files (--report-dir,
 * on the driver's file system) and an MLflow run (--run-id) or model version (--model, --version).
 * Reports are staged, recorded, then published, by core's {@link ReportWriter} and
 * {@link RunRecorder}, so a failed record leaves no report that claims a verdict.
 */
public final class OutputOptions {
    /** An hour per request is far beyond any answer MLflow gives; more looks like a typo and would hang a job. */
    static final long LONGEST_TIMEOUT_SECONDS = 3600;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write the report here (on the driver): <command>.json, <command>.html, <command>.junit.xml.")
    private Path reportDir;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Record verdict, metrics, gates and reports in this MLflow run (docs/records.md).")
    private String runId;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Registered model: with --version, record in that version's run and on the version itself.")
    private String model;

    @Option(names = "--version", paramLabel = "N", description = "The model version to record on (with --model).")
    private String version;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "MLflow tracking server (default: MLFLOW_TRACKING_URI; credentials from "
                    + "MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD).")
    private String trackingUri;

    @Option(names = "--mlflow-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Limit for each MLflow request (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @CheckForNull
    private Mlflow client;

    /**
     * Checks the options before Spark reads anything: a record needs a run or a model version, the
     * report folder must be writable, the MLflow settings valid; a bad one fails before the job.
     */
    public void check(final CommandLine commandLine) {
        if (version != null && model == null) {
            throw new ParameterException(commandLine, "--version needs --model");
        }
        if (model != null && version == null) {
            throw new ParameterException(commandLine, "--model needs --version (the version to record on)");
        }
        if (version != null && runId != null) {
            throw new ParameterException(commandLine, "record in a run (--run-id) or a model version "
                    + "(--model, --version), not both");
        }
        Names.named("--model", model);
        Names.version("--version", version);
        Names.named("--run-id", runId);
        if (reportDir != null) {
            if (reportDir.toString().isBlank()) {
                throw new ParameterException(commandLine, "--report-dir needs a folder name");
            }
            AtomicFiles.checkWritableFolder("--report-dir", reportDir);
        }
        if (model != null || runId != null) {
            mlflow();
        }
    }

    /**
     * Writes the report and records it, as asked; see the class comment for the order.
     *
     * @param command names the report files; {@code step} the record's tags
     * @return what the summary line ends with: where the report and the record went
     */
    public String publish(final String command, final String step, final ObjectNode report,
            final Function<ObjectNode, String> html, final Verdict verdict, final String summary,
            final List<GateResult> gates, final Map<String, Double> metrics) {
        if (reportDir == null && runId == null && version == null) {
            return "";
        }
        var writer = new ReportWriter(html);
        try (var staged = reportDir != null ? writer.stage(reportDir, command, report)
                : writer.stageTemporary(command, report)) {
            var recorded = "";
            if (runId != null || version != null) {
                record(new StepRecord(step, verdict, summary, metrics, gates, staged.files()));
                recorded = runId != null ? " (recorded in MLflow run " + runId + ")"
                        : " (recorded on version " + version + " of model '" + model + "')";
            }
            return reportDir != null ? " (report: " + staged.publish().get(1) + ")" + recorded : recorded;
        }
    }

    private void record(final StepRecord record) {
        var recorder = new RunRecorder(mlflow(), Clock.systemUTC());
        try {
            if (runId != null) {
                recorder.record(runId, record);
            }
            else {
                recorder.record(model, version, record);
            }
        }
        catch (InputException e) {
            throw reportDir == null ? e : new InputException("recording in MLflow failed, so no report was "
                    + "written to %s: %s", reportDir, e.getMessage());
        }
        catch (RuntimeException e) {
            throw reportDir == null ? e : new MlflowException("recording in MLflow failed, so no report was written to "
                    + reportDir + ": " + e.getMessage(), e);
        }
    }

    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** The client for the server, made once; the URI, TLS settings and timeout are checked without a request. */
    public Mlflow mlflow() {
        if (client == null) {
            if (timeoutSeconds < 1 || timeoutSeconds > LONGEST_TIMEOUT_SECONDS) {
                throw new InputException("--mlflow-timeout must be between 1 and %d, got %d", LONGEST_TIMEOUT_SECONDS,
                        timeoutSeconds);
            }
            client = new Mlflow(MlflowConnection.of(trackingUri, System.getenv())
                    .withTimeout(Duration.ofSeconds(timeoutSeconds)));
        }
        return client;
    }
}
