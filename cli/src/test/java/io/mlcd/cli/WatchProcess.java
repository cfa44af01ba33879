package io.mlcd.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * {@code mlcd} (the packaged jar) as its own process, its stderr collected line by line; and the
 * command a watch runs: a script that appends the time (ms) and the event from its environment to
 * a file, then fails with status 3, so every test also shows the watch going on after a failure.
 */
final class WatchProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private WatchProcess(final Process process) {
        this.process = process;
        reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (var line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            }
            catch (IOException e) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    static WatchProcess start(final Map<String, String> environment, final String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("mlcd.jar")));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return new WatchProcess(builder.start());
    }

    /** Runs mlcd to its end; returns its exit status, stdout first in the list, then stderr. */
    static List<String> run(final Map<String, String> environment, final String... args)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("mlcd.jar")));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return List.of(Integer.toString(process.waitFor()), out, err);
    }

    /** The script {@code --exec} runs; it appends to {@code events}. */
    static Path script(final Path folder) throws IOException {
        var script = folder.resolve("on-event.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "printf '%s %s %s %s @%s secret=%s\\n' \"$(date +%s%3N)\" \"$MLCD_EVENT\" \"$MLCD_MODEL\" "
                + "\"$MLCD_VERSION\" \"$MLCD_ALIAS\" \"${MLCD_IT_SECRET:-unset}\" >> \"$1\"\n"
                + "exit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The lines the script wrote, waiting until there are {@code count} (or the limit passes). */
    static List<String> events(final Path file, final int count, final Duration limit) throws Exception {
        var deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            var found = Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(50);
        }
    }

    /** Waits until a log line matches; false when none did within the limit. */
    boolean await(final Predicate<String> line, final Duration limit) throws InterruptedException {
        var deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(line)) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(limit.toMillis()); // what it wrote last may still be in the pipe
                return lines.stream().anyMatch(line);
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Sends a signal with kill(1): Process.destroy() sends SIGTERM too, but closes the streams we read. */
    void signal(final String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    List<String> log() {
        return List.copyOf(lines);
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
