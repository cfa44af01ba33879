package io.mlcd.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file through a temporary sibling and an atomic rename, so a reader sees the old file
 * or the new one, never half of one. The temporary file is created like any other file (the
 * umask decides its permissions), unlike {@link Files#createTempFile}, which makes it private.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(final Path target, final String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(final Path target, final byte[] content) throws IOException {
        var parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        var temporary = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }
}
