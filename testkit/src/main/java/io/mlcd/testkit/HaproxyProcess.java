package io.mlcd.testkit;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real HAProxy (Debian package) on 127.0.0.1: frontend {@link #uri()}, backend {@code model}
 * with servers {@code stable} (weight 100) and {@code canary} (weight 0), the runtime API on a
 * TCP stats socket at {@link #runtimeAddress()} and per-request logs in the given log-format sent
 * to a UDP port. Optionally a second frontend serves HAProxy's built-in Prometheus exporter at
 * {@code /metrics}.
 */
public final class HaproxyProcess implements AutoCloseable {
    private final Process process;
    private final int frontend;
    private final int runtime;
    private final Path config;

    private HaproxyProcess(final Process process, final int frontend, final int runtime, final Path config) {
        this.process = process;
        this.frontend = frontend;
        this.runtime = runtime;
        this.config = config;
    }

    /** With the Prometheus exporter at http://127.0.0.1:{@code exporterPort}/metrics (0: none). */
    public static HaproxyProcess start(final int stablePort, final int canaryPort, final int logPort,
            final String logFormat, final int exporterPort) throws IOException, InterruptedException {
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
                "    log-format \"" + logFormat + "\"",
                "frontend fe",
                "    bind 127.0.0.1:" + frontend,
                "    default_backend model",
                "backend model",
                "    server stable 127.0.0.1:" + stablePort + " weight 100",
                "    server canary 127.0.0.1:" + canaryPort + " weight 0",
                "") + exporter);
        var process = new ProcessBuilder("haproxy", "-f", config.toString(), "-db").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var haproxy = new HaproxyProcess(process, frontend, runtime, config);
        haproxy.awaitRuntime();
        return haproxy;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + frontend);
    }

    /** The runtime API's {@code host:port}. */
    public String runtimeAddress() {
        return "127.0.0.1:" + runtime;
    }

    private void awaitRuntime() throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue()
                        + " (is the Debian package installed? bin/setup-system installs it)");
            }
            try (var socket = new Socket("127.0.0.1", runtime)) {
                return;
            }
            catch (IOException e) {
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
