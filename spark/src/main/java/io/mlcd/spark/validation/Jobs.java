package io.mlcd.spark.validation;

import io.mlcd.util.InputException;
import java.util.function.Supplier;

/**
 * Runs Spark work and turns its failures into mlcd's: an input error raised on an executor
 * reaches the driver wrapped in Spark's job failure and is unwrapped, so the caller sees the one
 * line the CLI would give; Spark's analysis errors become input errors with Spark's first line.
 */
final class Jobs {
    private Jobs() {
    }

    static <T> T run(final String what, final Supplier<T> work) {
        try {
            return work.get();
        }
        catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InputException input) {
                    throw input;
                }
            }
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.apache.spark.sql.AnalysisException) {
                    var message = String.valueOf(cause.getMessage());
                    throw new InputException("%s: %s", what, message.lines().findFirst().orElse("").strip());
                }
            }
            throw e;
        }
    }
}
