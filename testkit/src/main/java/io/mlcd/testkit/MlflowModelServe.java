package io.mlcd.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code mlflow models serve -m DIR --env-manager local -h 127.0.0.1 -p PORT} of a saved
 * MLflow model (e.g. one that python/train_served_models.py wrote), run with the mlflow of .venv
 * (next to the system property {@code mlcd.python}); ready once {@code GET /ping} answers 200;
 * stopped with its worker processes on {@link #close()}. Its output goes to {@link #log()}.
 */
public final class MlflowModelServe implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;

    private MlflowModelServe(final Process process, final int port, final Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Serves the MLflow model in {@code modelDirectory} on a free port of 127.0.0.1. */
    public static MlflowModelServe start(final Path modelDirectory) throws IOException, InterruptedException {
        var bin = python().toAbsolutePath().getParent();
        var port = Ports.free();
        var log = Files.createTempFile("mlflow-models-serve", ".log");
        var builder = new ProcessBuilder(List.of(bin.resolve("mlflow").toString(), "models", "serve", "-m",
                modelDirectory.toAbsolutePath().toString(), "--env-manager", "local", "-h", "127.0.0.1", "-p",
                Integer.toString(port))).redirectErrorStream(true).redirectOutput(log.toFile());
        // mlflow starts uvicorn by name: the venv's bin must come first on PATH
        builder.environment().merge("PATH", bin.toString(), (path, venv) -> venv + java.io.File.pathSeparator + path);
        var serve = new MlflowModelServe(builder.start(), port, log);
        try {
            serve.awaitReady();
        }
        catch (IOException | InterruptedException | RuntimeException e) {
            serve.close();
            throw e;
        }
        return serve;
    }

    /** The Python of .venv (system property {@code mlcd.python}, default {@code ../.venv/bin/python}). */
    public static Path python() {
        return Path.of(System.getProperty("mlcd.python", "../.venv/bin/python"));
    }

    /**
     * Runs python/train_served_models.py (system property {@code mlcd.train.served.models}, default
     * {@code ../python/train_served_models.py}) into {@code outputDirectory}, which must be empty or
     * absent, with these extra arguments (e.g. {@code --seed 3 --test-rows 500}).
     */
    public static void trainModels(final Path outputDirectory, final String... arguments)
            throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of(python().toString(),
                System.getProperty("mlcd.train.served.models", "../python/train_served_models.py"),
                outputDirectory.toString()));
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("train_served_models.py failed: " + output);
        }
    }

    public int port() {
        return port;
    }

    /** The server's base URI; the scoring endpoint is {@code /invocations} under it. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The server's output (MLflow's and uvicorn's log lines). */
    public Path log() {
        return log;
    }

    private void awaitReady() throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mlflow models serve exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                var response = client.send(HttpRequest.newBuilder(uri().resolve("/ping"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("mlflow models serve on port " + port + " did not answer /ping within "
                + START_LIMIT.toSeconds() + " s: " + Files.readString(log));
    }

    @Override
    public void close() {
        var workers = process.descendants().toList(); // uvicorn outlives mlflow unless stopped too
        workers.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
            for (ProcessHandle worker : workers) {
                worker.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            workers.forEach(ProcessHandle::destroyForcibly);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
