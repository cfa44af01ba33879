package io.mlcd.data;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens table files, choosing the format by file extension: .jsonl/.ndjson are JSON Lines, the rest CSV. */
public final class Tables {
    private static final int BUFFER = 1 << 16;

    private Tables() {
    }

    public static RecordSource open(final Path file, final Progress progress) {
        var name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InputException("%s is a directory, not a data file", name);
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException("%s does not exist", name);
        }
        try {
            var size = Files.size(file);
            var bytes = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
            return isJsonLines(file)
                    ? new JsonLinesSource(name, bytes, size, progress)
                    : new CsvSource(name, bytes, size, progress);
        }
        catch (IOException e) {
            throw new InputException("%s cannot be read: %s", name, e.getMessage());
        }
    }

    static boolean isJsonLines(final Path file) {
        var lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
    }
}
