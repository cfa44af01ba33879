package io.mlcd.spark.command;

import io.mlcd.report.Summary;
import io.mlcd.report.ValidationHtml;
import io.mlcd.report.ValidationJson;
import io.mlcd.spark.validation.SparkValidation;
import io.mlcd.util.InputException;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationCatalog;
import io.mlcd.validation.ValidationSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code validate}: {@code mlcd validate} on predictions Spark reads. */
@Command(name = "validate", sortOptions = false,
        description = {"Compute model metrics from predictions Spark reads and evaluate gates on them, with the "
                + "values mlcd validate gives on the same rows.",
            "Binary (score or predicted class), multiclass and regression; fairness across --group columns; "
                    + "challenger vs baseline (champion) paired by --id with paired significance tests."},
        footerHeading = "%nExamples:%n",
        footer = {"  spark-submit mlcd-spark.jar validate \\",
            "    --predictions s3a://eval/preds/ --format parquet \\",
            "    --label label --score score --group sex \\",
            "    --gate 'roc_auc >= 0.85' --report-dir out",
            "  spark-submit mlcd-spark.jar validate \\",
            "    --predictions s3a://eval/new/ --baseline s3a://eval/champion/ \\",
            "    --id id --label y --score p \\",
            "    --gate 'roc_auc >= baseline - 0.01'",
            "",
            "Exit status: 0 PASSED, 1 FAILED, 3 WARNING, 2 usage or input error."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"--predictions", "--input"}, required = true, arity = "1..*", paramLabel = "PATH",
            description = "The predictions: paths Spark reads, or a table name; several are one data set.")
    private List<String> predictions = new ArrayList<>();

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet, csv, json, orc or table (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--read-option", paramLabel = "KEY=VALUE",
            description = "Option for Spark's reader, e.g. sep=; (repeatable).")
    private List<String> readOptions = new ArrayList<>();

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

    @Option(names = "--baseline", arity = "1..*", paramLabel = "PATH",
            description = "Baseline (champion) predictions for the same rows, same columns and --format.")
    private List<String> baseline = new ArrayList<>();

    @Option(names = "--id", paramLabel = "COL",
            description = "Column that joins predictions and baseline rows (required with --baseline).")
    private String id;

    @Option(names = "--decision-threshold", paramLabel = "X", defaultValue = "0.5",
            description = "A score >= X predicts the positive class (default: ${DEFAULT-VALUE}).")
    private double decisionThreshold;

    @Option(names = "--positive-label", paramLabel = "V",
            description = "The positive class; needed unless labels are 0/1, -1/1 or false/true.")
    private String positiveLabel;

    @Option(names = "--task", paramLabel = "TASK",
            description = "binary, multiclass or regression (default: inferred from the first rows, as the CLI).")
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
        outputs.check(spec.commandLine());
        if (!baseline.isEmpty() && id == null) {
            throw new ParameterException(spec.commandLine(), "--baseline needs --id: the rows of a distributed data "
                    + "set have no order to pair them by");
        }
        var policy = gateOptions.policy(new ValidationCatalog());
        var name = InputOptions.name(predictions);
        var baselineName = baseline.isEmpty() ? null : InputOptions.name(baseline);
        var input = new ValidationSpec(Path.of(name), label, score, prediction, groups,
                baselineName == null ? null : Path.of(baselineName), id, decisionThreshold, positiveLabel, parseTask());
        var spark = Sessions.session("validate");
        var data = InputOptions.read(spark, "--predictions", predictions, format, readOptions);
        var baselineData = baseline.isEmpty() ? Optional.<org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>>empty()
                : Optional.of(InputOptions.read(spark, "--baseline", baseline, format, readOptions));
        var result = SparkValidation.validate(data, input, baselineData, policy);
        var summary = Summary.of(result.verdict(), result.gates());
        summary += outputs.publish("validate", "validation", ValidationJson.of(result, Instant.now()),
                ValidationHtml::of, result.verdict(), summary, result.gates(), result.evaluation().metrics().asMap());
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
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }
}
