package io.mlcd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the mlcd command line in a separate JVM with a small heap, to see what running out of memory does. */
final class SmallHeap {
    private SmallHeap() {
    }

    /** @param heap the most heap, as for -Xmx (e.g. "32m") */
    static CliRun run(final String heap, final String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Mlcd.class.getName()));
        command.addAll(List.of(args));
        var errors = Files.createTempFile("mlcd-err", ".txt");
        try {
            var process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("mlcd did not end within 2 minutes: " + args[0]);
            }
            return new CliRun(process.exitValue(), out, Files.readString(errors));
        }
        finally {
            Files.delete(errors);
        }
    }
}
