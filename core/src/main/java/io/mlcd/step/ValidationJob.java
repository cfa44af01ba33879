package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.report.ValidationJson;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import io.mlcd.util.Workspace;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationCatalog;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code validateModel}'s work, as {@code mlcd validate} does it: reads the predictions (and the
 * baseline) in the workspace, evaluates the gates, stages the report files in the report
 * folder and returns them with the report document ({@link ReportDraft}). Option names as
 * {@code validateModel} spells them. With {@code scoring}, the predictions come from a served model
 * instead: the data is scored and the scored predictions validated the same way
 * ({@link ScoredValidation}); {@code predictions} is then null.
 *
 * @param task    binary, multiclass or regression; null: inferred from the data
 * @param scoring where the predictions come from when a served model is scored; null: the predictions file
 */
public record ValidationJob(@CheckForNull String predictions, String label, @CheckForNull String score,
        @CheckForNull String prediction, List<String> groups, @CheckForNull String baseline, @CheckForNull String id,
        double decisionThreshold, @CheckForNull String positiveLabel, @CheckForNull String task,
        WorkspaceGates gating, @CheckForNull ScoringArguments scoring) implements WorkspaceJob<ReportDraft> {
    private static final long serialVersionUID = 1L;

    public ValidationJob {
        groups = List.copyOf(groups);
        if ((predictions == null) == (scoring == null)) {
            throw new InputException("give the predictions file or a served model to score (modelUrl or "
                    + "deployCommand with data), one of them");
        }
        if (scoring != null && (scoring.data() == null || scoring.data().isBlank())) {
            throw new InputException("data names no file: give the rows to send to the served model");
        }
    }

    /** Validation of a predictions file. */
    public ValidationJob(final String predictions, final String label, @CheckForNull final String score,
            @CheckForNull final String prediction, final List<String> groups, @CheckForNull final String baseline,
            @CheckForNull final String id, final double decisionThreshold, @CheckForNull final String positiveLabel,
            @CheckForNull final String task, final WorkspaceGates gating) {
        this(predictions, label, score, prediction, groups, baseline, id, decisionThreshold, positiveLabel, task,
                gating, null);
    }

    @Override
    public ReportDraft run(final Path workspace) {
        gating.checkReportFolder(workspace);
        var root = workspace.toFile();
        var policy = gating.policy(workspace, new ValidationCatalog());
        var parsedTask = task == null ? null : Task.fromId(task);
        if (scoring != null) {
            var scored = scoring.spec(workspace);
            var result = ScoredValidation.validate(scored, label, score, prediction, groups,
                    baseline == null ? null : Workspace.file(root, baseline), id, decisionThreshold, positiveLabel,
                    parsedTask, policy, Progress.NONE);
            return gating.stage(workspace, ReportKind.VALIDATION,
                    ScoredValidation.report(result, scored, Instant.now()));
        }
        var spec = new ValidationSpec(Workspace.file(root, predictions), label, score, prediction, groups,
                baseline == null ? null : Workspace.file(root, baseline), id, decisionThreshold, positiveLabel,
                parsedTask);
        var result = new Validator(Progress.NONE).validate(spec, policy);
        var report = ValidationJson.of(result, Instant.now());
        return gating.stage(workspace, ReportKind.VALIDATION, report);
    }
}
