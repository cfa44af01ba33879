package io.mlcd.canary;

/** The router refused or could not be reached; the rollout rolls back. */
public class RouterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RouterException(final String message) {
        super(message);
    }

    public RouterException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
