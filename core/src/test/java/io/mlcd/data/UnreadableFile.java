package io.mlcd.data;

import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.rules.TemporaryFolder;

/** A file the test process may not read, for the "permission denied" messages of every reader. */
public final class UnreadableFile {
    private UnreadableFile() {
    }

    /**
     * A file without permissions; for root, who may read those, a write-only kernel setting
     * (mode 0200 in /proc/sys, refused even to root). Skips the test where neither exists.
     */
    public static Path in(final TemporaryFolder folder) throws IOException {
        var file = folder.getRoot().toPath().resolve("secret.csv");
        Files.writeString(file, "a\n1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (!canOpen(file)) {
            return file;
        }
        var writeOnly = Path.of("/proc/sys/vm/drop_caches");
        assumeTrue("no file here is unreadable to this user", Files.exists(writeOnly) && !canOpen(writeOnly));
        return writeOnly;
    }

    private static boolean canOpen(final Path file) {
        try (var channel = FileChannel.open(file)) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
