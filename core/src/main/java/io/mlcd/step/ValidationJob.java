package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.report.ValidationJson;
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
 * {@code validateModel} spells them.
 *
 * @param task binary, multiclass or regression; null: inferred from the data
 */
public record ValidationJob(String predictions, String label, @CheckForNull String score,
        @CheckForNull String prediction, List<String> groups, @CheckForNull String baseline, @CheckForNull String id,
        double decisionThreshold, @CheckForNull String positiveLabel, @CheckForNull String task,
        WorkspaceGates gating) implements WorkspaceJob<ReportDraft> {
    private static final long serialVersionUID = 1L;

    public ValidationJob {
        groups = List.copyOf(groups);
    }

    @Override
    public ReportDraft run(final Path workspace) {
        gating.checkReportFolder(workspace);
        var root = workspace.toFile();
        var spec = new ValidationSpec(Workspace.file(root, predictions), label, score, prediction, groups,
                baseline == null ? null : Workspace.file(root, baseline), id, decisionThreshold, positiveLabel,
                task == null ? null : Task.fromId(task));
        var result = new Validator(Progress.NONE).validate(spec, gating.policy(workspace, new ValidationCatalog()));
        var report = ValidationJson.of(result, Instant.now());
        return gating.stage(workspace, ReportKind.VALIDATION, report);
    }
}
