package io.mlcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.events.ModelEvent;
import io.mlcd.events.Watcher;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@code mlcd watch --exec}'s command for one event, without a shell, with the event in its
 * environment (MLCD_EVENT, MLCD_MODEL, MLCD_VERSION, MLCD_ALIAS, MLCD_DELIVERY_ID, MLCD_EVENT_DATA)
 * and without the webhook secret's variable; its output goes where mlcd's goes. A failing command is
 * logged, not thrown. When the watch stops while the command runs, the command gets SIGTERM, then
 * SIGKILL 10 s later, and the event counts as not handled.
 */
final class EventCommand implements Watcher.EventHandler {
    private static final long GRACE_SECONDS = 10;

    private final List<String> words;
    @CheckForNull
    private final String secretVariable;
    private final Consumer<String> log;

    EventCommand(final List<String> words, @CheckForNull final String secretVariable, final Consumer<String> log) {
        this.words = List.copyOf(words);
        this.secretVariable = secretVariable;
        this.log = log;
    }

    @Override
    public void handle(final ModelEvent event) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(words).inheritIO();
        var environment = builder.environment();
        if (secretVariable != null) {
            environment.remove(secretVariable);
        }
        environment.putAll(event.environment());
        var started = System.nanoTime();
        log.accept("running " + words.get(0) + " for " + event.describe());
        var process = builder.start();
        int status;
        try {
            status = process.waitFor();
        }
        catch (InterruptedException e) {
            process.destroy();
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            log.accept(words.get(0) + " stopped with the watch; its event runs again after a restart");
            throw e;
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        log.accept(String.format(java.util.Locale.ROOT, "%s exited with %d after %.1f s%s", words.get(0), status, seconds,
                status == 0 ? "" : "; watching on"));
    }
}
