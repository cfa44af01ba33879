package io.mlcd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import io.mlcd.registry.Mlflow;
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
     * Writes the report and records it, as asked.
     *
     * @return what the summary line ends with: where the report and the record went
     */
    /**
     * Checks the options before any work is done: a record needs either a run or a model version.
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
    }

    /**
     * Writes the report and records it, as asked.
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
        var files = new ReportWriter(html).write(reportDir != null ? reportDir : temporaryFolder(), command, report);
        var where = reportDir != null ? " (report: " + files.get(1) + ")" : "";
        if (runId == null && version == null) {
            return where;
        }
        var recorder = new RunRecorder(mlflow.connect(), Clock.systemUTC());
        var record = new StepRecord(step, verdict, summary, metrics, gates, files);
        if (runId != null) {
            recorder.record(runId, record);
        }
        else {
            recorder.record(model, version, record);
        }
        if (reportDir == null) {
            files.forEach(path -> path.toFile().deleteOnExit());
        }
        return where + (runId != null ? " (recorded in MLflow run " + runId + ")"
                : " (recorded on version " + version + " of model '" + model + "')");
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
