package io.mlcd.canary;

import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the user named (a probe body, a rollout file): when it cannot be read, the message names
 * what it is for, the path and the reason in words, e.g. "--probe /x/probe.json: no such file".
 */
public final class UserFile {
    private UserFile() {
    }

    /**
     * @param what what the file is for, as the user named it: an option or "the rollout file"
     * @throws InputException when the file is missing, a directory or unreadable
     */
    public static void checkReadable(final String what, final Path file) {
        if (!Files.exists(file)) {
            throw new InputException("%s %s: no such file", what, file);
        }
        if (Files.isDirectory(file)) {
            throw new InputException("%s %s: a directory, not a file", what, file);
        }
        if (!Files.isReadable(file)) {
            throw new InputException("%s %s: permission denied", what, file);
        }
    }

    /** The file's text (UTF-8), or an {@link InputException} that says why there is none. */
    public static String read(final String what, final Path file) {
        checkReadable(what, file);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new InputException("%s %s: cannot read it: %s", what, file, e.getMessage());
        }
    }
}
