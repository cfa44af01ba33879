package io.mlcd.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            AtomicFiles.write(json, MAPPER.writeValueAsString(report) + "\n");
            AtomicFiles.write(page, html.apply(report));
            AtomicFiles.write(junit, JunitXml.of(report));
            return List.of(json, page, junit);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + e.getMessage(), e);
        }
    }
}
