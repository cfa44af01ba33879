package io.mlcd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assume.assumeTrue;

import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every way opening an input can fail has its own one-line message naming the file. */
public class InputFilesTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /**
     * A file this process may not read: a file without permissions, or for root (who may read
     * those) a write-only kernel setting.
     */
    static Path unreadable(final TemporaryFolder folder) throws IOException {
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

    @Test
    public void shouldNameTheProblemOfEachFileThatCannotBeRead() throws IOException {
        var missing = folder.getRoot().toPath().resolve("nope.csv");
        assertThatThrownBy(() -> InputFiles.open(missing)).isInstanceOf(InputException.class)
                .hasMessage(missing + " does not exist");
        var inMissingFolder = folder.getRoot().toPath().resolve("gone/nope.csv");
        assertThatThrownBy(() -> InputFiles.open(inMissingFolder)).hasMessage(inMissingFolder + " does not exist");
        var directory = folder.newFolder("data").toPath();
        assertThatThrownBy(() -> InputFiles.open(directory)).hasMessage(directory + " is a directory, not a file");
        var link = folder.getRoot().toPath().resolve("dangling.csv");
        Files.createSymbolicLink(link, missing);
        assertThatThrownBy(() -> InputFiles.open(link)).hasMessage(link + " does not exist");
    }

    @Test
    public void shouldRejectDevicesAndPipes() throws IOException, InterruptedException {
        // /dev/null reads as empty and /dev/zero never ends; a pipe cannot be read twice
        assertThatThrownBy(() -> InputFiles.open(Path.of("/dev/null")))
                .hasMessage("/dev/null is not a regular file (a device, pipe or socket); give a file");
        var fifo = folder.getRoot().toPath().resolve("fifo.csv");
        var made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assumeTrue("mkfifo is available", made == 0);
        assertThatThrownBy(() -> InputFiles.open(fifo))
                .hasMessage(fifo + " is not a regular file (a device, pipe or socket); give a file");
    }

    @Test
    public void shouldSayPermissionDenied() throws IOException {
        var file = unreadable(folder);
        assertThatThrownBy(() -> InputFiles.open(file)).hasMessage(file + " cannot be read: permission denied");
    }

    @Test
    public void shouldGiveTheReasonWithoutRepeatingThePath() {
        assertThat(InputFiles.reason(new AccessDeniedException("/data/x.csv"))).isEqualTo("permission denied");
        assertThat(InputFiles.reason(new NoSuchFileException("/data/x.csv"))).isEqualTo("no such file or directory");
        assertThat(InputFiles.reason(new FileSystemException("/data/x.csv", null, "Input/output error")))
                .isEqualTo("input/output error");
        assertThat(InputFiles.reason(new IOException("Stale file handle"))).isEqualTo("Stale file handle");
    }
}
