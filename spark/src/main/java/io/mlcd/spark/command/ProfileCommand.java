package io.mlcd.spark.command;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.ProfileJson;
import io.mlcd.spark.ProfileOptions;
import io.mlcd.spark.SparkProfiles;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import io.mlcd.util.KeyValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code profile}: the profile {@code mlcd profile} writes, of data Spark reads. */
@Command(name = "profile", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Profile a data set on the cluster: each partition profiled, the partial profiles merged. "
                + "The profile file is the one mlcd profile writes (the reference of mlcd drift, checkDrift, "
                + "validate-data)."},
        footerHeading = "%nExamples:%n",
        footer = {"  spark-submit mlcd-spark.jar profile \\",
            "    --input s3a://logs/day=1/ --format parquet \\",
            "    -o day1-profile.json"})
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Data to profile: paths Spark reads (any file system it knows), or a table name.")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet, csv, json, orc or table (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--read-option", paramLabel = "KEY=VALUE",
            description = "Option for Spark's reader, e.g. sep=; (repeatable).")
    private List<String> readOptions = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROFILE",
            description = "Profile file to write (.json), on the driver's file system.")
    private Path output;

    @Option(names = "--type", paramLabel = "COL=TYPE",
            description = "Column type: numeric, categorical or boolean (repeatable; default from Spark's schema).")
    private List<String> types = new ArrayList<>();

    @Mixin
    private DebugOption debug;

    @Override
    public Integer call() {
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new InputException("the profile file must end in .json, got %s", output);
        }
        AtomicFiles.checkWritableFile("--output", output);
        var columnTypes = types(types);
        var spark = Sessions.session("profile");
        var name = InputOptions.name(inputs);
        var profile = SparkProfiles.profile(InputOptions.read(spark, "--input", inputs, format, readOptions),
                new ProfileOptions(name, columnTypes));
        ProfileJson.write(profile, output);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "profiled %,d rows, %d columns -> %s%n", profile.rows(), profile.columns().size(), output);
        out.flush();
        return 0;
    }

    static Map<String, ColumnType> types(final List<String> pairs) {
        return KeyValues.parse("--type", pairs, text -> ColumnType.fromUser("--type", text));
    }
}
