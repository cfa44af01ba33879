package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.Policy;
import io.mlcd.report.ValidationJson;
import io.mlcd.scoring.ServedModel;
import io.mlcd.scoring.HttpScorer;
import io.mlcd.scoring.PredictionFiles;
import io.mlcd.scoring.ScoringSpec;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationResult;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Validation of a served model, shared by {@code mlcd validate --model-url} and
 * {@code validateModel}: scores the data ({@link PredictionFiles}), then validates the scored
 * predictions exactly as a predictions file, the baseline's too when there is one.
 */
public final class ScoredValidation {
    private ScoredValidation() {
    }

    /**
     * The report of {@link #validate}: {@link ValidationJson}'s, its inputs naming the models scored
     * (addresses without credentials or query) and the data rather than temporary files, and an
     * {@code inputs.scoring} object: data, model, baseline_model, saved_predictions.
     */
    public static ObjectNode report(final ValidationResult result, final ScoringSpec scoring, final Instant createdAt) {
        var report = ValidationJson.of(result, createdAt);
        var inputs = (ObjectNode) report.get("inputs");
        var data = scoring.data().toString();
        var model = scoring.modelUrl() != null ? HttpScorer.shown(scoring.modelUrl())
                : ServedModel.shown(scoring.deployCommand());
        inputs.put("predictions", model + " on " + data);
        var details = inputs.putObject("scoring");
        details.put("data", data);
        details.put("model", model);
        if (scoring.baselineUrl() != null) {
            var baseline = HttpScorer.shown(scoring.baselineUrl());
            inputs.put("baseline", baseline + " on " + data);
            details.put("baseline_model", baseline);
        }
        details.put("saved_predictions",
                scoring.savePredictions() == null ? null : scoring.savePredictions().toString());
        return report;
    }

    /**
     * @param score      the user's --score (names the column of scores), or null
     * @param prediction the user's --prediction (names the column of predicted classes or values), or null
     * @param baseline   a baseline predictions file for the same rows, or null (or a baseline URL in {@code scoring})
     */
    public static ValidationResult validate(final ScoringSpec scoring, final String label,
            @CheckForNull final String score, @CheckForNull final String prediction, final List<String> groups,
            @CheckForNull final Path baseline, @CheckForNull final String id, final double decisionThreshold,
            @CheckForNull final String positiveLabel, @CheckForNull final Task task, final Policy policy,
            final Progress progress) {
        if (baseline != null && scoring.baselineUrl() != null) {
            throw new InputException("give a baseline predictions file (--baseline) or a baseline model "
                    + "(--baseline-url), not both");
        }
        // what can be checked before the model is asked: the options as a predictions file would have them, the gates
        var provisional = new ValidationSpec(scoring.data(), label, score,
                score == null && prediction == null ? PredictionFiles.PREDICTION_COLUMN : prediction, groups, baseline,
                id, decisionThreshold, positiveLabel, task);
        Validator.checkGates(provisional, policy);
        try (var files = PredictionFiles.score(scoring, label, id, groups, score, prediction,
                url -> new HttpScorer(url, scoring.options(), scoring.format(), progress), progress)) {
            var spec = new ValidationSpec(files.predictions(), label, files.isScore() ? files.column() : null,
                    files.isScore() ? null : files.column(), groups,
                    files.baseline() != null ? files.baseline() : baseline, id, decisionThreshold, positiveLabel, task);
            return new Validator(progress).validate(spec, policy);
        }
    }
}
