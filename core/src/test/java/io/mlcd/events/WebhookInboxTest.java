package io.mlcd.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One server's inbox as the Jenkins endpoint uses it: a delivery accepted once, also after a
 * restart (a new inbox on the same file); bodies over the limit refused, declared or not, and a
 * declared one unread; forged deliveries leave nothing behind; an unsaved id is forgotten again.
 */
public class WebhookInboxTest {
    private static final String SECRET = "inbox-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String BODY = "{\"entity\": \"model_version\", \"action\": \"created\", "
            + "\"timestamp\": \"2026-12-04T02:59:59+00:00\", \"data\": {\"name\": \"churn\", \"version\": \"4\", "
            + "\"tags\": {}}}";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static UnaryOperator<String> signed(final String id, final byte[] body, final String secret) {
        var timestamp = Long.toString(NOW.getEpochSecond());
        var headers = new HashMap<String, String>(Map.of(
                WebhookSignature.DELIVERY_ID_HEADER.toLowerCase(java.util.Locale.ROOT), id,
                WebhookSignature.TIMESTAMP_HEADER.toLowerCase(java.util.Locale.ROOT), timestamp,
                WebhookSignature.SIGNATURE_HEADER.toLowerCase(java.util.Locale.ROOT),
                WebhookSignature.sign(secret, id, timestamp, body)));
        return name -> headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    private static InputStream stream(final byte[] body) {
        return new ByteArrayInputStream(body);
    }

    @Test
    public void shouldAcceptADeliveryOnceEvenAfterARestart() throws IOException {
        var file = new WatchStateFile(folder.getRoot().toPath().resolve("prod.json"));
        var body = BODY.getBytes(StandardCharsets.UTF_8);

        var first = new WebhookInbox(file, CLOCK).receive(SECRET, signed("d-1", body, SECRET), body.length,
                stream(body));
        var afterRestart = new WebhookInbox(file, CLOCK).receive(SECRET, signed("d-1", body, SECRET), -1,
                stream(body));

        assertThat(first.accepted()).hasValueSatisfying(event -> assertThat(event.version()).isEqualTo("4"));
        assertThat(afterRestart.outcome()).isEqualTo(Delivery.Outcome.DUPLICATE);
        assertThat(file.load().deliveries()).containsOnlyKeys("d-1");
    }

    @Test
    public void shouldRefuseADeclaredLargeBodyWithoutReadingIt() throws IOException {
        var inbox = new WebhookInbox(new WatchStateFile(folder.getRoot().toPath().resolve("s.json")), CLOCK);
        var unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };

        var delivery = inbox.receive(SECRET, signed("d-2", new byte[0], SECRET), WebhookVerifier.MAX_BODY_BYTES + 1L,
                unreadable);

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.TOO_LARGE);
        assertThat(delivery.outcome().httpStatus()).isEqualTo(413);
    }

