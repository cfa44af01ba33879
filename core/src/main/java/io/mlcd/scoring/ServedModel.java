package io.mlcd.scoring;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.canary.CommandDeployer;
import io.mlcd.canary.Deployment;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A model served for the length of one command: started by a deploy command as canary's
 * {@link CommandDeployer} runs it ({@code {port}} filled with a free port of 127.0.0.1,
 * {@code {name}} and {@code {version}} with the model version when given), ready once its health
 * path answers 200, and stopped with its child processes on {@link #close()}, also when mlcd is
 * stopped by a signal.
 */
public final class ServedModel implements AutoCloseable {
    /** MLflow's scoring server answers both /ping and /health; /ping is what `mlflow models serve` documents. */
    public static final String HEALTH_PATH = "/ping";
    public static final Duration READY_WITHIN = Duration.ofMinutes(5);

    private final Deployment deployment;
    private final Thread onExit;

    private ServedModel(final Deployment deployment) {
        this.deployment = deployment;
        this.onExit = new Thread(this::stop, "mlcd-stop-served-model");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Runs the deploy command and waits until the model answers.
     *
     * @param name         the registered model for {@code {name}}, or null when the command has no such placeholder
     * @param version      the version for {@code {version}}, or null likewise
     * @param logDirectory where the server's output goes ({@code deploy-*.log}); null: a new temporary folder
     */
    public static ServedModel start(final String deployCommand, @CheckForNull final String name,
            @CheckForNull final String version, final Duration readyWithin, @CheckForNull final Path logDirectory) {
        if (deployCommand.contains("{name}") && name == null
                || deployCommand.contains("{version}") && version == null) {
            throw new InputException("the deploy command uses {name} or {version}: give --model and --version");
        }
        var logs = logDirectory == null ? temporaryFolder() : logDirectory;
        var deployer = new CommandDeployer(deployCommand, HEALTH_PATH, readyWithin, logs);
        return new ServedModel(deployer.deploy(name == null ? "model" : name, version == null ? "served" : version));
    }

    /** {@link #start(String, String, String, Duration, Path)} for a command without {name} and {version}. */
    public static ServedModel start(final String deployCommand) {
        return start(deployCommand, null, null, READY_WITHIN, null);
    }

    /**
     * How reports and records name a model started by a deploy command: its program alone. The
     * arguments stay out, since a command may carry a token or password that no report may hold.
     */
    public static String shown(final String deployCommand) {
        var words = deployCommand.strip().split("\\s+", 2);
        var program = Path.of(words[0]).getFileName();
        var name = io.mlcd.util.SafeText.line(program == null ? words[0] : program.toString(), 80);
        return "the model served by " + name + (words.length > 1 ? " … (arguments not shown)" : "");
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("mlcd-deploy");
        }
        catch (IOException e) {
            throw new InputException("cannot create a folder for the deploy command's log: %s", e.getMessage());
        }
    }

    /** The served model's base URL (http://127.0.0.1:PORT). */
    public URI url() {
        return deployment.uri();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
        catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs (or ran) anyway
        }
    }

    private void stop() {
        var process = ProcessHandle.of(deployment.pid());
        var workers = process.map(handle -> handle.descendants().toList()).orElse(java.util.List.of());
        deployment.stop();
        for (ProcessHandle handle : workers) {
            awaitOrKill(handle);
        }
        process.ifPresent(ServedModel::awaitOrKill);
    }

    private static void awaitOrKill(final ProcessHandle handle) {
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        }
        catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
        }
        catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
