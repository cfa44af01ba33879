package io.mlcd.data;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Opens table files, choosing the format by file extension: .jsonl/.ndjson are JSON Lines, the rest CSV. */
public final class Tables {
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
            var channel = FileChannel.open(file, StandardOpenOption.READ);
            var position = new FilePosition(channel);
            var bytes = Channels.newInputStream(channel);
            return isJsonLines(file)
                    ? new JsonLinesSource(name, bytes, position, progress)
                    : new CsvSource(name, bytes, position, progress);
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
