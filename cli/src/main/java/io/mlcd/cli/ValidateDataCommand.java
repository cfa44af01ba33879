package io.mlcd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.quality.ColumnSchema;
import io.mlcd.quality.DataCatalog;
import io.mlcd.quality.DataSchema;
import io.mlcd.quality.DataValidator;
import io.mlcd.quality.MetricHistory;
import io.mlcd.quality.SchemaYaml;
import io.mlcd.report.DataValidationJson;
import io.mlcd.util.InputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mlcd validate-data}: checks a batch of data against its schema, gated. */
@Command(name = "validate-data", sortOptions = false,
        description = {"Check a batch of data (data files or profiles) against a schema (mlcd infer-schema "
                + "writes one): every constraint is a gate, a broken one an anomaly; then the gates given."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd validate-data today.csv \\",
            "    --schema schema.yaml --report-dir out",
            "  mlcd validate-data batch.csv --schema s.yaml \\",
            "    --reference train-profile.json \\",
            "    --gate 'anomalies[out_of_domain] <= 2' \\",
            "    --run-id 3f2a --dataset production \\",
            "    --history 5 --gate 'row_count_change <= 0.5'",
            "",
            "Exit status: 0 PASSED, 1 FAILED, 3 WARNING, 2 usage or input error."})
public final class ValidateDataCommand implements Callable<Integer> {
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int LONGEST_HISTORY = 1000;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "The batch: data files (CSV, JSON Lines) or profiles (.json), not both; several are one batch.")
    private List<Path> data = new ArrayList<>();

    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "The schema (YAML, docs/schema.md).")
    private Path schemaFile;

    @Option(names = "--reference", arity = "1..*", paramLabel = "FILE",
            description = "Reference data or profile for the schema's skew constraints; several are merged.")
    private List<Path> reference = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "batch",
            description = "Name of the batch's history series in MLflow, e.g. training or production "
                    + "(default: ${DEFAULT-VALUE}).")
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
        outputs.check(spec.commandLine(), false);
        if (!DATASET.matcher(dataset).matches()) {
            throw new ParameterException(spec.commandLine(), "--dataset: '" + dataset + "' is not a name of 1 to 64 "
                    + "letters, digits, '_' or '-'");
        }
        if (history != null) {
            if (outputs.runId().isEmpty() && outputs.version().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--history needs the records to compare with: give "
                        + "--run-id or --model and --version");
            }
            OptionValues.within("--history", history, 1, LONGEST_HISTORY);
        }
        var policy = gateOptions.policy(new DataCatalog());
        var schema = SchemaYaml.read(schemaFile);
        var progress = new StderrProgress(spec.commandLine().getErr());
        var referenceProfile = reference.isEmpty() ? Optional.<io.mlcd.drift.Profile>empty()
                : Optional.of(DataValidator.reference(reference, schema, progress));
        var past = history == null ? MetricHistory.NONE : readHistory(schema);
        var validator = new DataValidator(schema, referenceProfile, policy, past, dataset,
                schemaFile.getFileName().toString());
        var result = validator.validate(data, progress);
        var report = DataValidationJson.of(result, Instant.now());
        var metrics = new LinkedHashMap<>(result.metrics().asMap());
        metrics.putAll(result.historyPoints());
        var summary = report.path("summary").asText();
        summary += outputs.publish("validate-data", "data", report, ValidateDataCommand::placeholderHtml,
                result.verdict(), summary, result.gates(), metrics);
        var out = spec.commandLine().getOut();
        out.println(summary);
        out.flush();
        return result.verdict().exitStatus();
    }

    /**
     * PLACEHOLDER until the merge with branch dv-report: the history series are read there by
     * {@code new DataHistoryReader(mlflow).read(runId, dataset, columns, n)} (or {@code readVersion}
     * for --model/--version) and wrapped as {@code new MetricHistory(n, series)}.
     */
    private MetricHistory readHistory(final DataSchema schema) {
        var columns = schema.columns().stream().map(ColumnSchema::name).toList();
        throw new InputException("--history is not available in this build yet (%d columns of dataset '%s' would be "
                + "compared)", columns.size(), dataset);
    }

    /**
     * PLACEHOLDER until the merge with branch dv-report, whose {@code DataValidationHtml::of}
     * replaces it: the report's summary and constraints as an escaped list.
     */
    static String placeholderHtml(final ObjectNode report) {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>validate-data</title>"
                + "</head><body><h1>");
        html.append(escape(report.path("summary").asText())).append("</h1><ul>");
        report.path("constraints").forEach(constraint -> html.append("<li>").append(escape(constraint.path("outcome")
                .asText())).append(": ").append(escape(constraint.path("message").asText())).append("</li>"));
        return html.append("</ul></body></html>\n").toString();
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
