package io.mlcd.canary;

import io.mlcd.util.InputException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys by running a command template, e.g.
 * {@code mlflow models serve -m models:/{name}/{version} --env-manager local -h 127.0.0.1 -p {port}},
 * on a free port of 127.0.0.1, detached so it keeps serving after mlcd exits, its output in a log
 * file; then waits until {@code GET {health}} answers 200. The template is split into words
 * before the placeholders are filled, so a model name with spaces stays one argument and no
 * shell ever parses it.
 */
public final class CommandDeployer implements Deployer {
    private final String template;
    private final String healthPath;
    private final Duration readyWithin;
    private final Path logDirectory;

    public CommandDeployer(final String template, final String healthPath, final Duration readyWithin,
            final Path logDirectory) {
        if (!template.contains("{port}")) {
            throw new InputException("the deploy command must contain {port}, where the server listens: %s", template);
        }
        this.template = template;
        this.healthPath = healthPath;
        this.readyWithin = readyWithin;
        this.logDirectory = logDirectory;
    }

    @Override
    public Deployment deploy(final String model, final String version) {
        var port = freePort();
        var command = new ArrayList<String>();
        for (String word : template.trim().split("\\s+")) {
            command.add(word.replace("{name}", model).replace("{version}", version)
                    .replace("{port}", Integer.toString(port)));
        }
        var log = logDirectory.resolve("deploy-" + safe(model) + "-" + version + "-" + port + ".log");
        Process process;
        try {
            java.nio.file.Files.createDirectories(logDirectory);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        catch (IOException e) {
            throw new InputException("cannot run the deploy command %s: %s", command.get(0), e.getMessage());
        }
        var deployment = new Deployment(URI.create("http://127.0.0.1:" + port), process.pid());
        awaitHealthy(process, deployment, log, List.copyOf(command));
        return deployment;
    }

    private void awaitHealthy(final Process process, final Deployment deployment, final Path log,
            final List<String> command) {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var deadline = System.nanoTime() + readyWithin.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new InputException("the deploy command exited with status %d before serving (log: %s)",
                        process.exitValue(), log);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(deployment.uri().resolve(healthPath))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deployment.stop();
                throw new InputException("interrupted while waiting for %s", command.get(0));
            }
            sleep();
        }
        deployment.stop();
        throw new InputException("the deployed model did not answer %s%s within %d s (log: %s)", deployment.uri(),
                healthPath, readyWithin.toSeconds(), log);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String safe(final String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
