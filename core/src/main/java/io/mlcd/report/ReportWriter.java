package io.mlcd.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a report's three files, {@code <command>.json}, {@code <command>.html} and
 * {@code <command>.junit.xml}, each through a temporary file and an atomic rename, so a reader
 * never sees half a report.
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
        try {
            Files.createDirectories(directory);
            var json = directory.resolve(command + ".json");
            var page = directory.resolve(command + ".html");
            var junit = directory.resolve(command + ".junit.xml");
            atomically(json, MAPPER.writeValueAsString(report) + "\n");
            atomically(page, html.apply(report));
            atomically(junit, JunitXml.of(report));
            return List.of(json, page, junit);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void atomically(final Path target, final String content) throws IOException {
        var temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }
}
