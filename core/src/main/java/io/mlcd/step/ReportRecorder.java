package io.mlcd.step;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.Verdict;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowException;
import io.mlcd.registry.MlflowUi;
import io.mlcd.registry.RunRecorder;
import io.mlcd.registry.StepRecord;
import io.mlcd.report.ReportDigest;
import io.mlcd.report.ReportWriter;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Records a step's report document in MLflow, as {@code --run-id} and {@code --model/--version}
 * do in the CLI: the report files (rendered again from the document into a temporary folder,
 * deleted after), the metrics, the gates, the verdict last; and links to what it recorded on in
 * the MLflow UI. What it did goes to a log, one line each; a record that fails is an
 * {@link MlflowException} saying where it failed.
 */
public final class ReportRecorder {
    private final Mlflow mlflow;
    private final MlflowUi ui;
    private final Clock clock;
    private final Consumer<String> log;

    /** @param ui the same server's web UI, for the links */
    public ReportRecorder(final Mlflow mlflow, final MlflowUi ui, final Clock clock, final Consumer<String> log) {
        this.mlflow = mlflow;
        this.ui = ui;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Checks, before any data is read, that the record can be made: the names' form, and that the
     * server answers, accepts the credential and knows the run and the model version. So a
     * mistake there fails the step at once, not after a long pass over the data.
     *
     * @throws io.mlcd.util.InputException for a malformed name or no such model version
     * @throws MlflowException when the server cannot be reached, refuses the credential or has no such run
     */
    public void check(@CheckForNull final String runId, @CheckForNull final String model,
            @CheckForNull final String version) {
        Names.named("runId", runId);
        Names.named("name", model);
        Names.version("version", version);
        if (runId != null) {
            mlflow.runs().get(runId);
        }
        if (model != null && version != null && mlflow.registry().version(model, version).isEmpty()) {
            throw new InputException("model '%s' has no version %s in the MLflow registry", model, version);
        }
    }

    /**
     * Records in the run and on the model version, each if given.
     *
     * @return links to the run (unless its page cannot be found: the log says why) and to the version
     */
    public List<ReportLink> record(final ReportKind kind, final ObjectNode report, @CheckForNull final String runId,
            @CheckForNull final String model, @CheckForNull final String version) {
        var links = new ArrayList<ReportLink>();
        if (runId != null) {
            write(kind, report, "run " + runId, (recorder, record) -> recorder.record(runId, record));
            log.accept("recorded in MLflow run " + runId);
            try {
                links.add(new ReportLink("MLflow run " + runId, ui.run(mlflow.runs().get(runId).experimentId(), runId)));
            }
            catch (MlflowException e) {
                log.accept("no link to the MLflow run: " + e.getMessage());
            }
        }
        if (model != null && version != null) {
            var where = "version " + version + " of '" + model + "'";
            write(kind, report, where, (recorder, record) -> recorder.record(model, version, record));
            log.accept("recorded on " + where);
            links.add(new ReportLink("MLflow model '" + model + "' version " + version, ui.modelVersion(model, version)));
        }
        return links;
    }

    private void write(final ReportKind kind, final ObjectNode report, final String where,
            final BiConsumer<RunRecorder, StepRecord> target) {
        try (var staged = new ReportWriter(kind::html).stageTemporary(kind.command(), report)) {
            var digest = ReportDigest.of(report);
            target.accept(new RunRecorder(mlflow, clock), new StepRecord(kind.record(), Verdict.valueOf(digest.verdict()),
                    digest.summary(), kind.metrics(report), kind.gates(report), staged.files()));
        }
        catch (MlflowException e) {
            throw new MlflowException("recording in MLflow " + where + " failed: " + e.getMessage(), e);
        }
    }
}
