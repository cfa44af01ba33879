package io.mlcd.data;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens table files, choosing the format by file extension: .jsonl/.ndjson are JSON Lines, the
 * rest CSV. Both are read as strict UTF-8 ({@link Utf8Reader}).
 */
public final class Tables {
    private Tables() {
    }

    public static RecordSource open(final Path file, final Progress progress) {
        var name = file.toString();
        var channel = InputFiles.open(file);
        try {
            var position = new FilePosition(channel);
            var text = new Utf8Reader(name, file, channel);
            return isJsonLines(file)
                    ? new JsonLinesSource(name, text, position, progress)
                    : new CsvSource(name, text, position, progress);
        }
        catch (IOException e) {
            close(channel);
            throw new InputException("%s cannot be read: %s", name, InputFiles.reason(e));
        }
        catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static void close(final Channel channel) {
        try {
            channel.close();
        }
        catch (IOException e) {
            // closing after a failed open: the failure is what the user needs to see
        }
    }

    static boolean isJsonLines(final Path file) {
        var lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
    }
}
