package io.mlcd.canary;

/**
 * A metric source could not measure a window: the server was unreachable, rejected a query or
 * answered with something that is not a count. The message names the source and the query;
 * it never contains credentials.
 */
public class MetricSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetricSourceException(final String message) {
        super(message);
    }

    public MetricSourceException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
