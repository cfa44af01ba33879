package io.mlcd.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real model server process (core/src/test/python/model_server.py) on 127.0.0.1, with optional faults. */
public final class ModelServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private ModelServer(final Process process, final int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server; {@code faults} are model_server.py options such as {@code --error-rate 0.2}. */
    public static ModelServer start(final String... faults) throws IOException, InterruptedException {
        var port = Ports.free();
        var python = Path.of(System.getProperty("mlcd.python", "../.venv/bin/python"));
        var command = new ArrayList<>(List.of(python.toString(),
                System.getProperty("mlcd.model.server", "src/test/python/model_server.py"),
                Integer.toString(port)));
        command.addAll(List.of(faults));
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var server = new ModelServer(process, port);
        server.awaitReady();
        return server;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitReady() throws InterruptedException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("model_server.py exited with " + process.exitValue());
            }
            try {
                var response = client.send(HttpRequest.newBuilder(uri().resolve("/ping")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("model_server.py on port " + port + " did not become ready");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
