package io.mlcd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.MetricValues;
import io.mlcd.registry.RunMetrics;
import io.mlcd.report.Summary;
import io.mlcd.scoring.ScoringSpec;
import io.mlcd.step.ScoredValidation;
import io.mlcd.util.AtomicFiles;
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
        description = {"Compute model metrics from a predictions file (or by scoring --data with a served model) "
                + "and evaluate gates on them.",
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
            "  mlcd validate --model-url http://127.0.0.1:5001 \\",
            "    --data test.csv --label y --id id \\",
            "    --baseline-url http://127.0.0.1:5002 \\",
            "    --gate 'roc_auc >= baseline - 0.01'",
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

    @Option(names = "--data", paramLabel = "FILE",
            description = "With --model-url or --deploy-command: the rows to score (CSV or JSON Lines) with the label; "
                    + "every column but --label, --id and --drop is a feature.")
    private Path data;

    @Option(names = "--drop", paramLabel = "COL",
            description = "A column of --data that is not a feature and is not sent to the model (repeatable).")
    private List<String> drop = new ArrayList<>();

    @Option(names = "--baseline-url", paramLabel = "URL",
            description = "The baseline (champion) model, served: scores the same --data rows for the comparison.")
    private String baselineUrl;

    @Option(names = "--save-predictions", paramLabel = "FILE",
            description = "Write the scored predictions (label, id, group columns and the predictions) to this "
                    + "CSV file.")
    private Path savePredictions;

    @Option(names = "--label", paramLabel = "COL", defaultValue = "label",
            description = "Column with the true label (default: ${DEFAULT-VALUE}).")
    private String label;

    @Option(names = "--score", paramLabel = "COL",
            description = "Column with the probability of the positive class (binary); with a served model, read "
                    + "its answers as scores in a column of this name.")
    private String score;

    @Option(names = "--prediction", paramLabel = "COL",
            description = "Column with the predicted class, or the predicted value for regression; with a served "
                    + "model, read its answers as such in a column of this name.")
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
    private ScoringOptionsMixin scoring;

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
        var sources = (predictions == null ? 0 : 1) + (metricsFromRun == null ? 0 : 1) + (scoring.given() ? 1 : 0);
        if (sources != 1) {
            throw new ParameterException(spec.commandLine(), "give --predictions FILE, --metrics-from-run ID or a "
                    + "served model (--model-url URL or --deploy-command TEMPLATE, with --data FILE), one of them");
        }
        if (!scoring.given() && (data != null || baselineUrl != null || savePredictions != null || !drop.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--data, --drop, --baseline-url and --save-predictions "
                    + "are for a served model: give --model-url or --deploy-command");
        }
        if (baselineAlias != null && (metricsFromRun == null || outputs.model().isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--baseline-alias needs --metrics-from-run and --model");
        }
        if (metricsFromRun != null) {
            return fromRun();
        }
        if (scoring.given()) {
            return fromServedModel();
        }
        var policy = gateOptions.policy(new ValidationCatalog());
        var input = new ValidationSpec(predictions, label, score, prediction, groups, baseline, id,
                decisionThreshold, positiveLabel, parseTask());
        var err = spec.commandLine().getErr();
        var result = new Validator(new StderrProgress(err)).validate(input, policy);
        return publish(result, ValidationJson.of(result, Instant.now()));
    }

    /** Scores --data with the served model (and the baseline model), then validates as a predictions file. */
    private int fromServedModel() {
        var commandLine = spec.commandLine();
        scoring.check(commandLine, true);
        if (data == null) {
            throw new ParameterException(commandLine,
                    "a served model needs --data FILE: the rows to score, with the label");
        }
        if (baselineUrl != null && baseline != null) {
            throw new ParameterException(commandLine, "give --baseline FILE or --baseline-url URL, not both");
        }
        var baselineModel = baselineUrl == null ? null
                : ScoringOptionsMixin.url(commandLine, "--baseline-url", baselineUrl);
        if (savePredictions != null) {
            AtomicFiles.checkWritableFile("--save-predictions", savePredictions);
        }
        var policy = gateOptions.policy(new ValidationCatalog());
        var err = spec.commandLine().getErr();
        var scoringSpec = new ScoringSpec(data, drop, scoring.modelUrl(commandLine), scoring.deployCommand(),
                baselineModel, scoring.options(), scoring.format(), outputs.model().orElse(null),
                outputs.version().orElse(null), savePredictions);
        var result = ScoredValidation.validate(scoringSpec, label, score, prediction, groups, baseline, id,
                decisionThreshold, positiveLabel, parseTask(), policy, new StderrProgress(err));
        return publish(result, ScoredValidation.report(result, scoringSpec, Instant.now()));
    }

    private int publish(final io.mlcd.validation.ValidationResult result, final ObjectNode report) {
        var summary = Summary.of(result.verdict(), result.gates());
        summary += outputs.publish("validate", "validation", report, ValidationHtml::of,
                result.verdict(), result.gates(),
                result.evaluation().metrics().asMap());
        var out = spec.commandLine().getOut();
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
