package io.jenkins.plugins.mlcd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.report.ReportDigest;
import io.mlcd.step.ReportKind;
import io.mlcd.step.ReportLink;
import io.mlcd.step.ReportRecorder;
import io.mlcd.util.SafeText;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Turns a step's report into what Jenkins users see: the report on the build page, a line in the
 * log, and the result: FAILED fails the step with the one-line summary (no stack trace), WARNING
 * makes the build and the stage UNSTABLE exactly as the {@code unstable} step does, PASSED
 * changes nothing. With report-only, the result is left alone whatever the verdict. With a run
 * id or a model version, the record goes to MLflow first (core's {@link ReportRecorder}), so a
 * failed step has its record too.
 */
record VerdictPublisher(Run<?, ?> run, FlowNode node, TaskListener listener, GatedStep step) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param json    the report document the engine wrote
     * @param model   with {@code version}: the registered model version the report is about, also recorded on
     * @return what the step returns to the script: verdict, summary, metrics, reportUrl
     */
    Map<String, Object> publish(final ReportKind kind, final String json, @CheckForNull final String model,
            @CheckForNull final String version) throws IOException, InterruptedException {
        var report = MAPPER.readValue(json, ObjectNode.class);
        var name = "mlcd " + kind.command();
        List<ReportLink> links = List.of();
        if (step.getRunId() != null || model != null && version != null) {
            links = Failures.named(name, () -> new ReportRecorder(MlflowServers.connect(run, step.getServer(), name),
                    MlflowServers.ui(step.getServer(), name), Clock.systemUTC(),
                    said -> listener.getLogger().println(name + ": " + said))
                    .record(kind, report, step.getRunId(), model, version));
        }
        var digest = ReportDigest.of(report);
        var action = MlcdReportAction.attach(run, kind.command(), digest, links, kind.html(report));
        MetricsBuildAction.add(run, kind.headline(report));
        var line = name + ": " + SafeText.line(digest.summary());
        listener.getLogger().println(line);
        var values = digest.values(run.getUrl() + action.getUrlName() + "/");
        if (!step.isReportOnly() && "FAILED".equals(digest.verdict())) {
            throw new AbortException(line);
        }
        if (!step.isReportOnly() && "WARNING".equals(digest.verdict())) {
            listener.getLogger().println("WARNING: " + line);
            node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(digest.summary()));
            run.setResult(Result.UNSTABLE);
        }
        return values;
    }
}
