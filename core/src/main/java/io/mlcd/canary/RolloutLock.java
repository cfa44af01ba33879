package io.mlcd.canary;

import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rollout per router at a time on this machine: two rollouts on the same weights would undo
 * each other (the second one's rollback puts the first one's canary back to 0). The lock is a file
 * lock on {@code ${java.io.tmpdir}/mlcd-locks/<sha256 of the router's lock key>.lock}, holding a
 * line that names its holder; the operating system releases it when the process dies, however it
 * dies. A file lock belongs to the whole process, so locks taken in this JVM (several Jenkins
 * builds) are also kept in a registry here. Rollouts from other machines, or against another
 * spelling of the same router that {@link Router#lockKey} does not normalise, are not seen.
 */
public final class RolloutLock implements AutoCloseable {
    private static final Map<String, String> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

    private final String key;
    private final String line;
    private final FileChannel channel;
    private final FileLock lock;

    private RolloutLock(final String key, final String line, final FileChannel channel, final FileLock lock) {
        this.key = key;
        this.line = line;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the router's weights for {@code holder} (who runs the rollout, as a
     * person reads it: "mlcd canary pid 1234, state /x/rollout.json").
     *
     * @throws InputException naming the holder when another rollout holds it
     */
    public static RolloutLock acquire(final Router router, final String holder) {
        var key = router.lockKey();
        var line = holder.replaceAll("\\s+", " ").strip() + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var other = HELD_IN_THIS_JVM.putIfAbsent(key, line);
        if (other != null) {
            throw busy(key, other, null);
        }
        var interrupted = Thread.interrupted(); // a file channel fails at once on an interrupted thread
        try {
            return lockFile(key, line);
        }
        catch (RuntimeException e) {
            HELD_IN_THIS_JVM.remove(key, line);
            throw e;
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RolloutLock lockFile(final String key, final String line) {
        var file = folder().resolve(sha256(key) + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException e) {
                lock = null; // this JVM holds it through another copy of this class (another class loader)
            }
            if (lock == null) {
                throw busy(key, holderIn(file), file);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            var taken = new RolloutLock(key, line, channel, lock);
            channel = null;
            return taken;
        }
        catch (IOException e) {
            throw new InputException("cannot take the rollout lock %s for %s: %s", file, key, e.getMessage());
        }
        finally {
            closeQuietly(channel);
        }
    }

    private static InputException busy(final String key, final String holder, final Path file) {
        return new InputException("another rollout is running on %s: %s%s; wait for it to end or stop it first", key,
                holder.isBlank() ? "holder unknown" : holder, file == null ? "" : " (lock " + file + ")");
    }

    private static String holderIn(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        catch (IOException e) {
            return "";
        }
    }

    private static Path folder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "mlcd-locks");
    }

    private static String sha256(final String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException e) {
                // nothing was locked through it, or closing releases the lock anyway
            }
        }
    }

    /** The router's key this lock is held for. */
    public String key() {
        return key;
    }

    /**
     * Releases the lock. The file stays (deleting it would let a waiting process lock a file that
     * no longer has a name while a third one locks a new one); its holder line is emptied.
     */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
            }
        }
        catch (IOException e) {
            // the next holder overwrites the line anyway
        }
        finally {
            closeQuietly(channel); // releases the file lock
            HELD_IN_THIS_JVM.remove(key, line); // only this holder's entry, should close be called twice
        }
    }
}
