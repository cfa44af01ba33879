package io.mlcd.canary;

import io.mlcd.testkit.HaproxyProcess;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** The testkit's HAProxy logging in mlcd's log-format, with mlcd's router and runtime client on it. */
public final class Haproxy implements AutoCloseable {
    private final HaproxyProcess process;

    private Haproxy(final HaproxyProcess process) {
        this.process = process;
    }

    public static Haproxy start(final int stablePort, final int canaryPort, final int logPort)
            throws IOException, InterruptedException {
        return start(stablePort, canaryPort, logPort, 0);
    }

    /** With the Prometheus exporter at http://127.0.0.1:{@code exporterPort}/metrics (0: none). */
    static Haproxy start(final int stablePort, final int canaryPort, final int logPort, final int exporterPort)
            throws IOException, InterruptedException {
        return new Haproxy(HaproxyProcess.start(stablePort, canaryPort, logPort, HaproxyLogSource.LOG_FORMAT,
                exporterPort));
    }

    public URI uri() {
        return process.uri();
    }

    public HaproxyRuntime runtime() {
        return new HaproxyRuntime(process.runtimeAddress(), Duration.ofSeconds(2));
    }

    public HaproxyRouter router() {
        return new HaproxyRouter(runtime(), "model", "stable", "canary");
    }

    @Override
    public void close() throws IOException {
        process.close();
    }
}
