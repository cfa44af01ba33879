package io.mlcd.cli;

import io.mlcd.events.EventFilter;
import io.mlcd.events.EventType;
import io.mlcd.events.OwnWrites;
import io.mlcd.events.Poller;
import io.mlcd.events.WatchStateFile;
import io.mlcd.events.Watcher;
import io.mlcd.events.WebhookReceiver;
import io.mlcd.events.WebhookVerifier;
import io.mlcd.registry.MlflowException;
import io.mlcd.registry.ModelVersion;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.Durations;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import io.mlcd.util.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlcd watch}: runs a command once per registry event, from webhooks or by polling. */
@Command(name = "watch", sortOptions = false,
        description = {"Run a command once per event of a registered model: a new version, an alias set, a tag "
                + "changed. Events come from MLflow's signed webhooks (--listen, MLflow 3.3+) or from polling the "
                + "registry (--poll, any MLflow). The command runs without a shell, with MLCD_EVENT, MLCD_MODEL, "
                + "MLCD_VERSION, MLCD_ALIAS, MLCD_DELIVERY_ID and MLCD_EVENT_DATA in its environment; one at a "
                + "time; a failing one is logged and the watch goes on. --state keeps the cursor, so a restarted "
                + "watch neither replays nor misses an event. SIGTERM stops it."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd watch --model churn --poll 30s \\",
            "    --state watch.json --exec './deploy.sh'",
            "  mlcd watch --model churn \\",
            "    --event model_version_alias.created \\",
            "    --alias challenger \\",
            "    --listen 0.0.0.0:8181 \\",
            "    --secret-env MLFLOW_WEBHOOK_SECRET \\",
            "    --exec 'make validate'"})
