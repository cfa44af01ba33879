package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.remoting.VirtualChannel;
import io.mlcd.report.ReportWriter;
import io.mlcd.report.ValidationHtml;
import io.mlcd.report.ValidationJson;
import io.mlcd.util.Progress;
import io.mlcd.util.Workspace;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationCatalog;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Runs the validation on the agent, where the predictions are: reads the files relative to the
 * workspace, evaluates the gates, writes the report files into the workspace and returns the
 * report document as JSON text, the only thing that travels back to the controller. It carries
 * plain strings and lists, so it serializes over remoting; bad input is an
 * {@code InputException} with mlcd's one-line message, which the step reports.
 */
record ValidationCallable(String predictions, String label, @CheckForNull String score,
        @CheckForNull String prediction, ArrayList<String> groups, @CheckForNull String baseline,
        @CheckForNull String id, double decisionThreshold, @CheckForNull String positiveLabel,
        @CheckForNull String task, StepPolicy gating) implements ControllerToAgentFileCallable<String> {
    private static final long serialVersionUID = 1L;

    ValidationCallable(final ValidateModelStep step) {
        this(step.getPredictions(), step.getLabel(), step.getScore(), step.getPrediction(),
                new ArrayList<>(step.getGroups().require("groups")), step.getBaseline(), step.getId(),
                step.getDecisionThreshold(), step.getPositiveLabel(), step.getTask(), StepPolicy.of(step));
    }

    @Override
    public String invoke(final File workspace, final VirtualChannel channel) throws IOException {
        var spec = new ValidationSpec(Workspace.file(workspace, predictions), label, score, prediction, groups,
                baseline == null ? null : Workspace.file(workspace, baseline), id, decisionThreshold, positiveLabel,
                task == null ? null : Task.fromId(task));
        var result = new Validator(Progress.NONE).validate(spec, gating.read(workspace, new ValidationCatalog()));
        var report = ValidationJson.of(result, Instant.now());
        new ReportWriter(ValidationHtml::of).write(gating.reportFolder(workspace), "validate", report);
        return report.toString();
    }
}
