package io.mlcd.testkit;

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
 * class and stopped, with its worker processes, after it. It can be stopped and started again
 * on the same port and store, and run MLflow's basic-auth app.
 */
public class MlflowServer extends ExternalResource {
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final String adminPassword;
    private final boolean tls;
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private Path executable;
    private Process process;
    private Path home;
    private Path mlflow;
    private int port;
    private URI uri;

    public MlflowServer() {
        this(null, false);
    }

    private MlflowServer(final String adminPassword, final boolean tls) {
        this.adminPassword = adminPassword;
        this.tls = tls;
    }

    /** A server that requires HTTP basic auth; the admin user is {@code admin}. */
    public static MlflowServer withBasicAuth(final String adminPassword) {
        return new MlflowServer(adminPassword, false);
    }

    /**
     * A server on https://127.0.0.1 with a certificate of its own (openssl, valid for the IP
     * address), which no trust store knows: see {@link #certificatePem()}.
     */
    public static MlflowServer withTls() {
        return new MlflowServer(null, true);
    }

    /**
     * Sets an environment variable of the server process, e.g. MLflow's webhook settings; call it
     * before the server starts.
     */
    public MlflowServer withEnvironment(final String name, final String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs this mlflow executable (e.g. an MLflow 2.x) whatever {@code mlcd.mlflow} says; call it before the server starts. */
    public MlflowServer withMlflow(final Path mlflowExecutable) {
        this.executable = mlflowExecutable;
        return this;
    }

    /** The TLS server's certificate, PEM: the private CA a client must be told to trust. */
    public String certificatePem() throws IOException {
        return Files.readString(home.resolve("cert.pem"));
    }

    public Path certificateFile() {
        return home.resolve("cert.pem");
    }

    public URI uri() {
        return uri;
    }

    /** The Python next to the server's mlflow, with the same MLflow version, for logging models. */
    public Path python() {
        return mlflow.resolveSibling("python");
    }

    /** Runs that {@code log_models.py} logged, and the source MLflow's Python client registered for the first. */
    public record LoggedRuns(java.util.List<String> runs, String referenceSource) {
    }

    /**
     * Trains and logs {@code count} scikit-learn models with the server's own MLflow version, as a
     * training script would; with {@code referenceModel}, MLflow's Python client also registers the first.
     */
    public LoggedRuns logModels(final String experiment, final int count, final String referenceModel,
            final java.util.Map<String, String> environment) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of(python().toString(),
                System.getProperty("mlcd.log.models", "src/test/python/log_models.py"),
                uri.toString(), experiment, Integer.toString(count)));
        if (referenceModel != null) {
            command.add(referenceModel);
        }
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("log_models.py failed: " + output);
        }
        var json = output.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new IllegalStateException("log_models.py printed no JSON: " + output));
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        var runs = new java.util.ArrayList<String>();
        node.path("runs").forEach(run -> runs.add(run.asText()));
        return new LoggedRuns(runs, node.path("reference_source").isNull() ? null : node.path("reference_source").asText());
    }

    @Override
    protected void before() throws Throwable {
        var python = Path.of(System.getProperty("mlcd.python", ".venv/bin/python"));
        var given = System.getProperty("mlcd.mlflow", "");
        mlflow = executable != null ? executable : given.isBlank() ? python.resolveSibling("mlflow") : Path.of(given);
        if (!Files.isExecutable(mlflow)) {
            throw new IllegalStateException(mlflow + " is missing: run bin/setup-python (it installs the pinned MLflow)");
        }
        home = Files.createTempDirectory("mlflow-test");
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        uri = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
        if (tls) {
            var openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", home.resolve("key.pem").toString(), "-out", home.resolve("cert.pem").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (openssl.waitFor() != 0) {
                throw new IllegalStateException("openssl could not make the test server's certificate");
            }
        }
        start();
    }

    /** Starts the server (again) on the same port and store. */
    public void start() throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of(mlflow.toString(), "server", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--backend-store-uri", "sqlite:///" + home.resolve("mlflow.db"),
                "--serve-artifacts", "--artifacts-destination", home.resolve("artifacts").toString(), "--workers", "1"));
        var builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()));
        builder.environment().putAll(environment);
        if (tls) {
            command.addAll(java.util.List.of("--uvicorn-opts", "--ssl-keyfile=" + home.resolve("key.pem")
                    + " --ssl-certfile=" + home.resolve("cert.pem")));
            builder.command(command);
        }
        if (adminPassword != null) {
            command.addAll(java.util.List.of("--app-name", "basic-auth"));
            builder.command(command);
            builder.environment().put("MLFLOW_AUTH_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("MLFLOW_FLASK_SERVER_SECRET_KEY", "mlcd-test-" + port);
        }
        process = builder.start();
        waitUntilHealthy();
    }

    /** Stops the server and its workers, as a crash or a restart would. */
    public void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private void waitUntilHealthy() throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mlflow server stopped: " + Files.readString(home.resolve("server.log")));
            }
            try {
                if (tls) { // uvicorn listens once the app is loaded; the client under test checks the certificate
                    new java.net.Socket("127.0.0.1", port).close();
                    return;
                }
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
        stop();
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