    @Test
    public void shouldRefuseAnUndeclaredLargeBodyReadingNoMoreThanTheLimit() throws IOException {
        var inbox = new WebhookInbox(new WatchStateFile(folder.getRoot().toPath().resolve("s.json")), CLOCK);
        var huge = new byte[WebhookVerifier.MAX_BODY_BYTES * 3];
        var counting = new ByteArrayInputStream(huge);

        var delivery = inbox.receive(SECRET, signed("d-3", huge, SECRET), -1, counting);

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.TOO_LARGE);
        assertThat(counting.available()).isEqualTo(huge.length - WebhookVerifier.MAX_BODY_BYTES - 1);
    }

    @Test
    public void shouldKeepNothingOfAForgedDelivery() throws IOException {
        var path = folder.getRoot().toPath().resolve("forged.json");
        var inbox = new WebhookInbox(new WatchStateFile(path), CLOCK);
        var body = BODY.getBytes(StandardCharsets.UTF_8);

        var forged = inbox.receive(SECRET, signed("d-4", body, "not-the-secret"), body.length, stream(body));
        var real = inbox.receive(SECRET, signed("d-4", body, SECRET), body.length, stream(body));

        assertThat(forged.outcome()).isEqualTo(Delivery.Outcome.UNAUTHENTICATED);
        assertThat(forged.describe()).doesNotContain(SECRET);
        assertThat(real.outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    }

    @Test
    public void shouldForgetADeliveryWhoseIdCannotBeSaved() throws IOException {
        var blocked = folder.newFolder("inbox").toPath();
        var inbox = new WebhookInbox(new WatchStateFile(blocked.resolve("prod.json")), CLOCK);
        var body = BODY.getBytes(StandardCharsets.UTF_8);
        Files.delete(blocked);
        Files.createFile(blocked); // the state's folder is now a file: nothing can be saved in it

        assertThatThrownBy(() -> inbox.receive(SECRET, signed("d-5", body, SECRET), body.length, stream(body)))
                .isInstanceOf(UncheckedIOException.class);
        Files.delete(blocked);
        Files.createDirectory(blocked);
        var retried = inbox.receive(SECRET, signed("d-5", body, SECRET), body.length, stream(body));

        assertThat(retried.outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    }

    private static InputStream unreadable() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };
    }

    @Test
    public void shouldRefuseMissingHeadersAndAStaleTimestampWithoutReadingTheBody() throws IOException {
        var inbox = new WebhookInbox(new WatchStateFile(folder.getRoot().toPath().resolve("s.json")), CLOCK);
        var body = BODY.getBytes(StandardCharsets.UTF_8);
        var stale = Long.toString(NOW.minusSeconds(3600).getEpochSecond());
        var signed = signed("d-6", body, SECRET);
        UnaryOperator<String> old = name -> name.equalsIgnoreCase(WebhookSignature.TIMESTAMP_HEADER) ? stale
                : signed.apply(name);

        var unsigned = inbox.receive(SECRET, name -> null, body.length, unreadable());
        var replayed = inbox.receive(SECRET, old, body.length, unreadable());

        assertThat(unsigned.outcome()).isEqualTo(Delivery.Outcome.UNAUTHENTICATED);
        assertThat(replayed.outcome()).isEqualTo(Delivery.Outcome.STALE);
    }

    @Test
    public void shouldRefuseAServerWithoutASecretAsABadSignatureWithoutReadingTheBody() throws IOException {
        var inbox = new WebhookInbox(new WatchStateFile(folder.getRoot().toPath().resolve("s.json")), CLOCK);
        var body = BODY.getBytes(StandardCharsets.UTF_8);
        var forged = inbox.receive(SECRET, signed("d-7", body, "not-the-secret"), body.length, stream(body));

        var none = inbox.receive(null, signed("d-7", body, SECRET), body.length, unreadable());
        var empty = inbox.receive("", signed("d-7", body, SECRET), body.length, unreadable());

        assertThat(none.outcome()).isEqualTo(forged.outcome()).isEqualTo(Delivery.Outcome.UNAUTHENTICATED);
        assertThat(empty.outcome().httpStatus()).isEqualTo(forged.outcome().httpStatus());
    }

    @Test
    public void shouldAcceptAForgottenDeliveryAgainAlsoAfterARestart() throws IOException {
        var file = new WatchStateFile(folder.getRoot().toPath().resolve("prod.json"));
        var body = BODY.getBytes(StandardCharsets.UTF_8);
        var inbox = new WebhookInbox(file, CLOCK);
        assertThat(inbox.receive(SECRET, signed("d-8", body, SECRET), body.length, stream(body)).outcome())
                .isEqualTo(Delivery.Outcome.ACCEPTED);

        inbox.forget("d-8");
        var retried = new WebhookInbox(file, CLOCK).receive(SECRET, signed("d-8", body, SECRET), body.length,
                stream(body));

        assertThat(retried.outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    }
}
