package io.mlcd.scoring;

import io.mlcd.util.InputException;

/**
 * Scoring failed: a batch of rows got no usable answer after its retries, or the model could not
 * be reached or started. An input error (exit 2, nothing recorded): the predictions would be
 * incomplete, and mlcd never judges a smaller sample than it was given. The message names the
 * batch (rows a..b, 1-based) and carries no credentials.
 */
public class ScoringException extends InputException {
    private static final long serialVersionUID = 1L;

    public ScoringException(final String format, final Object... args) {
        super(format, args);
    }
}
