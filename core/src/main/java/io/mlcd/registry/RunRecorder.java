package io.mlcd.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.GateResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes a step's record to an MLflow run: report files as artifacts under {@code mlcd/} (through
 * the server's artifact proxy, no Python needed), metrics with their plain names in batches, then
 * the {@code mlcd.<step>.*} tags, and the verdict tag last. A record that stops half-way therefore
 * has no verdict and claims nothing; an earlier verdict of the same step is removed first.
 * Schema: docs/records.md.
 */
public final class RunRecorder {
    static final int METRICS_PER_BATCH = 1000;
    static final int TAG_VALUE_LIMIT = 8000;
    private static final String PROXIED = "mlflow-artifacts:/";
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_\\-. /:]");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Mlflow mlflow;
    private final MlflowHttp http;
    private final Clock clock;

    public RunRecorder(final Mlflow mlflow, final Clock clock) {
        this.mlflow = mlflow;
        this.http = mlflow.http();
        this.clock = clock;
    }

    /**
     * Records on the version's run, then copies verdict, summary and report link to the version's
     * own tags (the verdict last, after removing the old one), where promotion looks for them.
     *
     * @return the artifact paths written, relative to the run's artifact root
     */
    public List<String> record(final String name, final String version, final StepRecord record) {
        var target = Versions.require(mlflow, name, version);
        if (target.runId().isEmpty()) {
            throw new MlflowException("version " + version + " of '" + name + "' has no run to record in");
        }
        var written = record(target.runId(), record);
        var verdictKey = "mlcd." + record.step() + ".verdict";
        var registry = mlflow.registry();
        if (target.tag(verdictKey).isPresent()) {
            registry.deleteTag(name, version, verdictKey);
        }
        var tags = new LinkedHashMap<String, String>();
        tags.put("mlcd." + record.step() + ".summary", Names.fit(record.summary(), Names.VERSION_TAG_VALUE_LIMIT));
        reportName(record).ifPresent(html -> tags.put("mlcd." + record.step() + ".report",
                "runs:/" + target.runId() + "/mlcd/" + html));
        tags.put(verdictKey, record.verdict().name());
        registry.setTags(name, version, tags);
        return written;
    }

    /** @return the artifact paths written, relative to the run's artifact root */
    public List<String> record(final String runId, final StepRecord record) {
        var run = mlflow.runs().get(runId);
        var verdictKey = "mlcd." + record.step() + ".verdict";
        if (run.tag(verdictKey).isPresent()) {
            http.post("runs/delete-tag", JSON.objectNode().put("run_id", runId).put("key", verdictKey));
        }
        var written = upload(runId, run.artifactUri(), record.reports());
        logMetrics(runId, record.metrics());
        var tags = JSON.arrayNode();
        tag(tags, "mlcd." + record.step() + ".summary", record.summary());
        tag(tags, "mlcd." + record.step() + ".gates", gates(record.gates()));
        reportName(record).ifPresent(html -> tag(tags, "mlcd." + record.step() + ".report", "mlcd/" + html));
        tag(tags, "mlcd." + record.step() + ".recorded_at", clock.instant().toString());
        var batch = JSON.objectNode().put("run_id", runId);
        batch.set("tags", tags);
        http.post("runs/log-batch", batch);
        http.post("runs/set-tag", JSON.objectNode().put("run_id", runId).put("key", verdictKey)
                .put("value", record.verdict().name()));
        return written;
    }

    private static Optional<String> reportName(final StepRecord record) {
        return record.reports().stream().map(path -> path.getFileName().toString())
                .filter(name -> name.endsWith(".html")).findFirst();
    }

    private List<String> upload(final String runId, final String artifactUri, final List<Path> reports) {
        if (!artifactUri.startsWith(PROXIED)) {
            throw new MlflowException("run " + runId + " keeps its artifacts at " + artifactUri + ", which mlcd "
                    + "cannot reach without Python; start the server with --serve-artifacts (the default in "
                    + "MLflow 2.x and 3.x) so new runs store mlflow-artifacts:/ URIs");
        }
        var root = artifactUri.substring(PROXIED.length()).replaceAll("^/+", "");
        var written = new ArrayList<String>();
        for (Path report : reports) {
            var name = "mlcd/" + report.getFileName();
            try {
                http.put(root + "/" + name, Files.readAllBytes(report));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the report " + report + ": " + e.getMessage(), e);
            }
            written.add(name);
        }
        return written;
    }

    private void logMetrics(final String runId, final Map<String, Double> metrics) {
        var timestamp = clock.millis();
        var batch = JSON.arrayNode();
        for (var entry : metrics.entrySet()) {
            if (entry.getKey().contains("=") || !Double.isFinite(entry.getValue())) {
                continue; // slices stay in the report; MLflow metrics hold numbers only
            }
            batch.addObject().put("key", metricKey(entry.getKey())).put("value", entry.getValue())
                    .put("timestamp", timestamp).put("step", 0);
            if (batch.size() == METRICS_PER_BATCH) {
                send(runId, batch);
                batch = JSON.arrayNode();
            }
        }
        if (!batch.isEmpty()) {
            send(runId, batch);
        }
    }

    private void send(final String runId, final ArrayNode metrics) {
        var body = JSON.objectNode().put("run_id", runId);
        body.set("metrics", metrics);
        http.post("runs/log-batch", body);
    }

    /** {@code name[column]} becomes {@code name.column}; characters MLflow rejects become '_'. */
    static String metricKey(final String key) {
        var plain = key.replace('[', '.').replace("]", "");
        return NOT_ALLOWED.matcher(plain).replaceAll("_");
    }

    private static String gates(final List<GateResult> results) {
        var array = JSON.arrayNode();
        for (GateResult result : results) {
            ObjectNode gate = array.addObject();
            gate.put("expression", result.gate().expression());
            gate.put("severity", result.gate().severity().name());
            gate.put("outcome", result.outcome().name());
            gate.put("message", result.message());
        }
        return array.toString();
    }

    private static void tag(final ArrayNode tags, final String key, final String value) {
        tags.addObject().put("key", key).put("value", Names.fit(value, TAG_VALUE_LIMIT));
    }
}
