package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.SafeText;

/**
 * A call to MLflow failed: the message names the endpoint, the HTTP status and MLflow's
 * error_code and message. It never contains credentials (what comes from the server is
 * redacted before a message is built, see {@link MlflowConnection#redactor()}) and is always
 * printable as it is: one line of at most {@link SafeText#LINE_LIMIT} characters with control
 * characters made visible.
 */
public class MlflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    @CheckForNull
    private final String errorCode;

    /** A failure without an answer from the server (unreachable, timed out). */
    public MlflowException(final String message, final Throwable cause) {
        super(SafeText.line(message), cause);
        this.status = 0;
        this.errorCode = null;
    }

    public MlflowException(final String message) {
        this(message, 0, null);
    }

    /**
     * @param status    the HTTP status of the server's answer
     * @param errorCode MLflow's error_code, when the answer was MLflow's JSON error
     */
    public MlflowException(final String message, final int status, @CheckForNull final String errorCode) {
        super(SafeText.line(message));
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the answer, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** Whether the server answered that the thing asked for does not exist (HTTP 404). */
    public boolean isNotFound() {
        return status == 404;
    }

    /** Whether asking again later may succeed: no answer (unreachable, timed out), 429 or a server error. */
    public boolean isTemporary() {
        return status == 0 || status == 429 || status >= 500;
    }

    public boolean hasErrorCode(final String code) {
        return code.equals(errorCode);
    }
}
