package io.mlcd.events;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.events.Delivery.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One MLflow server's webhook deliveries as a front end that serves several servers receives them
 * (the Jenkins endpoint, one inbox per server): reads the body only up to the
 * {@link WebhookVerifier#MAX_BODY_BYTES limit}, verifies it, and keeps the accepted delivery ids in
 * a state file, so that a delivery replayed after a restart is still a duplicate. Thread-safe.
 */
public final class WebhookInbox {
    /** The outcomes after which the verifier remembered the delivery id: the signature held. */
    private static final Set<Outcome> REMEMBERED = EnumSet.of(Outcome.ACCEPTED, Outcome.IGNORED, Outcome.MALFORMED);

    private final WatchStateFile store;
    private final Clock clock;
    private final SeenDeliveries seen;

    /** @param store the delivery ids of this server (loaded now; a missing file holds none) */
    public WebhookInbox(final WatchStateFile store, final Clock clock) {
        this.store = store;
        this.clock = clock;
        this.seen = new SeenDeliveries(SeenDeliveries.DEFAULT_CAPACITY, store.load().deliveries());
    }

    /**
     * Checks what costs nothing first (the declared length, the headers, the timestamp), then
     * reads the body. A server without a secret is refused exactly as a bad signature is, so
     * that the answer does not tell which servers exist or have webhooks.
     *
     * @param secret        the server's webhook secret, read for this delivery (it may have been rotated);
     *                      null or empty when the server is unknown or has no webhooks
     * @param contentLength the declared body length, -1 when unknown: a longer body than the limit is refused unread
     * @throws UncheckedIOException when the delivery ids cannot be saved: the delivery is forgotten again and
     *                              the front end answers 500, so that MLflow sends it again
     */
    public Delivery receive(@CheckForNull final String secret, final UnaryOperator<String> header,
            final long contentLength, final InputStream body) throws IOException {
        var id = header.apply(WebhookSignature.DELIVERY_ID_HEADER);
        if (contentLength > WebhookVerifier.MAX_BODY_BYTES) {
            return new Delivery(Outcome.TOO_LARGE, id == null ? "" : id, "declared body of " + contentLength
                    + " bytes, more than " + WebhookVerifier.MAX_BODY_BYTES, null);
        }
        var early = WebhookVerifier.checkHeaders(header, WebhookVerifier.DEFAULT_WINDOW, clock);
        if (early.isPresent()) {
            return early.get();
        }
        if (secret == null || secret.isEmpty()) {
            return new Delivery(Outcome.UNAUTHENTICATED, id, "the signature does not match (no webhook secret "
                    + "for this server)", null);
        }
        var bytes = body.readNBytes(WebhookVerifier.MAX_BODY_BYTES + 1);
        var verifier = new WebhookVerifier(secret, WebhookVerifier.DEFAULT_WINDOW, clock, seen);
        var delivery = verifier.verify(header, bytes);
        if (REMEMBERED.contains(delivery.outcome())) {
            try {
                save();
            }
            catch (UncheckedIOException e) {
                seen.forget(delivery.deliveryId());
                throw e;
            }
        }
        return delivery;
    }

    /**
     * Forgets an accepted delivery when what it was to start failed for a temporary reason, so
     * that MLflow's retry (after a 5xx answer) is accepted again rather than a duplicate.
     *
     * @throws UncheckedIOException when the ids cannot be saved
     */
    public void forget(final String deliveryId) {
        seen.forget(deliveryId);
        save();
    }

    /** Saved one at a time, so that an older snapshot never overwrites a newer one. */
    private synchronized void save() {
        store.save(WatchState.empty().withDeliveries(seen.snapshot()));
    }
}
