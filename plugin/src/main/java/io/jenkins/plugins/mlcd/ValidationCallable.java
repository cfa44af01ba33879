package io.jenkins.plugins.mlcd;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.mlcd.report.ReportWriter;
import io.mlcd.report.ValidationHtml;
import io.mlcd.report.ValidationJson;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationCatalog;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the validation on the agent, where the predictions are: reads the files relative to the
 * workspace, evaluates the gates, writes the report files into the workspace and returns the
 * report document as JSON text, the only thing that travels back to the controller. Fields are
 * plain strings and lists, so the callable serializes over remoting; bad input becomes an
 * {@link AbortException} with mlcd's one-line message.
 */
final class ValidationCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String predictions;
    private final String label;
    private final String score;
    private final String prediction;
    private final ArrayList<String> groups;
    private final String baseline;
    private final String id;
    private final double decisionThreshold;
    private final String positiveLabel;
    private final String task;
    private final StepPolicy gating;

    ValidationCallable(final ValidateModelStep step) {
        this.predictions = step.getPredictions();
        this.label = step.getLabel();
        this.score = step.getScore();
        this.prediction = step.getPrediction();
        this.groups = new ArrayList<>(step.getGroups().require("groups"));
        this.baseline = step.getBaseline();
        this.id = step.getId();
        this.decisionThreshold = step.getDecisionThreshold();
        this.positiveLabel = step.getPositiveLabel();
        this.task = step.getTask();
        this.gating = new StepPolicy(step);
    }

    @Override
    public String invoke(final File workspace, final VirtualChannel channel) throws IOException, InterruptedException {
        try {
            var spec = new ValidationSpec(Workspaces.file(workspace, predictions).toPath(), label, score, prediction,
                    groups, baseline == null ? null : Workspaces.file(workspace, baseline).toPath(), id,
                    decisionThreshold, positiveLabel, task == null ? null : Task.fromId(task));
            var result = new Validator(Progress.NONE).validate(spec, gating.read(workspace, new ValidationCatalog()));
            var report = ValidationJson.of(result, Instant.now());
            new ReportWriter(ValidationHtml::of).write(gating.reportFolder(workspace), "validate", report);
            return report.toString();
        }
        catch (InputException e) {
            throw new AbortException("validateModel: " + e.getMessage());
        }
    }
}
