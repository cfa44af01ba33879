package io.mlcd.spark.command;

import io.mlcd.drift.Profile;
import io.mlcd.quality.ColumnSchema;
import io.mlcd.quality.DataCatalog;
import io.mlcd.quality.DataSchema;
import io.mlcd.quality.DataValidator;
import io.mlcd.quality.MetricHistory;
import io.mlcd.quality.SchemaYaml;
import io.mlcd.registry.DataHistoryReader;
import io.mlcd.report.DataValidationHtml;
import io.mlcd.report.DataValidationJson;
import io.mlcd.spark.SparkDataValidation;
import io.mlcd.util.InputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code validate-data}: {@code mlcd validate-data} on a batch Spark reads. */
@Command(name = "validate-data", sortOptions = false,
        description = {"Check a batch Spark reads against a schema (mlcd infer-schema writes one): every constraint "
                + "is a gate, a broken one an anomaly; then the gates given."},
        footerHeading = "%nExamples:%n",
        footer = {"  spark-submit mlcd-spark.jar validate-data \\",
            "    --input s3a://logs/day=2/ --format parquet \\",
            "    --schema schema.yaml --report-dir out",
            "",
            "Exit status: 0 PASSED, 1 FAILED, 3 WARNING, 2 usage or input error."})
public final class ValidateDataCommand implements Callable<Integer> {
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int LONGEST_HISTORY = 1000;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "The batch: paths Spark reads, or a table name; several are one batch.")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet, csv, json, orc or table (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--read-option", paramLabel = "KEY=VALUE",
            description = "Option for Spark's reader, e.g. sep=; (repeatable).")
    private List<String> readOptions = new ArrayList<>();

    @Option(names = "--schema", required = true, paramLabel = "FILE",
            description = "The schema (YAML, docs/schema.md), on the driver's file system.")
    private Path schemaFile;

    @Option(names = "--reference", arity = "1..*", paramLabel = "PATH",
            description = "Reference for the schema's skew constraints: data Spark reads, or mlcd profiles (.json).")
    private List<String> reference = new ArrayList<>();

    @Option(names = "--reference-format", paramLabel = "FORMAT",
            description = "Format of --reference: parquet, csv, json, orc, table or profile (default: --format).")
    private String referenceFormat;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "batch",
            description = "Name of the batch's history series in MLflow (default: ${DEFAULT-VALUE}).")
    private String dataset;

    @Option(names = "--history", paramLabel = "N",
            description = "Compare with the last N records of this dataset in the run or version "
                    + "(row_count_change, completeness_change[COL], mean_change[COL]).")
    private Integer history;

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
        if (!DATASET.matcher(dataset).matches()) {
            throw new ParameterException(spec.commandLine(), "--dataset: '" + dataset + "' is not a name of 1 to 64 "
                    + "letters, digits, '_' or '-'");
        }
        if (history != null) {
            if (outputs.runId().isEmpty() && outputs.version().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--history needs the records to compare with: give "
                        + "--run-id or --model and --version");
            }
            if (history < 1 || history > LONGEST_HISTORY) {
                throw new InputException("--history must be between 1 and %d, got %d", LONGEST_HISTORY, history);
            }
        }
        var policy = gateOptions.policy(new DataCatalog());
        var schema = SchemaYaml.read(schemaFile);
        var spark = Sessions.session("validate-data");
        var referenceProfile = reference.isEmpty() ? Optional.<Profile>empty()
                : Optional.of(reference(spark, schema));
        var past = history == null ? MetricHistory.NONE : readHistory(schema);
        var validator = new DataValidator(schema, referenceProfile, policy, past, dataset,
                schemaFile.getFileName().toString());
        var name = InputOptions.name(inputs);
        var result = SparkDataValidation.validate(InputOptions.read(spark, "--input", inputs, format, readOptions), name,
                validator);
        var report = DataValidationJson.of(result, Instant.now());
        Map<String, Double> metrics = new LinkedHashMap<>(result.metrics().asMap());
        metrics.putAll(result.historyPoints());
        var summary = report.path("summary").asText();
        summary += outputs.publish("validate-data", "data", report, DataValidationHtml::of, result.verdict(), summary,
                result.gates(), metrics);
        var out = spec.commandLine().getOut();
        out.println(summary);
        out.flush();
        return result.verdict().exitStatus();
    }

    /** Profile files as they are; data profiled with the schema's types. */
    private Profile reference(final SparkSession spark, final DataSchema schema) {
        var side = new ProfileInput("--reference", reference, referenceFormat == null ? format : referenceFormat,
                readOptions);
        if (side.isProfile()) {
            return side.load(spark, Map.of());
        }
        return SparkDataValidation.reference(InputOptions.read(spark, "--reference", reference, side.format(),
                readOptions), InputOptions.name(reference), schema);
    }

    private MetricHistory readHistory(final DataSchema schema) {
        var columns = schema.columns().stream().map(ColumnSchema::name).toList();
        var reader = new DataHistoryReader(outputs.mlflow());
        var series = outputs.runId().isPresent()
                ? reader.read(outputs.runId().get(), dataset, columns, history)
                : reader.readVersion(outputs.model().orElseThrow(), outputs.version().orElseThrow(), dataset, columns,
                        history);
        return new MetricHistory(history, series);
    }
}
