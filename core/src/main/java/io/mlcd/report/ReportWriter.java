package io.mlcd.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a report's three files, {@code <command>.json}, {@code <command>.html} and
 * {@code <command>.junit.xml}, as a set: all three are rendered in memory, written to a staging
 * folder next to their place and only then moved there, one atomic rename each, the JSON last.
 * A reader of the folder never sees half a file, and a failure on the way leaves the folder as it
 * was (or, if a rename fails half-way, without any of the three files, never a mix of two runs).
 * {@link #stage} lets a caller do more (an MLflow record) between writing and publishing.
 */
public final class ReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Function<ObjectNode, String> html;

    /** @param html renders the HTML view from the report document */
    public ReportWriter(final Function<ObjectNode, String> html) {
        this.html = html;
    }

    /** @return the files written, JSON first */
    public List<Path> write(final Path directory, final String command, final ObjectNode report) {
        try (var staged = stage(directory, command, report)) {
            return staged.publish();
        }
    }

    /**
     * Renders the report into a hidden staging folder inside {@code directory}, which is created
     * if need be; nothing is visible in {@code directory} until {@link StagedReport#publish()}.
     */
    public StagedReport stage(final Path directory, final String command, final ObjectNode report) {
        var contents = render(command, report);
        var created = firstMissing(directory);
        try {
            Files.createDirectories(directory);
        }
        catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + e.getFile()
                    + " is not a directory", e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + describe(e), e);
        }
        try {
            return StagedReport.write(Files.createTempDirectory(directory, ".mlcd-" + command + "-"), directory,
                    created, contents);
        }
        catch (IOException e) {
            StagedReport.removeCreated(directory, created);
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + describe(e), e);
        }
    }

    /**
     * Renders the report into a new folder in the system's temporary directory, for a record in
     * MLflow without a report folder; {@link StagedReport#close()} deletes it.
     */
    public StagedReport stageTemporary(final String command, final ObjectNode report) {
        var contents = render(command, report);
        try {
            return StagedReport.write(Files.createTempDirectory("mlcd-" + command + "-"), null, null, contents);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to a temporary folder: " + describe(e), e);
        }
    }

    /**
     * A report {@link #stage staged} in {@code directory} by an earlier call, which said its
     * {@link StagedReport#stagingName()} and {@link StagedReport#created()}: to publish or discard.
     */
    public static StagedReport reopen(final Path directory, final String command, final String staging,
            @CheckForNull final Path created) {
        return StagedReport.reopen(directory, staging, created, names(command));
    }

    /** The three files' names, in the order they are published: the JSON last. */
    private static List<String> names(final String command) {
        return List.of(command + ".html", command + ".junit.xml", command + ".json");
    }

    /** The three files' names and contents, in the order they are published: the JSON last. */
    private Map<String, String> render(final String command, final ObjectNode report) {
        var names = names(command);
        var contents = new LinkedHashMap<String, String>();
        contents.put(names.get(0), html.apply(report));
        contents.put(names.get(1), JunitXml.of(report));
        try {
            contents.put(names.get(2), MAPPER.writeValueAsString(report) + "\n");
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON: " + e.getOriginalMessage(), e);
        }
        return contents;
    }

    /** The outermost folder of {@code directory} that does not exist yet, or null if it exists. */
    @CheckForNull
    private static Path firstMissing(final Path directory) {
        Path missing = null;
        for (var folder = directory.toAbsolutePath(); folder != null && !Files.exists(folder);
                folder = folder.getParent()) {
            missing = folder;
        }
        return missing;
    }

    /** An I/O failure in words: Java's messages for these two are the bare file name. */
    static String describe(final IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        var message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
