package io.mlcd.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.rules.ExternalResource;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and {@code workers} workers (1 core
 * each), started with the {@code spark-class} of the pyspark distribution in a venv (installed by
 * bin/test into .venv-spark), with their configuration, logs, scratch space and work folders
 * under one folder; stopped after the tests, executors included, also when a test failed.
 * Applications are submitted with the same distribution's {@code spark-submit}.
 */
public class SparkStandaloneCluster extends ExternalResource {
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration SUBMIT_LIMIT = Duration.ofMinutes(4);

    private final Path venv;
    private final Path home;
    private final int workers;
    private final List<Process> daemons = new ArrayList<>();
    private Path sparkHome;
    private String masterUrl;

    /** The result of one {@code spark-submit}: exit status and the driver's stdout and stderr. */
    public record Run(int status, String out, String err) {
    }

    public SparkStandaloneCluster(final Path venv, final Path home, final int workers) {
        this.venv = venv;
        this.home = home;
        this.workers = workers;
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** The work folder of worker {@code i} (0-based): one app-* folder per application it ran executors of. */
    public Path workerDir(final int i) {
        return home.resolve("work" + i);
    }

    @Override
    protected void before() throws Throwable {
        if (!Files.isExecutable(venv.resolve("bin/spark-class"))) {
            throw new IllegalStateException(venv + "/bin/spark-class is missing: run "
                    + "bin/setup-python .venv-spark python/requirements-spark.txt");
        }
        deleteTree(home);
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("local"));
        sparkHome = Path.of(output(List.of(venv.resolve("bin/python").toString(), "-c",
                "import os, pyspark; print(os.path.dirname(pyspark.__file__))")).strip());
        writeConf();
        try {
            int port = freePort();
            masterUrl = "spark://127.0.0.1:" + port;
            daemons.add(daemon("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()))));
            awaitLine("master", "I have been elected leader");
            for (int i = 0; i < workers; i++) {
                daemons.add(daemon("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "1g", "--work-dir", workerDir(i).toString(),
                        "--webui-port", "0", masterUrl)));
            }
            for (int i = 0; i < workers; i++) {
                awaitLine("worker" + i, "Successfully registered with master");
            }
        }
        catch (Throwable e) {
            after();
            throw e;
        }
    }

    @Override
    protected void after() {
        // Executors are the workers' child processes: stop them first so none outlives its worker.
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).descendants().forEach(ProcessHandle::destroy);
            daemons.get(i).destroy();
        }
        for (var daemon : daemons) {
            try {
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                daemon.destroyForcibly();
            }
        }
        daemons.clear();
    }

    /**
     * {@code spark-submit} of {@code jar} in client mode on this cluster: the driver here, one
     * executor of 1 core and 512 MB on each worker.
     */
    public Run submit(final Path jar, final List<String> args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(venv.resolve("bin/spark-submit").toString(),
                "--master", masterUrl, "--deploy-mode", "client",
                "--driver-memory", "512m", "--executor-memory", "512m", "--executor-cores", "1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                jar.toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(command);
        environment(builder.environment());
        var process = builder.start();
        var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        var out = read(process.getInputStream());
        if (!process.waitFor(SUBMIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("spark-submit " + args + " did not end within " + SUBMIT_LIMIT);
        }
        return new Run(process.exitValue(), out, err.join());
    }

    private Process daemon(final String name, final List<String> args) throws IOException {
        var command = new ArrayList<>(List.of(venv.resolve("bin/spark-class").toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("logs").resolve(name + ".log").toFile());
        environment(builder.environment());
        builder.environment().put("SPARK_DAEMON_MEMORY", "256m");
        return builder.start();
    }

    private void environment(final Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("SPARK_") || name.startsWith("PYSPARK_"));
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", home.resolve("local").toString());
    }

    /**
     * The cluster's own configuration, so no spark-defaults of the machine applies: no REST
     * submission server (its fixed port 6066 would clash between concurrent builds); files read
     * in splits of 64 KB, so that the tests' small inputs are several partitions, spread over both
     * executors; 8 shuffle partitions instead of 200 (still several per executor, without 200
     * tiny tasks per shuffle on two cores); logs at WARN except the daemons' and the executors'
     * task lines, which show where tasks ran.
     */
    private void writeConf() throws IOException {
        var conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("spark-defaults.conf"), """
                spark.master.rest.enabled false
                spark.worker.cleanup.enabled false
                spark.sql.files.maxPartitionBytes 65536
                spark.sql.shuffle.partitions 8
                """);
        Files.writeString(conf.resolve("log4j2.properties"), """
                rootLogger.level = warn
                rootLogger.appenderRef.stderr.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
                logger.executor.name = org.apache.spark.executor.Executor
                logger.executor.level = info
                logger.master.name = org.apache.spark.deploy.master.Master
                logger.master.level = info
                logger.worker.name = org.apache.spark.deploy.worker.Worker
                logger.worker.level = info
                """);
    }

    private void awaitLine(final String name, final String text) throws IOException, InterruptedException {
        var log = home.resolve("logs").resolve(name + ".log");
        var deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Spark " + name + " did not log '" + text + "' within " + START_LIMIT
                + "; see " + log);
    }

    private static String output(final List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var text = read(process.getInputStream());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + text);
        }
        return text;
    }

    private static String read(final InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
