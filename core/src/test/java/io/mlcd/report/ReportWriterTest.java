package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A report's three files appear together or not at all, and nothing temporary stays behind. */
public class ReportWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static ObjectNode report(final String verdict) {
        var report = JSON.createObjectNode().put("command", "drift").put("verdict", verdict)
                .put("summary", verdict + ": …");
        report.putArray("gates");
        return report;
    }

    private static String[] names(final Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    public void shouldWriteTheThreeFilesAndNothingElse() throws IOException {
        var directory = folder.getRoot().toPath().resolve("a/b/reports");

        var files = new ReportWriter(report -> "<html>" + report.path("verdict").asText() + "</html>")
                .write(directory, "drift", report("PASSED"));

        assertThat(files).extracting(file -> file.getFileName().toString())
                .containsExactly("drift.json", "drift.html", "drift.junit.xml");
        assertThat(names(directory)).containsExactly("drift.html", "drift.json", "drift.junit.xml");
        assertThat(JSON.readTree(directory.resolve("drift.json").toFile()).path("verdict").asText()).isEqualTo("PASSED");
    }

    @Test
    public void shouldLeaveTheFolderAsItWasWhenRenderingFails() throws IOException {
        var directory = folder.getRoot().toPath().resolve("new/reports");
        var writer = new ReportWriter(report -> {
            throw new IllegalStateException("chart failed");
        });

        assertThatThrownBy(() -> writer.write(directory, "drift", report("PASSED"))).hasMessage("chart failed");
        assertThat(folder.getRoot().toPath().resolve("new")).doesNotExist();
    }

    @Test
    public void shouldPublishNothingUntilAskedAndRemoveAFolderMadeForNothing() throws IOException {
        var directory = folder.getRoot().toPath().resolve("reports");
        try (var staged = new ReportWriter(report -> "<html/>").stage(directory, "drift", report("FAILED"))) {
            assertThat(staged.files()).allMatch(Files::exists);
            assertThat(names(directory)).hasSize(1).allMatch(name -> name.startsWith(".mlcd-drift-"));
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    public void shouldDeleteATemporaryReportWhenClosed() {
        Path staging;
        try (var staged = new ReportWriter(report -> "<html/>").stageTemporary("drift", report("FAILED"))) {
            staging = staged.files().get(0).getParent();
            assertThat(staged.files()).allMatch(Files::exists);
        }
        assertThat(staging).doesNotExist();
    }

    @Test
    public void shouldReplaceAnEarlierReportAsAWhole() throws IOException {
        var directory = folder.getRoot().toPath();
        new ReportWriter(report -> "<html>old</html>").write(directory, "drift", report("PASSED"));

        new ReportWriter(report -> "<html>new</html>").write(directory, "drift", report("FAILED"));

        assertThat(directory.resolve("drift.html")).hasContent("<html>new</html>");
        assertThat(JSON.readTree(directory.resolve("drift.json").toFile()).path("verdict").asText()).isEqualTo("FAILED");
    }

    @Test
    public void shouldLeaveNoMixOfTwoReportsWhenAMoveFails() throws IOException {
        var directory = folder.getRoot().toPath();
        new ReportWriter(report -> "<html>old</html>").write(directory, "drift", report("PASSED"));
        Files.delete(directory.resolve("drift.json"));
        Files.createDirectories(directory.resolve("drift.json/in-the-way"));

        assertThatThrownBy(() -> new ReportWriter(report -> "<html>new</html>").write(directory, "drift",
                report("FAILED"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write the report to " + directory + ": ")
                .hasMessageEndingWith("; no report is left there");

        assertThat(names(directory)).containsExactly("drift.json");
        assertThat(directory.resolve("drift.json")).isDirectory();
    }

    @Test
    public void shouldSayWhenTheReportFolderIsAFile() throws IOException {
        var file = folder.newFile("taken").toPath();

        assertThatThrownBy(() -> new ReportWriter(report -> "").write(file.resolve("reports"), "drift",
                report("PASSED"))).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write the report to " + file.resolve("reports") + ": " + file.resolve("reports")
                        + ": Not a directory");
    }
}
