package io.mlcd.registry;

/**
 * A call to MLflow failed: the message names the endpoint, the HTTP status and MLflow's
 * error_code and message. It never contains credentials.
 */
public class MlflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MlflowException(final String message) {
        super(message);
    }

    public MlflowException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
