package io.mlcd.spark;

import io.mlcd.util.InputException;
import java.util.function.Supplier;

/**
 * Runs Spark work and turns its failures into mlcd's: an input error raised in a task reaches the
 * driver wrapped in Spark's job failure, and is unwrapped here so the caller sees the one clear
 * line the CLI gives; Spark's own analysis errors (no such column, a cast it cannot do, no such
 * path) become input errors with Spark's message.
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
            if (cause instanceof org.apache.spark.sql.AnalysisException
                    || cause instanceof org.apache.spark.SparkNumberFormatException
                    || cause instanceof org.apache.spark.SparkIllegalArgumentException
                    || cause instanceof org.apache.spark.SparkRuntimeException runtime && runtime.getCondition() != null
                    && runtime.getCondition().startsWith("CAST")) {
                return new InputException("%s: %s", what, firstLine(cause.getMessage()));
            }
        }
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException(what + ": " + firstLine(failure.getMessage()), failure);
    }

    private static String firstLine(final String message) {
        if (message == null) {
            return "no message";
        }
        var end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
