package io.mlcd.spark;

import io.mlcd.util.InputException;
import java.util.function.Supplier;
import org.apache.spark.SparkThrowable;

/**
 * Runs Spark work and turns its failures into mlcd's: an input error raised in a task reaches the
 * driver wrapped in Spark's job failure, and is unwrapped here so the caller sees the one clear
 * line the CLI gives; Spark's errors about the query or the data (no such path or column, a value
 * it cannot cast) become input errors with Spark's message.
 */
public final class SparkJobs {
    private SparkJobs() {
    }

    /** @param what names the input in messages */
    public static <T> T run(final String what, final Supplier<T> work) {
        try {
            return work.get();
        }
        catch (Exception e) { // Spark's AnalysisException is checked, though no Scala method declares it
            throw translate(what, e);
        }
    }

    static RuntimeException translate(final String what, final Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputException input) {
                return input;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isInputError(cause)) {
                return new InputException("%s: %s", what, firstLine(cause.getMessage()));
            }
        }
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException(what + ": " + firstLine(failure.getMessage()), failure);
    }

    /**
     * Spark's errors about the query or the data rather than the cluster: SQLSTATE class 42
     * (no such path, table or column; a cast it cannot do) and 22 (a value it cannot convert).
     */
    private static boolean isInputError(final Throwable cause) {
        if (cause instanceof SparkThrowable spark) {
            var state = spark.getSqlState();
            return state != null && (state.startsWith("42") || state.startsWith("22"));
        }
        return false;
    }

    private static String firstLine(final String message) {
        if (message == null) {
            return "no message";
        }
        var end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
