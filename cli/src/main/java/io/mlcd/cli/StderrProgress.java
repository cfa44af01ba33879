package io.mlcd.cli;

import io.mlcd.util.Progress;
import io.mlcd.util.SafeText;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows progress of long reads on stderr, at most every two seconds and only after the first two;
 * files read side by side report from their own threads.
 */
final class StderrProgress implements Progress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastShown = started;

    StderrProgress(final PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(final String source, final long rows, final double fraction) {
        var now = System.nanoTime();
        if (now - lastShown < INTERVAL_NANOS) {
            return;
        }
        lastShown = now;
        var share = fraction >= 0 ? String.format(Locale.ROOT, " (%.0f%%)", 100 * fraction) : "";
        err.printf(Locale.ROOT, "mlcd: %s: %,d rows read%s%n", SafeText.line(source, SafeText.QUOTE_LIMIT), rows, share);
        err.flush();
    }
}
