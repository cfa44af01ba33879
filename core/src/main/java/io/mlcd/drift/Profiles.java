package io.mlcd.drift;

import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads what the user named as reference or current data: a profile file ({@code .json}) as it
 * is, a data file (CSV, JSON Lines) by profiling it; several are merged into one profile.
 */
public final class Profiles {
    private Profiles() {
    }

    public static boolean isProfileFile(final Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    public static Profile load(final List<Path> files, final Map<String, ColumnType> types, final Progress progress) {
        Profile merged = null;
        for (Path file : files) {
            var profile = isProfileFile(file) ? ProfileJson.read(file) : new Profiler(progress, types).profile(file);
            merged = merged == null ? profile : merged.merge(profile);
        }
        if (merged == null) {
            throw new IllegalArgumentException("no files to load");
        }
        return merged;
    }
}
