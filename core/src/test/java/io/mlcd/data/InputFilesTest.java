package io.mlcd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assume.assumeTrue;

import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every way opening an input can fail has its own one-line message naming the file. */
public class InputFilesTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

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
        var file = UnreadableFile.in(folder);
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