public final class WatchCommand implements Callable<Integer> {
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final Duration SHORTEST_POLL = Duration.ofSeconds(1);

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "A registered model to watch; repeat for more.")
    private List<String> models;

    @Option(names = "--event", paramLabel = "EVENT", description = "An event to act on; repeat for more (default: "
            + "model_version.created and model_version_alias.created). Also: model_version_alias.deleted, "
            + "model_version_tag.set, model_version_tag.deleted, registered_model.created.")
    private List<String> events = new ArrayList<>();

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Act on alias events of this alias only; repeat for more.")
    private List<String> aliases = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** --listen or --poll. */
    static final class Source {
        @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Receive MLflow's webhooks here (plain HTTP; "
                + "needs --secret-env).")
        private String listen;

        @Option(names = "--poll", paramLabel = "DURATION", description = "Poll the registry this often, e.g. 30s.")
        private String poll;
    }

    @Option(names = "--secret-env", paramLabel = "VAR",
            description = "Environment variable holding the webhook's secret (--listen).")
    private String secretEnv;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "5m",
            description = "How far a delivery's timestamp may be from now, either way (default: ${DEFAULT-VALUE}).")
    private String window;

    @Option(names = "--state", paramLabel = "FILE", description = "Where the cursor is kept (default: memory only).")
    private Path state;

    @Option(names = "--ignore-own", paramLabel = "IDENTITY", description = "Ignore events that mlcd wrote from this "
            + "pipeline: a version registered or promoted with a build URL or promote --by starting with IDENTITY.")
    private String ignoreOwn;

    @Option(names = "--exec", required = true, paramLabel = "COMMAND",
            description = "The command to run per event; split into words without a shell ('…' and \"…\" quote).")
    private String exec;

    @Mixin
    private MlflowOptions mlflow;

    @Mixin
    private DebugOption debug;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() throws Exception {
        var words = CommandWords.split("--exec", exec);
        var types = new LinkedHashSet<EventType>();
        events.forEach(event -> types.add(EventType.parse("--event", event)));
        models.forEach(model -> Names.named("--model", model));
        var filter = new EventFilter(new LinkedHashSet<>(models), types, new LinkedHashSet<>(aliases));
        var windowLength = Durations.parse("--window", window);
        if (state != null) {
            AtomicFiles.checkWritableFile("--state", state);
        }
        String secret = null;
        if (source.listen != null) {
            if (secretEnv == null) {
                throw new InputException("--listen needs --secret-env: mlcd acts only on deliveries signed with the "
                        + "webhook's secret");
            }
            secret = SecretEnv.read("--secret-env", secretEnv);
        }
        else if (secretEnv != null) {
            throw new InputException("--secret-env goes with --listen; --poll needs no secret");
        }
        var address = source.listen == null ? null : address(source.listen);
        var interval = source.poll == null ? null : pollInterval(source.poll);
        var log = log(spec.commandLine().getErr(), secret);
        var client = source.poll != null || ignoreOwn != null ? mlflow.connect() : null;
        var own = ignoreOwn == null ? null : new OwnWrites(ignoreOwn, (model, version) -> client.registry()
                .version(model, version).map(ModelVersion::tags).orElse(Map.of()));
        var watcher = new Watcher(new WatchStateFile(state), filter, own, new EventCommand(words, secretEnv, log), log);
        try (var stop = Stop.install(Thread.currentThread(), log)) {
            try {
                if (address != null) {
                    var verifier = new WebhookVerifier(secret, windowLength, Clock.systemUTC(), watcher.seen());
                    listen(address, watcher, verifier, log);
                }
                else {
                    poll(new Poller(client.registry(), Clock.systemUTC()), watcher, interval, log);
                }
            }
            catch (InterruptedException e) {
                log.accept("stopped" + (state == null ? "" : "; the cursor is in " + state));
            }
        }
        return 0;
    }

    private static void listen(final InetSocketAddress address, final Watcher watcher, final WebhookVerifier verifier,
            final Consumer<String> log) throws InterruptedException {
        try (var receiver = start(address, watcher, verifier, log)) {
            log.accept("listening on http://" + address.getHostString() + ":" + receiver.port() + "/ for " + "MLflow webhooks");
            while (true) {
                watcher.handleNext(Duration.ofSeconds(1));
            }
        }
    }

    private static WebhookReceiver start(final InetSocketAddress address, final Watcher watcher,
            final WebhookVerifier verifier, final Consumer<String> log) {
        try {
            return WebhookReceiver.start(address, watcher, verifier, log);
        }
        catch (IOException e) {
            throw new InputException("--listen %s:%d: cannot listen there: %s", address.getHostString(), address.getPort(),
                    String.valueOf(e.getMessage()));
        }
    }

    private static void poll(final Poller poller, final Watcher watcher, final Duration interval,
            final Consumer<String> log) throws InterruptedException {
        log.accept("polling every " + interval.toMillis() / 1000.0 + " s");
        while (true) {
            try {
                watcher.poll(poller);
            }
            catch (MlflowException e) {
                log.accept("poll failed, trying again in " + interval.toMillis() / 1000.0 + " s: " + e.getMessage());
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private static InetSocketAddress address(final String text) {
        var colon = text.lastIndexOf(':');
        if (colon <= 0 || !text.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new InputException("--listen expects HOST:PORT, e.g. 0.0.0.0:8181, got '%s'", text);
        }
        var port = Integer.parseInt(text.substring(colon + 1));
        OptionValues.within("--listen's port", port, 0, 65_535);
        var host = text.substring(0, colon);
        return new InetSocketAddress(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                : host, port);
    }

    private static Duration pollInterval(final String text) {
        var interval = Durations.parse("--poll", text);
        if (interval.compareTo(SHORTEST_POLL) < 0) {
            throw new InputException("--poll must be at least 1s, got '%s'", text);
        }
        return interval;
    }

    /** Time-stamped lines on stderr, with the webhook secret and MLflow's credentials masked whatever they are in. */
    private static Consumer<String> log(final PrintWriter err, final String secret) {
        var environment = System.getenv();
        var redactor = Redactor.of(Arrays.asList(secret, environment.get("MLFLOW_TRACKING_TOKEN"),
                environment.get("MLFLOW_TRACKING_PASSWORD")));
        return line -> {
            synchronized (err) {
                err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " mlcd watch: " + redactor.message(line));
                err.flush();
            }
        };
    }

    /** SIGTERM, SIGINT: the watch thread is interrupted, and the JVM waits (bounded) until it has saved its cursor. */
    private static final class Stop implements AutoCloseable {
        private final Thread hook;
        private final CountDownLatch finished = new CountDownLatch(1);

        private Stop(final Thread watch, final Consumer<String> log) {
            hook = new Thread(() -> {
                log.accept("stop signal");
                watch.interrupt();
                try {
                    finished.await(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // exiting anyway
                }
            }, "mlcd-watch-stop");
        }

        static Stop install(final Thread watch, final Consumer<String> log) {
            var stop = new Stop(watch, log);
            Runtime.getRuntime().addShutdownHook(stop.hook);
            return stop;
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs and returns now
            }
        }
    }
}
