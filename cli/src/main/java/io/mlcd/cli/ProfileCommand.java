package io.mlcd.cli;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiles;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlcd profile}: a compact, mergeable profile of a data set, the reference for drift checks. */
@Command(name = "profile", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Profile data files in one streaming pass: per column type, counts, a quantile sketch or "
                + "value counts. Several inputs (data or profile files) are merged into the profile of their union."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd profile train.csv -o train-profile.json",
            "  mlcd profile day1.csv day2.csv -o days.json \\",
            "    --type zip=categorical"})
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "CSV or JSON Lines files (or .json profiles) to profile and merge.")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROFILE", description = "Profile file to write (.json).")
    private Path output;

    @Option(names = "--type", paramLabel = "COL=TYPE",
            description = "Column type: numeric, categorical or boolean (repeatable; default inferred).")
    private List<String> types = new ArrayList<>();

    @Mixin
    private DebugOption debug;

    @Override
    public Integer call() {
        if (!Profiles.isProfileFile(output)) {
            throw new InputException("the profile file must end in .json, got %s", output);
        }
        AtomicFiles.checkWritableFile("--output", output);
        var columnTypes = types(types);
        var profile = Profiles.load(inputs, columnTypes, new StderrProgress(spec.commandLine().getErr()));
        checkTypes(columnTypes, profile);
        ProfileJson.write(profile, output);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "profiled %,d rows, %d columns -> %s%n", profile.rows(), profile.columns().size(), output);
        out.flush();
        return 0;
    }

    static Map<String, ColumnType> types(final List<String> pairs) {
        return KeyValues.parse("--type", pairs, text -> ColumnType.fromUser("--type", text));
    }

    /**
     * A --type for a column the data lacks, or that a profile file already holds with another
     * type, would do nothing; data files are checked as they are profiled, profile files here.
     */
    static void checkTypes(final Map<String, ColumnType> types, final Profile profile) {
        types.forEach((column, type) -> {
            var found = profile.column(column).orElseThrow(() -> new InputException(
                    "--type names column '%s', which the profile of %s does not have (columns: %s)", column, profile.source(),
                    String.join(", ", profile.columnNames())));
            if (found.type() != type) {
                throw new InputException("--type %s=%s does not apply: the profile of %s holds '%s' as %s (--type "
                        + "applies when profiling data files)", column, type.id(), profile.source(), column,
                        found.type().id());
            }
        });
    }
}
