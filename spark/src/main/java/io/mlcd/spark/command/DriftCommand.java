package io.mlcd.spark.command;

import io.mlcd.drift.DriftCatalog;
import io.mlcd.drift.DriftDetector;
import io.mlcd.drift.DriftSpec;
import io.mlcd.drift.DriftTest;
import io.mlcd.report.DriftHtml;
import io.mlcd.report.DriftJson;
import io.mlcd.report.Summary;
import io.mlcd.util.KeyValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drift}: {@code mlcd drift} with either side read and profiled by Spark. */
@Command(name = "drift", sortOptions = false,
        description = {"Test every column of current data for drift from a reference (data Spark reads, or mlcd "
                + "profile files) and evaluate gates on the share of drifted columns and per-column statistics."},
        footerHeading = "%nExamples:%n",
        footer = {"  spark-submit mlcd-spark.jar drift \\",
            "    --reference train-profile.json \\",
            "    --current s3a://logs/day=2/ --format parquet \\",
            "    --gate 'drift_share <= 0.3' --report-dir out",
            "",
            "Exit status: 0 PASSED, 1 FAILED, 3 WARNING, 2 usage or input error."})
public final class DriftCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reference", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Reference: data Spark reads, or mlcd profiles (.json); several are one data set.")
    private List<String> reference = new ArrayList<>();

    @Option(names = "--reference-format", paramLabel = "FORMAT",
            description = "Format of --reference: parquet, csv, json, orc, table or profile (default: --format).")
    private String referenceFormat;

    @Option(names = "--current", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Current data Spark reads, or mlcd profiles (.json); several are one data set.")
    private List<String> current = new ArrayList<>();

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet, csv, json, orc, table or profile (default: ${DEFAULT-VALUE}; paths ending in .json "
                    + "are profiles unless the format is json).")
    private String format;

    @Option(names = "--read-option", paramLabel = "KEY=VALUE",
            description = "Option for Spark's reader, e.g. sep=; (repeatable).")
    private List<String> readOptions = new ArrayList<>();

    @Option(names = "--test", paramLabel = "NAME",
            description = "One test for all columns: ks, chisquare, z, jensenshannon, kl_div, psi, wasserstein, hellinger "
                    + "(default: chosen per column, see docs/drift.md).")
    private String test;

    @Option(names = "--column-test", paramLabel = "COL=NAME", description = "Test for one column (repeatable).")
    private List<String> columnTests = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "X", description = "Threshold for all columns (default: per test).")
    private Double threshold;

    @Option(names = "--column-threshold", paramLabel = "COL=X", description = "Threshold for one column (repeatable).")
    private List<String> columnThresholds = new ArrayList<>();

    @Option(names = "--type", paramLabel = "COL=TYPE",
            description = "Column type when profiling data: numeric, categorical, boolean (repeatable).")
    private List<String> types = new ArrayList<>();

    @Option(names = "--prediction-column", paramLabel = "COL", description = "Prediction column, shown first.")
    private String predictionColumn;

    @Option(names = "--target-column", paramLabel = "COL", description = "Target column, shown next.")
    private String targetColumn;

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
        var policy = gateOptions.policy(new DriftCatalog());
        var driftSpec = new DriftSpec(test == null ? null : DriftTest.fromId(test),
                KeyValues.parse("--column-test", columnTests, DriftTest::fromId), threshold,
                KeyValues.parse("--column-threshold", columnThresholds, text -> KeyValues.number("--column-threshold", text)),
                predictionColumn, targetColumn);
        var columnTypes = ProfileCommand.types(types);
        var spark = Sessions.session("drift");
        var referenceProfile = new ProfileInput("--reference", reference,
                referenceFormat == null ? format : referenceFormat, readOptions).load(spark, columnTypes);
        var currentProfile = new ProfileInput("--current", current, format, readOptions).load(spark, columnTypes);
        var result = new DriftDetector(driftSpec).detect(referenceProfile, currentProfile, policy);
        var summary = Summary.of(result.verdict(), result.gates()) + String.format(Locale.ROOT,
                "; %d of %d columns drifted", result.driftedColumns(), result.columns().size());
        summary += outputs.publish("drift", "drift", DriftJson.of(result, Instant.now()), DriftHtml::of, result.verdict(),
                Summary.of(result.verdict(), result.gates()), result.gates(), result.metrics().asMap());
        var out = spec.commandLine().getOut();
        out.println(summary);
        out.flush();
        return result.verdict().exitStatus();
    }
}
