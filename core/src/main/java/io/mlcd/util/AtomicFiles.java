package io.mlcd.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    /**
     * Checks, without creating anything, that files can be written in {@code folder}: it is a
     * writable folder, or the nearest part of its path that exists is one, so it can be created.
     * Run before any work, so that a long evaluation does not end in "cannot write".
     *
     * @param what names the folder in messages, e.g. {@code --report-dir}
     */
    public static void checkWritableFolder(final String what, final Path folder) {
        check(what, folder, folder);
    }

    /** Checks, as {@link #checkWritableFolder}, that {@code file} can be written, naming the file in messages. */
    public static void checkWritableFile(final String what, final Path file) {
        if (Files.isDirectory(file)) {
            throw new InputException("%s %s is a folder; name a file", what, file);
        }
        check(what, file, file.toAbsolutePath().getParent());
    }

    private static void check(final String what, final Path named, final Path folder) {
        var existing = folder.toAbsolutePath();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw new InputException("%s %s: %s is not a folder", what, named, existing);
        }
        if (!Files.isWritable(existing) || !Files.isExecutable(existing)) {
            throw new InputException("%s %s: %s is not writable", what, named, existing);
        }
    }

    public static void write(final Path target, final String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(final Path target, final byte[] content) throws IOException {
        var parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        var temporary = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            // on disk before the rename: after a crash the target holds the old content or the new, never zeros
            try (var channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceFolder(parent);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Makes the rename itself durable where the OS lets a folder be synced (Linux, macOS; not Windows). */
    private static void forceFolder(final Path folder) {
        try (var channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException | UnsupportedOperationException e) {
            // the file is renamed already; only its durability across a power cut is less certain here
        }
    }
}
