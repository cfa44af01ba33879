package io.mlcd.events;

/** A delivery whose body is not an MLflow webhook event; the message says what is wrong, never quotes the body. */
public class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(final String message) {
        super(message);
    }
}
