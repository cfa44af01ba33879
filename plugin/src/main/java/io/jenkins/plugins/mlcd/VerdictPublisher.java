package io.jenkins.plugins.mlcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.registry.MlflowException;
import io.mlcd.report.ReportDigest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Turns a step's report into what Jenkins users see: the report on the build page, a line in the
 * log, and the result: FAILED fails the step with the one-line summary (no stack trace), WARNING
 * makes the build and the stage UNSTABLE exactly as the {@code unstable} step does, PASSED
 * changes nothing. With report-only, the result is left alone whatever the verdict. With a run
 * id, the record goes to MLflow first, so a failed step has its record too.
 */
final class VerdictPublisher {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Run<?, ?> run;
    private final FlowNode node;
    private final TaskListener listener;
    private final boolean reportOnly;
    @CheckForNull
    private final String runId;
    @CheckForNull
    private final String server;

    /**
     * @param runId  the MLflow run to record in, or null
     * @param server the configured MLflow server to record on, or null for the default
     */
    VerdictPublisher(final Run<?, ?> run, final FlowNode node, final TaskListener listener, final boolean reportOnly,
            @CheckForNull final String runId, @CheckForNull final String server) {
        this.run = run;
        this.node = node;
        this.listener = listener;
        this.reportOnly = reportOnly;
        this.runId = runId;
        this.server = server;
    }

    VerdictPublisher(final Run<?, ?> run, final FlowNode node, final TaskListener listener, final GatedStep step) {
        this(run, node, listener, step.isReportOnly(), step.getRunId(), step.getServer());
    }

    /**
     * @param command the CLI command the step mirrors ({@code validate}, {@code drift})
     * @param record  the step's name in MLflow tags ({@code validation}, {@code drift})
     * @param json    the report document the engine wrote on the agent
     * @param html    renders the report's page
     * @return what the step returns to the script: verdict, summary, metrics, reportUrl
     */
    Map<String, Object> publish(final String command, final String record, final String json,
            final Function<JsonNode, String> html, final MetricCatalog catalog) throws IOException {
        return publish(command, record, json, html, catalog, null, null);
    }

    /** As above, also recorded on (and linked to) the registered model version the report is about. */
    Map<String, Object> publish(final String command, final String record, final String json,
            final Function<JsonNode, String> html, final MetricCatalog catalog, @CheckForNull final String modelName,
            @CheckForNull final String modelVersion) throws IOException {
        var report = MAPPER.readValue(json, ObjectNode.class);
        var links = new ArrayList<MlcdReportAction.Link>();
        if (runId != null || modelName != null && modelVersion != null) {
            var mlflow = MlflowServers.connect(run, server, "mlcd " + command);
            if (runId != null) {
                MlflowRecord.write(mlflow, runId, record, command, report, html, catalog);
                listener.getLogger().println("mlcd " + command + ": recorded in MLflow run " + runId);
                try {
                    links.add(new MlcdReportAction.Link("MLflow run " + runId, MlflowServers.ui(server, "mlcd "
                            + command).run(mlflow.runs().get(runId).experimentId(), runId)));
                }
                catch (MlflowException e) {
                    listener.getLogger().println("mlcd " + command + ": no link to the MLflow run: " + e.getMessage());
                }
            }
            if (modelName != null && modelVersion != null) {
                MlflowRecord.writeOnVersion(mlflow, modelName, modelVersion, record, command, report, html, catalog);
                listener.getLogger().println("mlcd " + command + ": recorded on version " + modelVersion + " of '"
                        + modelName + "'");
                links.add(new MlcdReportAction.Link("MLflow model '" + modelName + "' version " + modelVersion,
                        MlflowServers.versionPage(server, modelName, modelVersion)));
            }
        }
        var digest = ReportDigest.of(report);
        var action = MlcdReportAction.attach(run, command, digest, links, html.apply(report));
        MetricsBuildAction.add(run, digest.headline());
        listener.getLogger().println("mlcd " + command + ": " + digest.summary());
        var value = new LinkedHashMap<String, Object>();
        value.put("verdict", digest.verdict());
        value.put("summary", digest.summary());
        value.put("metrics", new LinkedHashMap<>(digest.metrics()));
        value.put("reportUrl", run.getUrl() + action.getUrlName() + "/");
        if (reportOnly) {
            return value;
        }
        if ("FAILED".equals(digest.verdict())) {
            throw new AbortException("mlcd " + command + ": " + digest.summary());
        }
        if ("WARNING".equals(digest.verdict())) {
            listener.getLogger().println("WARNING: mlcd " + command + ": " + digest.summary());
            node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(digest.summary()));
            run.setResult(Result.UNSTABLE);
        }
        return value;
    }
}
