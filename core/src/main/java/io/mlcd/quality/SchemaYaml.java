package io.mlcd.quality;

import io.mlcd.util.InputException;
import io.mlcd.util.SafeText;
import io.mlcd.util.YamlFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The schema file ({@code schema_version: 1}, see docs/schema.md): read strictly, written for
 * people, and {@code read(write(schema))} gives the schema back, {@code # inferred} marks and
 * notes included.
 */
public final class SchemaYaml {
    private static final String WHAT = "schema file";

    private SchemaYaml() {
    }

    /**
     * Reads a schema file.
     *
     * @throws InputException naming the file, column and key of the first problem
     */
    public static DataSchema read(final Path file) {
        var tree = YamlFiles.read(file, WHAT);
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new InputException("%s %s cannot be read: %s", WHAT, file, SafeText.line(String.valueOf(e.getMessage())));
        }
        return new SchemaReader(file, SchemaComments.of(text)).read(tree);
    }

    /**
     * Reads a schema handed over as text (a Pipeline step's argument).
     *
     * @param name names the text in messages
     */
    public static DataSchema parse(final Path name, final String yaml) {
        var tree = YamlFiles.parse(name, yaml, WHAT);
        return new SchemaReader(name, SchemaComments.of(yaml)).read(tree);
    }

    /**
     * Writes a schema as YAML.
     *
     * @param headerComment lines written as comments at the top (what it was inferred from,
     *                      how to edit it); control characters are shown, not written
     */
    public static String write(final DataSchema schema, final String headerComment) {
        var header = headerComment.lines().map(line -> SafeText.line(line)).reduce((a, b) -> a + "\n" + b).orElse("");
        return new SchemaWriter().write(schema, header);
    }
}
