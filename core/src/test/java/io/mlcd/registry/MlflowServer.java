package io.mlcd.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.rules.ExternalResource;

/**
 * A real {@code mlflow server} for tests: the pinned MLflow from .venv (or the executable named
 * by the system property {@code mlcd.mlflow}, e.g. an MLflow 2.x), on 127.0.0.1 and a free
 * port, with a SQLite store and served artifacts in a temporary folder; started before the test
 * class and stopped, with its worker processes, after it.
 */
public class MlflowServer extends ExternalResource {
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private Process process;
    private Path home;
    private URI uri;

    public URI uri() {
        return uri;
    }

    @Override
    protected void before() throws Throwable {
        var python = Path.of(System.getProperty("mlcd.python", ".venv/bin/python"));
        var given = System.getProperty("mlcd.mlflow", "");
        var mlflow = given.isBlank() ? python.resolveSibling("mlflow") : Path.of(given);
        if (!Files.isExecutable(mlflow)) {
            throw new IllegalStateException(mlflow + " is missing: run bin/setup-python (it installs the pinned MLflow)");
        }
        home = Files.createTempDirectory("mlflow-test");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        uri = URI.create("http://127.0.0.1:" + port);
        process = new ProcessBuilder(mlflow.toString(), "server", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--backend-store-uri", "sqlite:///" + home.resolve("mlflow.db"), "--serve-artifacts",
                "--artifacts-destination", home.resolve("artifacts").toString(), "--workers", "1")
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile()).start();
        waitUntilHealthy();
    }

    private void waitUntilHealthy() throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mlflow server stopped: " + Files.readString(home.resolve("server.log")));
            }
            try {
                var response = client.send(HttpRequest.newBuilder(uri.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("mlflow server did not answer /health within " + START_LIMIT);
    }

    @Override
    protected void after() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (IOException e) {
                // a leftover temporary folder does no harm
            }
        }
    }
}
