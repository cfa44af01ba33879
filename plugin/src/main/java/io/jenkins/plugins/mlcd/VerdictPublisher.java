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
 * failed step has its record too; a workspace step checks the record can be made before its
 * work and publishes its report files only after the record ({@link WorkspaceGatedStep}).
 */
record VerdictPublisher(Run<?, ?> run, FlowNode node, TaskListener listener, GatedStep step) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Records and shows the report at once (a canary's, which has no report files to stage).
     *
     * @param json    the report document the engine wrote
     * @param model   with {@code version}: the registered model version the report is about, also recorded on
     * @return what the step returns to the script: verdict, summary, metrics, reportUrl
     */
    Map<String, Object> publish(final ReportKind kind, final String json, @CheckForNull final String model,
            @CheckForNull final String version) throws IOException, InterruptedException {
        var report = read(json);
        var recorder = recorder(kind, model, version);
        return show(kind, report, recorder == null ? List.of() : record(recorder, kind, report, model, version),
                false);
    }

    static ObjectNode read(final String json) throws IOException {
        return MAPPER.readValue(json, ObjectNode.class);
    }

    /**
     * What records the report in MLflow, with the step's server and credential; null when the step
     * records nothing. An unknown server or an unusable credential fails here.
     */
    @CheckForNull
    ReportRecorder recorder(final ReportKind kind, @CheckForNull final String model, @CheckForNull final String version)
            throws IOException, InterruptedException {
        if (step.getRunId() == null && (model == null || version == null)) {
            return null;
        }
        var name = name(kind);
        return Failures.named(name, () -> new ReportRecorder(MlflowServers.connect(run, step.getServer(), name),
                MlflowServers.ui(step.getServer(), name), Clock.systemUTC(),
                said -> listener.getLogger().println(name + ": " + said)));
    }

    /**
     * Checks before any work that the record can be made (names, server, credential, run, version):
     * a mistake fails the step at once, not after the pass over the data.
     */
    void check(final ReportRecorder recorder, final ReportKind kind, @CheckForNull final String model,
            @CheckForNull final String version) throws IOException, InterruptedException {
        Failures.named(name(kind), () -> {
            recorder.check(step.getRunId(), model, version);
            return null;
        });
    }

    /** Records the report in the run and on the model version, as given; core's failures in one line. */
    List<ReportLink> record(final ReportRecorder recorder, final ReportKind kind, final ObjectNode report,
            @CheckForNull final String model, @CheckForNull final String version) throws IOException,
            InterruptedException {
        return Failures.named(name(kind), () -> recorder.record(kind, report, step.getRunId(), model, version));
    }

    /**
     * Shows the report on the build page and in the trend, and turns its verdict into the result.
     * An interrupted step (the build aborted) stops before each, and adds nothing to an aborted build.
     *
     * @param links to what the report was recorded on
     * @return what the step returns to the script: verdict, summary, metrics, reportUrl
     */
    Map<String, Object> show(final ReportKind kind, final ObjectNode report, final List<ReportLink> links)
            throws IOException, InterruptedException {
        return show(kind, report, links, true);
    }

    /**
     * @param interruptible whether an interrupt stops it: a workspace step's thread is interrupted when the
     *                      build is aborted; a canary publishes the FAILED verdict of its aborted rollout
     */
    private Map<String, Object> show(final ReportKind kind, final ObjectNode report, final List<ReportLink> links,
            final boolean interruptible) throws IOException, InterruptedException {
        var name = name(kind);
        var digest = ReportDigest.of(report);
        if (interruptible) {
            stopIfInterrupted();
        }
        var action = MlcdReportAction.attach(run, kind.command(), digest, links, kind.html(report));
        if (interruptible) {
            stopIfInterrupted();
        }
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

    /**
     * Throws when the step's thread was interrupted: {@code SynchronousNonBlockingStepExecution.stop}
     * cancels it with an interrupt and lets the Pipeline move on, so whatever the thread would do
     * after that (a record, a report, a trend point, a result) belongs to an aborted build.
     */
    static void stopIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("the step was stopped");
        }
    }

    private static String name(final ReportKind kind) {
        return "mlcd " + kind.command();
    }
}
