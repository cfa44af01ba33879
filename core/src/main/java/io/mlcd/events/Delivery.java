package io.mlcd.events;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.SafeText;
import java.util.Optional;

/**
 * What became of one webhook delivery: its outcome, the HTTP status to answer, and the event when
 * it was accepted. {@link #describe()} is the log line: it names the delivery and the reason,
 * never the secret, the signature or the body.
 *
 * @param deliveryId the delivery id as sent, or "" when there was none (made printable only in {@link #describe()})
 */
public record Delivery(Outcome outcome, String deliveryId, String reason, @CheckForNull ModelEvent event) {
    /** Outcomes, each with the HTTP status the receiver answers; MLflow retries only on 429 and 5xx. */
    public enum Outcome {
        /** Verified, new and about a registered model. */
        ACCEPTED(200),
        /** Verified and new, but not an event to act on (a prompt event, another model, another alias, mlcd's own write). */
        IGNORED(200),
        /** Verified, but this delivery id was accepted before (MLflow retried, or someone replays it). */
        DUPLICATE(200),
        /** No valid signature, timestamp or delivery id: not from the MLflow server holding the secret. */
        UNAUTHENTICATED(401),
        /** Signed, but the timestamp is outside the window: an old delivery replayed, or a clock far off. */
        STALE(401),
        /** Signed, but not an MLflow webhook event. */
        MALFORMED(400),
        /** The body is larger than any MLflow event. */
        TOO_LARGE(413);

        private final int httpStatus;

        Outcome(final int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    public Optional<ModelEvent> accepted() {
        return outcome == Outcome.ACCEPTED ? Optional.ofNullable(event) : Optional.empty();
    }

    public Delivery ignored(final String why) {
        return new Delivery(Outcome.IGNORED, deliveryId, why, event);
    }

    /** One line for the log, e.g. {@code delivery 1b4…: ACCEPTED model_version.created of 'churn' version 3}. */
    public String describe() {
        var what = event == null ? "" : " " + event.describe();
        return "delivery " + (deliveryId.isEmpty() ? "(no id)" : SafeText.quote(deliveryId)) + ": " + outcome + what
                + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
