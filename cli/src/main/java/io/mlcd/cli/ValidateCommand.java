package io.mlcd.cli;

import io.mlcd.gate.MetricValues;
import io.mlcd.registry.RunMetrics;
import io.mlcd.report.Summary;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import io.mlcd.validation.MetricsValidation;
import java.util.Map;
import picocli.CommandLine.ParameterException;
import io.mlcd.report.ValidationHtml;
import io.mlcd.report.ValidationJson;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationCatalog;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlcd validate}: metrics from a predictions file, gated. */
@Command(name = "validate", sortOptions = false,
        description = {"Compute model metrics from a predictions file and evaluate gates on them.",
            "Binary (score or predicted class), multiclass and regression; fairness across --group columns; "
                    + "challenger vs baseline (champion) with paired significance tests."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd validate --predictions preds.csv \\",
            "    --label label --score score --group sex \\",
            "    --gate 'roc_auc >= 0.85' --report-dir out \\",
            "    --warn 'demographic_parity_difference[sex] <= 0.1'",
            "  mlcd validate --predictions new.csv --label y \\",
            "    --score p --baseline champion.csv --id id \\",
            "    --gate 'roc_auc >= baseline - 0.01' \\",
            "    --gate 'log_loss <= baseline * 1.05'",
            "  mlcd validate --metrics-from-run \"$RUN_ID\" \\",
            "    --model churn --baseline-alias champion \\",
            "    --gate 'roc_auc >= baseline - 0.01' \\",
            "    --run-id \"$RUN_ID\"",
            "",
            "Exit status: 0 PASSED, 1 FAILED, 3 WARNING, 2 usage or input error."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--predictions", paramLabel = "FILE",
            description = "Predictions file: CSV with a header row, or JSON Lines (.jsonl, .ndjson).")
    private Path predictions;

    @Option(names = "--metrics-from-run", paramLabel = "ID",
            description = "Instead of --predictions: gate the metrics this MLflow run logged (name[col] reads name.col).")
    private String metricsFromRun;

    @Option(names = "--baseline-alias", paramLabel = "ALIAS",
            description = "With --metrics-from-run and --model: the baseline is the run of the version holding "
                    + "this alias, e.g. champion.")
    private String baselineAlias;

    @Option(names = "--label", paramLabel = "COL", defaultValue = "label",
            description = "Column with the true label (default: ${DEFAULT-VALUE}).")
    private String label;

    @Option(names = "--score", paramLabel = "COL",
            description = "Column with the probability of the positive class (binary).")
    private String score;

    @Option(names = "--prediction", paramLabel = "COL",
            description = "Column with the predicted class, or the predicted value for regression.")
    private String prediction;

    @Option(names = "--group", paramLabel = "COL",
            description = "Sensitive or slicing column for fairness metrics and per-group metrics (repeatable).")
    private List<String> groups = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Baseline (champion) predictions for the same rows, same columns.")
    private Path baseline;

    @Option(names = "--id", paramLabel = "COL",
            description = "Column that joins predictions and baseline rows; without it rows are joined by order.")
    private String id;

    @Option(names = "--decision-threshold", paramLabel = "X", defaultValue = "0.5",
            description = "A score >= X predicts the positive class (default: ${DEFAULT-VALUE}).")
    private double decisionThreshold;

    @Option(names = "--positive-label", paramLabel = "V",
            description = "The positive class; needed unless labels are 0/1, -1/1 or false/true.")
    private String positiveLabel;

    @Option(names = "--task", paramLabel = "TASK",
            description = "binary, multiclass or regression (default: inferred; see docs/validate.md).")
    private String task;

    @Mixin
    private GateOptions gateOptions;

    @Mixin
    private OutputOptions outputs;

    @Mixin
    private DebugOption debug;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        outputs.check(spec.commandLine(), baselineAlias != null);
        Names.named("--metrics-from-run", metricsFromRun);
        Names.named("--baseline-alias", baselineAlias);
        Names.named("--positive-label", positiveLabel);
        if ((predictions == null) == (metricsFromRun == null)) {
            throw new ParameterException(spec.commandLine(), "give --predictions FILE or --metrics-from-run ID (one of them)");
        }
        if (baselineAlias != null && (metricsFromRun == null || outputs.model().isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--baseline-alias needs --metrics-from-run and --model");
        }
        if (metricsFromRun != null) {
            return fromRun();
        }
        var policy = gateOptions.policy(new ValidationCatalog());
        var input = new ValidationSpec(predictions, label, score, prediction, groups, baseline, id,
                decisionThreshold, positiveLabel, parseTask());
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var result = new Validator(new StderrProgress(err)).validate(input, policy);
        var summary = Summary.of(result.verdict(), result.gates());
        summary += outputs.publish("validate", "validation", ValidationJson.of(result, Instant.now()), ValidationHtml::of,
                result.verdict(), result.gates(),
                result.evaluation().metrics().asMap());
        out.println(summary);
        out.flush();
        return result.verdict().exitStatus();
    }

    /** Gates on a run's logged metrics, the baseline being the run behind a registry alias. */
    private int fromRun() {
        if (baseline != null || score != null || prediction != null || !groups.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--metrics-from-run reads metrics, not predictions: drop "
                    + "--baseline, --score, --prediction and --group");
        }
        var policy = gateOptions.policy(MetricsValidation.CATALOG);
        var mlflow = outputs.mlflow();
        var run = mlflow.runs().get(metricsFromRun);
        String baselineSource = null;
        MetricValues baselineMetrics = null;
        if (baselineAlias != null) {
            var name = outputs.model().orElseThrow();
            var holder = mlflow.registry().versionByAlias(name, baselineAlias).orElseThrow(() -> new InputException(
                    "model '%s' has no alias '%s' to compare with", name, baselineAlias));
            baselineSource = "models:/" + name + "@" + baselineAlias + " (version " + holder.version() + ", run "
                    + holder.runId() + ")";
            baselineMetrics = RunMetrics.of(mlflow.runs().get(holder.runId()), policy.gates());
        }
        var result = MetricsValidation.evaluate("run " + run.runId(), RunMetrics.of(run, policy.gates()),
                baselineSource, baselineMetrics, policy);
        var summary = Summary.of(result.verdict(), result.gates())
                + outputs.publish("validate", "validation", ValidationJson.of(result, Instant.now()), ValidationHtml::of,
                        result.verdict(), result.gates(), Map.of());
        var out = spec.commandLine().getOut();
        out.println(summary);
        out.flush();
        return result.verdict().exitStatus();
    }

    private Task parseTask() {
        if (task == null) {
            return null;
        }
        try {
            return Task.fromId(task);
        }
        catch (InputException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }
}
