package io.jenkins.plugins.mlcd;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Job;
import hudson.model.TaskListener;
import io.mlcd.events.ModelEvent;
import io.mlcd.events.Poller;
import io.mlcd.events.WatchStateFile;
import io.mlcd.events.Watcher;
import io.mlcd.registry.MlflowException;
import io.mlcd.util.InputException;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The polling mode of {@code mlflowModel} triggers, for MLflow servers that cannot call Jenkins:
 * every {@link #PERIOD} the triggers whose interval is up poll the registry with core's
 * {@link Poller} and {@link Watcher}. It runs in its own thread (no executor, no lock held while
 * MLflow answers); a poll already running is not started twice. Each job keeps its cursor in its
 * own directory ({@code mlcd-poll-SERVER.json}), written after every event, so a restarted
 * controller neither replays nor misses an event (but a crash between queueing a build and saving
 * the cursor queues that build again); a failed poll is logged and tried again. Calls to MLflow
 * time out after {@link MlflowModelTrigger#MLFLOW_TIMEOUT}, and a server that failed is not asked
 * again for other jobs in the same round. A disabled job is not polled: its cursor stays.
 */
@Extension
public final class ModelPolling extends AsyncPeriodicWork {
    static final Duration PERIOD = Duration.ofSeconds(10);
    private static final Logger LOGGER = Logger.getLogger(ModelPolling.class.getName());

    public ModelPolling() {
        super("mlcd MLflow model polling");
    }

    @Override
    public long getRecurrencePeriod() {
        return PERIOD.toMillis();
    }

    @Override
    protected void execute(final TaskListener listener) throws InterruptedException {
        var now = System.currentTimeMillis();
        var unreachable = new HashSet<String>(); // servers that failed in this round: not asked again before the next
        for (var trigger : MlflowModelTrigger.started()) {
            var job = trigger.job();
            try { // a bad stored setting of one job must not stop the others' polls
                // a disabled job is not polled at all, so that its cursor waits for it (events are not lost)
                if (job == null || !job.isBuildable() || !trigger.pollDue(now)) {
                    continue;
                }
                var server = trigger.serverConfig().map(MlflowServerConfig::getName).orElse("");
                if (unreachable.contains(server)) {
                    log(listener, job, "poll skipped: MLflow server '" + server + "' failed in this round");
                    continue;
                }
                if (!poll(trigger, job, listener)) {
                    unreachable.add(server);
                }
            }
            catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "mlcd poll of " + (job == null ? "a job" : job.getFullName()) + " failed",
                        e);
            }
        }
    }

    /** One poll; false when MLflow failed for a temporary reason (the server is then spared until the next round). */
    static boolean poll(final MlflowModelTrigger trigger, final Job<?, ?> job, final TaskListener listener)
            throws InterruptedException {
        try {
            var config = trigger.serverConfig().orElseThrow(() -> new InputException("no MLflow server %s is "
                    + "configured", trigger.getServer() == null ? "is the default" : "'" + trigger.getServer() + "'"));
            var mlflow = MlflowModelTrigger.connect(job, config);
            var watcher = new Watcher(new WatchStateFile(cursor(job, config.getName()).toPath()), trigger.filter(),
                    trigger.ownWrites(job, config), event -> schedule(trigger, event, config.getName()),
                    line -> log(listener, job, line));
            watcher.poll(new Poller(mlflow.registry(), Clock.systemUTC()));
            return true;
        }
        catch (MlflowException e) {
            log(listener, job, "poll failed, tried again in " + trigger.getPoll() + ": " + e.getMessage());
            return !e.isTemporary();
        }
        catch (InputException | UncheckedIOException e) {
            log(listener, job, "poll failed, tried again in " + trigger.getPoll() + ": " + e.getMessage());
            return true;
        }
    }

    /** Queues the build; a job that cannot be built now (disabled meanwhile) keeps the event for the next poll. */
    private static void schedule(final MlflowModelTrigger trigger, final ModelEvent event, final String server)
            throws Watcher.Postponed {
        if (!trigger.schedule(event, server)) {
            throw new Watcher.Postponed("the job cannot be built now");
        }
    }

        /** The job's cursor for one server: the same model on another server is another history. */
    static File cursor(final Job<?, ?> job, final String server) {
        return new File(job.getRootDir(), "mlcd-poll-" + URLEncoder.encode(server, StandardCharsets.UTF_8)
                + ".json");
    }

    private static void log(final TaskListener listener, final Job<?, ?> job, final String line) {
        listener.getLogger().println(job.getFullName() + ": " + line);
        LOGGER.log(Level.INFO, "mlcd poll of {0}: {1}", new Object[] {job.getFullName(), line});
    }
}
