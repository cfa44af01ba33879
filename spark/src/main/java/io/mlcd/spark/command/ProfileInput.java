package io.mlcd.spark.command;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import io.mlcd.spark.ProfileOptions;
import io.mlcd.spark.SparkProfiles;
import io.mlcd.util.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One side of a comparison: mlcd profile files (format {@code profile}, or paths ending in
 * {@code .json} when the format is not {@code json}), read on the driver and merged, or data
 * Spark reads and {@link SparkProfiles} profiles.
 */
public record ProfileInput(String option, List<String> paths, String format, List<String> readOptions) {
    public ProfileInput {
        paths = List.copyOf(paths);
        readOptions = List.copyOf(readOptions);
    }

    public boolean isProfile() {
        var kind = format.toLowerCase(Locale.ROOT);
        return kind.equals("profile") || !kind.equals("json")
                && paths.stream().allMatch(path -> path.toLowerCase(Locale.ROOT).endsWith(".json"));
    }

    /** The profile of this side; given types apply to data, and must agree with what a profile file holds. */
    public Profile load(final SparkSession spark, final Map<String, ColumnType> types) {
        if (!isProfile()) {
            return SparkProfiles.profile(InputOptions.read(spark, option, paths, format, readOptions),
                    new ProfileOptions(InputOptions.name(paths), types));
        }
        Profile merged = null;
        for (String path : paths) {
            var profile = ProfileJson.read(Path.of(path));
            merged = merged == null ? profile : merged.merge(profile);
        }
        if (merged == null) {
            throw new InputException("%s: give at least one path", option);
        }
        checkTypes(types, merged);
        return merged;
    }

    private static void checkTypes(final Map<String, ColumnType> types, final Profile profile) {
        types.forEach((column, type) -> {
            var found = profile.column(column).orElseThrow(() -> new InputException(
                    "--type names column '%s', which the profile of %s does not have (columns: %s)", column,
                    profile.source(), String.join(", ", profile.columnNames())));
            if (found.type() != type) {
                throw new InputException("--type %s=%s does not apply: the profile of %s holds '%s' as %s (--type "
                        + "applies when profiling data)", column, type.id(), profile.source(), column, found.type().id());
            }
        });
    }
}
