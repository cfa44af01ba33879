package io.mlcd.registry;

/**
 * The registry refused to move a model forward because its evidence is missing or failed: no
 * passing validation record, no approval. The CLI exits with status 1, as for a failed gate.
 */
public class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedException(final String message) {
        super(message);
    }
}
