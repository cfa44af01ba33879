package io.jenkins.plugins.mlcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.AbortException;
import hudson.Util;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.Verdict;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowException;
import io.mlcd.registry.RunRecorder;
import io.mlcd.registry.StepRecord;
import io.mlcd.report.ReportDigest;
import io.mlcd.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Writes a step's record to MLflow from the controller, as {@code --run-id} and
 * {@code --model/--version} do in the CLI: the report files (rendered again from the report
 * document into a temporary folder), the metrics, the gates, the verdict last.
 */
final class MlflowRecord {
    private MlflowRecord() {
    }

    /**
     * @param step    the record's step name in tags ({@code validation}, {@code drift})
     * @param command names the report files ({@code validate}, {@code drift})
     */
    static void write(final Mlflow mlflow, final String runId, final String step, final String command,
            final ObjectNode report, final Function<JsonNode, String> html, final MetricCatalog catalog)
            throws IOException {
        write(mlflow, "run " + runId, step, command, report, html, catalog,
                (recorder, record) -> recorder.record(runId, record));
    }

    /** The record on a registered model version (its source run gets the files and metrics). */
    static void writeOnVersion(final Mlflow mlflow, final String model, final String version, final String step,
            final String command, final ObjectNode report, final Function<JsonNode, String> html,
            final MetricCatalog catalog) throws IOException {
        write(mlflow, "version " + version + " of '" + model + "'", step, command, report, html, catalog,
                (recorder, record) -> recorder.record(model, version, record));
    }

    private static void write(final Mlflow mlflow, final String where, final String step, final String command,
            final ObjectNode report, final Function<JsonNode, String> html, final MetricCatalog catalog,
            final BiConsumer<RunRecorder, StepRecord> target) throws IOException {
        var folder = Files.createTempDirectory("mlcd-record");
        try {
            var files = new ReportWriter(node -> html.apply(node)).write(folder, command, report);
            var digest = ReportDigest.of(report);
            target.accept(new RunRecorder(mlflow, Clock.systemUTC()), new StepRecord(step,
                    Verdict.valueOf(digest.verdict()), digest.summary(), digest.metrics(), gates(report, catalog), files));
        }
        catch (MlflowException e) {
            throw new AbortException("mlcd " + command + ": recording in MLflow " + where + " failed: "
                    + e.getMessage());
        }
        finally {
            Util.deleteRecursive(folder.toFile());
        }
    }

    private static List<GateResult> gates(final JsonNode report, final MetricCatalog catalog) {
        var parser = new GateParser(catalog);
        var results = new ArrayList<GateResult>();
        for (JsonNode gate : report.path("gates")) {
            results.add(parser.restore(gate.path("expression").asText(), gate.path("severity").asText(),
                    gate.path("outcome").asText(), gate.path("message").asText()));
        }
        return results;
    }
}
