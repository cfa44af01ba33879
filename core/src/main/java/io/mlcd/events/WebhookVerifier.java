package io.mlcd.events;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.events.Delivery.Outcome;
import io.mlcd.util.InputException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Decides whether a webhook delivery comes from the MLflow server that holds the secret, as
 * MLflow signs it ({@link WebhookSignature}), in this order: the body is at most
 * {@link #MAX_BODY_BYTES}; the three {@code X-MLflow-*} headers are present and well formed; the
 * timestamp is within the window of now, either way; the signature matches (in constant time);
 * the delivery id was not accepted before ({@link SeenDeliveries}, only once the signature holds,
 * so that no forged request can block a real id); the body is an MLflow event. Any front end (the
 * CLI's receiver, a Jenkins endpoint) passes the headers and the body it received, nothing else.
 * Thread-safe.
 */
public final class WebhookVerifier {
    /** MLflow's events are a few kB (tags included); a megabyte leaves room for many long tags. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** MLflow sends a UUID; anything printable and short is taken, so other senders that sign the same way work. */
    private static final Pattern DELIVERY_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

    private final String secret;
    private final Duration window;
    private final Clock clock;
    private final SeenDeliveries seen;

    /**
     * @param secret the webhook's secret, as given to MLflow when the webhook was created; never logged
     * @param window how far the delivery's timestamp may be from now, in the past or the future
     * @param seen   the ids accepted so far, shared with whatever persists them
     */
    public WebhookVerifier(final String secret, final Duration window, final Clock clock, final SeenDeliveries seen) {
        if (secret.isEmpty()) {
            throw new InputException("the webhook secret is empty: an unsigned webhook would let anyone start the job");
        }
        if (window.isNegative() || window.isZero()) {
            throw new InputException("the timestamp window must be positive, got %s s", window.toSeconds());
        }
        this.secret = secret;
        this.window = window;
        this.clock = clock;
        this.seen = seen;
    }

    /**
     * @param header the request's header by name (case-insensitive, as HTTP header names are), null when absent
     * @param body   the request's body, byte for byte
     */
    public Delivery verify(final UnaryOperator<String> header, final byte[] body) {
        var id = header.apply(WebhookSignature.DELIVERY_ID_HEADER);
        var printableId = id == null ? "" : id;
        if (body.length > MAX_BODY_BYTES) {
            return refuse(Outcome.TOO_LARGE, printableId, "body of " + body.length + " bytes, more than "
                    + MAX_BODY_BYTES);
        }
        var early = checkHeaders(header, window, clock);
        if (early.isPresent()) {
            return early.get();
        }
        var timestamp = header.apply(WebhookSignature.TIMESTAMP_HEADER);
        var signature = header.apply(WebhookSignature.SIGNATURE_HEADER);
        var sent = Long.parseLong(timestamp);
        var now = clock.instant().getEpochSecond();
        if (!WebhookSignature.matches(secret, id, timestamp, body, signature)) {
            return refuse(Outcome.UNAUTHENTICATED, id, "the signature does not match (another secret, or a "
                    + "changed body)");
        }
        if (!seen.add(id, sent, now - window.toSeconds())) {
            return new Delivery(Outcome.DUPLICATE, id, "delivered before", null);
        }
        try {
            return ModelEvent.parse(id, body).map(event -> new Delivery(Outcome.ACCEPTED, id, "", event))
                    .orElseGet(() -> new Delivery(Outcome.IGNORED, id, "not a registered-model event", null));
        }
        catch (MalformedEventException e) {
            return refuse(Outcome.MALFORMED, id, e.getMessage());
        }
    }

    /**
     * The checks that need no secret and no body: the three headers are present and well formed,
     * and the timestamp is within the window. A front end runs them before it reads a body, so
     * that a request without them costs nothing; empty when they pass.
     */
    public static Optional<Delivery> checkHeaders(final UnaryOperator<String> header, final Duration window,
            final Clock clock) {
        var id = header.apply(WebhookSignature.DELIVERY_ID_HEADER);
        var timestamp = header.apply(WebhookSignature.TIMESTAMP_HEADER);
        var missing = missing(id, timestamp, header.apply(WebhookSignature.SIGNATURE_HEADER));
        if (missing != null) {
            return Optional.of(refuse(Outcome.UNAUTHENTICATED, id == null ? "" : id, missing));
        }
        var sent = Long.parseLong(timestamp);
        var now = clock.instant().getEpochSecond();
        if (Math.abs(now - sent) > window.toSeconds()) {
            return Optional.of(refuse(Outcome.STALE, id, "timestamp " + sent + " is " + (now - sent)
                    + " s from now, outside the " + window.toSeconds() + " s window"));
        }
        return Optional.empty();
    }

    /** Forgets an accepted delivery, so that MLflow's retry is accepted, when the front end could not keep it. */
    public void forget(final String deliveryId) {
        seen.forget(deliveryId);
    }

    @CheckForNull
    private static String missing(@CheckForNull final String id, @CheckForNull final String timestamp,
            @CheckForNull final String signature) {
        if (signature == null || signature.isBlank()) {
            return "no " + WebhookSignature.SIGNATURE_HEADER + " header: is the webhook's secret set in MLflow?";
        }
        if (id == null || !DELIVERY_ID.matcher(id).matches()) {
            return "no valid " + WebhookSignature.DELIVERY_ID_HEADER + " header";
        }
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) {
            return "no valid " + WebhookSignature.TIMESTAMP_HEADER + " header";
        }
        return null;
    }

    private static Delivery refuse(final Outcome outcome, final String id, final String reason) {
        return new Delivery(outcome, id, reason, null);
    }

    @Override
    public String toString() {
        return "WebhookVerifier(window " + window.toSeconds() + " s)"; // never the secret
    }
}
