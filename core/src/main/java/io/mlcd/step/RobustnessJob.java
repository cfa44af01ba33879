package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.robustness.PerturbedRowsWriter;
import io.mlcd.robustness.Perturber;
import io.mlcd.robustness.RobustnessGates;
import io.mlcd.robustness.RobustnessInput;
import io.mlcd.robustness.RobustnessOptions;
import io.mlcd.robustness.RobustnessResult;
import io.mlcd.robustness.RobustnessRunner;
import io.mlcd.report.RobustnessJson;
import io.mlcd.scoring.HttpScorer;
import io.mlcd.scoring.ServedModel;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import io.mlcd.util.Workspace;
import io.mlcd.validation.Task;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code testRobustness}'s work on the agent, as {@code mlcd robustness} does it: reads the rows (and
 * the profile) in the workspace, scores them and each perturbation of them with the served model
 * (started by the deploy command for the step and stopped after it, also on failure), evaluates the
 * gates, stages {@code robustness.json}, {@code .html} and {@code .junit.xml} in the report folder and
 * returns them with the report document ({@link ReportDraft}). A batch that finally fails stops the
 * job with its error: nothing is staged, so nothing can be recorded. Option names as
 * {@code testRobustness} spells them.
 *
 * @param scoring           the rows ({@code data}, without the {@code drop} columns) and the served model
 * @param label             the label column (not sent to the model), or null
 * @param profile           a training profile in the workspace bounding the perturbations, or null
 * @param perturb           perturbation specs; empty: the default suite
 * @param seed              the perturbations' seed; null: {@link #DEFAULT_SEED}
 * @param savePerturbed     a workspace folder for the perturbed rows, or null
 * @param task              binary, multiclass or regression; null: inferred from the answers
 */
public record RobustnessJob(ScoringArguments scoring, @CheckForNull String label, @CheckForNull String profile,
        List<String> perturb, @CheckForNull Long seed, @CheckForNull String savePerturbed, double decisionThreshold,
        @CheckForNull String positiveLabel, @CheckForNull String task, WorkspaceGates gating)
        implements WorkspaceJob<ReportDraft> {
    /** As {@code mlcd robustness --seed}'s default. */
    public static final long DEFAULT_SEED = 1;
    private static final long serialVersionUID = 1L;

    public RobustnessJob {
        perturb = List.copyOf(perturb);
        if (scoring.data() == null || scoring.data().isBlank()) {
            throw new InputException("data names no file: give the rows to perturb and score (CSV or JSON Lines)");
        }
        if ((scoring.modelUrl() == null) == (scoring.deployCommand() == null)) {
            throw new InputException("give the model: modelUrl or deployCommand, one of them");
        }
        new RobustnessOptions(null, decisionThreshold, positiveLabel); // checked before anything is read
    }

    @Override
    public ReportDraft run(final Path workspace) {
        gating.checkReportFolder(workspace);
        var root = workspace.toFile();
        var spec = scoring.spec(workspace);
        var profileFile = profile == null ? null : Workspace.file(root, profile);
        var saveTo = savePerturbed == null ? null : Workspace.file(root, savePerturbed);
        var options = new RobustnessOptions(task == null ? null : Task.fromId(task), decisionThreshold, positiveLabel);
        var input = RobustnessInput.read(spec.data(), label, spec.drop(), profileFile, perturb, Progress.NONE);
        var policy = gating.policy(workspace, input.catalog());
        RobustnessGates.check(policy);
        var saver = saveTo == null ? RobustnessRunner.Listener.NONE : new PerturbedRowsWriter(saveTo, input.rows().columns());
        RobustnessResult result;
        try (var served = spec.deployCommand() == null ? null : ServedModel.start(spec.deployCommand(), spec.name(),
                spec.version(), ServedModel.READY_WITHIN, null);
                var scorer = new HttpScorer(served == null ? spec.modelUrl() : served.url(), spec.options(),
                        spec.format(), Progress.NONE)) {
            result = input.run(scorer, new Perturber(seed == null ? DEFAULT_SEED : seed), options, policy, saver);
        }
        var model = spec.modelUrl() != null ? HttpScorer.shown(spec.modelUrl())
                : ServedModel.shown(spec.deployCommand());
        var inputs = new RobustnessJson.Inputs(scoring.data(), profile, model);
        return gating.stage(workspace, ReportKind.ROBUSTNESS, RobustnessJson.of(result, inputs, Instant.now()));
    }
}
