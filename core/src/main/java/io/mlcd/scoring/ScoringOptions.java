package io.mlcd.scoring;

import io.mlcd.util.InputException;
import java.time.Duration;

/**
 * How rows are sent to a served model.
 *
 * @param batchSize   rows per request
 * @param concurrency requests in flight at once
 * @param timeout     limit of one request, from sending to the end of the answer
 * @param retries     further attempts of a batch after a failed one (0: none)
 */
public record ScoringOptions(int batchSize, int concurrency, Duration timeout, int retries)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final ScoringOptions DEFAULTS = new ScoringOptions(1000, 4, Duration.ofSeconds(30), 2);
    /** The most rows per request and requests in flight mlcd accepts. */
    public static final int MAX_BATCH_SIZE = 1_000_000;
    public static final int MAX_CONCURRENCY = 64;
    public static final int MAX_RETRIES = 10;

    public ScoringOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InputException("--batch-size must be within 1..%d, got %d", MAX_BATCH_SIZE, batchSize);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new InputException("--concurrency must be within 1..%d, got %d", MAX_CONCURRENCY, concurrency);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new InputException("--timeout must be more than 0 and at most 3600 s, got %s s",
                    timeout.toMillis() / 1000.0);
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new InputException("--retries must be within 0..%d, got %d", MAX_RETRIES, retries);
        }
    }
}
