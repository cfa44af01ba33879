package io.mlcd.canary;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real HAProxy (Debian package) on 127.0.0.1: frontend {@link #uri()}, backend {@code model}
 * with servers {@code stable} (weight 100) and {@code canary} (weight 0), the runtime API on a
 * TCP stats socket and per-request logs in mlcd's log-format sent to a UDP port. Optionally a
 * second frontend serves HAProxy's built-in Prometheus exporter at {@code /metrics}.
 */
public final class Haproxy implements AutoCloseable {
    private final Process process;
    private final int frontend;
    private final int runtime;
    private final Path config;

    private Haproxy(final Process process, final int frontend, final int runtime, final Path config) {
        this.process = process;
        this.frontend = frontend;
        this.runtime = runtime;
        this.config = config;
    }

    public static Haproxy start(final int stablePort, final int canaryPort, final int logPort)
            throws IOException, InterruptedException {
        return start(stablePort, canaryPort, logPort, 0);
    }

    /** With the Prometheus exporter at http://127.0.0.1:{@code exporterPort}/metrics (0: none). */
    static Haproxy start(final int stablePort, final int canaryPort, final int logPort, final int exporterPort)
            throws IOException, InterruptedException {
        var frontend = Ports.free();
        var runtime = Ports.free();
        var config = Files.createTempFile("haproxy", ".cfg");
        var exporter = exporterPort == 0 ? "" : String.join("\n",
                "frontend prometheus",
                "    bind 127.0.0.1:" + exporterPort,
                "    http-request use-service prometheus-exporter if { path /metrics }",
                "    no log",
                "");
        Files.writeString(config, String.join("\n",
                "global",
                "    stats socket ipv4@127.0.0.1:" + runtime + " level admin",
                "    log 127.0.0.1:" + logPort + " local0",
                "defaults",
                "    mode http",
                "    timeout connect 2s",
                "    timeout client 30s",
                "    timeout server 30s",
                "    log global",
                "    log-format \"" + HaproxyLogSource.LOG_FORMAT + "\"",
                "frontend fe",
                "    bind 127.0.0.1:" + frontend,
                "    default_backend model",
                "backend model",
                "    server stable 127.0.0.1:" + stablePort + " weight 100",
                "    server canary 127.0.0.1:" + canaryPort + " weight 0",
                "") + exporter);
        var process = new ProcessBuilder("haproxy", "-f", config.toString(), "-db").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var haproxy = new Haproxy(process, frontend, runtime, config);
        haproxy.awaitRuntime();
        return haproxy;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + frontend);
    }

    public HaproxyRuntime runtime() {
        return new HaproxyRuntime("127.0.0.1:" + runtime, Duration.ofSeconds(2));
    }

    public HaproxyRouter router() {
        return new HaproxyRouter(runtime(), "model", "stable", "canary");
    }

    private void awaitRuntime() throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue()
                        + " (is the Debian package installed? bin/setup-system installs it)");
            }
            try {
                runtime().command("show info");
                return;
            }
            catch (RouterException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("haproxy's runtime API did not answer");
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(config);
    }
}
