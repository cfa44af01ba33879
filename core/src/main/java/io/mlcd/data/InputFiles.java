package io.mlcd.data;

import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Opens the files a command reads (data files, profiles), turning each way that can fail into a
 * message that names the file and the problem. Only regular files are read: an input may be read
 * more than once (type inference, then the pass), which a pipe cannot do, and a device such as
 * {@code /dev/zero} never ends.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** Opens a regular file for reading, or fails with a one-line message naming the file. */
    public static FileChannel open(final Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        }
        catch (IOException e) {
            throw problem(file, e);
        }
        if (attributes.isDirectory()) {
            throw new InputException("%s is a directory, not a file", file);
        }
        if (!attributes.isRegularFile()) {
            throw new InputException("%s is not a regular file (a device, pipe or socket); give a file", file);
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        }
        catch (IOException e) {
            throw problem(file, e);
        }
    }

    /** The reason of a failed file operation in words, without the path the exception repeats. */
    public static String reason(final IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static InputException problem(final Path file, final IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException("%s does not exist", file);
        }
        return new InputException("%s cannot be read: %s", file, reason(e));
    }
}
