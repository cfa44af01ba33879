package io.mlcd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowException;
import io.mlcd.registry.RunRecorder;
import io.mlcd.registry.StepRecord;
import io.mlcd.report.ReportWriter;
import io.mlcd.report.Summary;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a step's result goes besides the summary line: report files (--report-dir) and an MLflow
 * run (--run-id) or model version (--model, --version). Shared by every gated command.
 */
final class OutputOptions {
    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write the report here: <command>.json, <command>.html, <command>.junit.xml.")
    private Path reportDir;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Record verdict, metrics, gates and reports in this MLflow run (docs/records.md).")
    private String runId;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Registered model: with --version, record in that version's run and on the version itself.")
    private String model;

    @Option(names = "--version", paramLabel = "N", description = "The model version to record on (with --model).")
    private String version;

    @Mixin
    private MlflowOptions mlflow;

    /**
     * Checks the options before any work is done: a record needs either a run or a model version;
     * the report folder must be writable or creatable, and the MLflow settings (tracking URI, TLS,
     * CA certificates, timeout) valid, so that a bad one fails before the data is read, not after
     * a report claiming a verdict was written.
     */
    void check(final CommandLine commandLine, final boolean modelAlone) {
        if (version != null && model == null) {
            throw new ParameterException(commandLine, "--version needs --model");
        }
        if (model != null && version == null && !modelAlone) {
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
            mlflow.connect();
        }
    }

    /**
     * Writes the report and records it, as asked. The report is staged first; the record in
     * MLflow (which uploads it) comes next; only when that succeeded does the report appear in
     * --report-dir. So a failed record (exit status 2) leaves no report that claims a verdict,
     * and no temporary files either.
     *
     * @param command the command, which names the report files
     * @param step    the step, which names the record's tags ({@code validation}, {@code drift})
     * @return what the summary line ends with: where the report and the record went
     */
    String publish(final String command, final String step, final ObjectNode report,
            final Function<ObjectNode, String> html, final Verdict verdict, final List<GateResult> gates,
            final Map<String, Double> metrics) {
        return publish(command, step, report, html, verdict, Summary.of(verdict, gates), gates, metrics);
    }

    /**
     * As {@link #publish(String, String, ObjectNode, Function, Verdict, List, Map)}, with the record's
     * summary line given: a canary says what happened to the traffic, which its gates alone do not.
     */
    String publish(final String command, final String step, final ObjectNode report,
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
        var recorder = new RunRecorder(mlflow.connect(), Clock.systemUTC());
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

    /** The run named by --run-id, if any. */
    Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** The registered model named by --model, if any. */
    Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** The model version named by --version, if any. */
    Optional<String> version() {
        return Optional.ofNullable(version);
    }

    Mlflow mlflow() {
        return mlflow.connect();
    }
}
