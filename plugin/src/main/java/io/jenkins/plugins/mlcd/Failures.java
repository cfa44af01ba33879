package io.jenkins.plugins.mlcd;

import hudson.AbortException;
import io.mlcd.util.SafeText;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How a step fails on what a person can fix: with one line naming the step, no stack trace. Core's
 * exceptions (bad input, MLflow, refusals, routers) carry such a message; it may quote a server's
 * answer or a file, so it is shown as one visible line ({@link SafeText#line}).
 */
final class Failures {
    private Failures() {
    }

    /** Work that may fail with core's exceptions. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException, InterruptedException;
    }

    /**
     * Whether the exception is core's, with a message for a person; core's report files fail to be
     * written with an {@link UncheckedIOException} that names the folder and why.
     */
    static boolean fromCore(final Throwable e) {
        return e.getClass().getName().startsWith("io.mlcd.") || e instanceof UncheckedIOException;
    }

    static AbortException oneLine(final String step, final Throwable e) {
        return new AbortException(step + ": " + SafeText.line(String.valueOf(e.getMessage())));
    }

    /** Runs the work; core's exceptions become the step's one-line failure. */
    static <T> T named(final String step, final Work<T> work) throws IOException, InterruptedException {
        try {
            return work.run();
        }
        catch (RuntimeException e) {
            if (fromCore(e)) {
                throw oneLine(step, e);
            }
            throw e;
        }
    }
}
