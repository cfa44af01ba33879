package io.mlcd.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.events.Delivery.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Deliveries as MLflow signs them, and every way one can be forged, replayed or malformed. The
 * signature itself is checked against MLflow's own signing function (Python, the pinned MLflow).
 */
public class WebhookVerifierTest {
    private static final String SECRET = "s3cr3t-webhook-key";
    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static final String BODY = "{\"entity\": \"model_version\", \"action\": \"created\", "
            + "\"timestamp\": \"2026-12-04T02:59:59.123456+00:00\", \"data\": {\"name\": \"churn\", \"version\": \"3\", "
            + "\"source\": \"models:/m-1\", \"run_id\": \"abc\", \"tags\": {\"team\": \"risk\"}, \"description\": null}}";

    private final WebhookVerifier verifier = verifier(new SeenDeliveries(100));

    private static WebhookVerifier verifier(final SeenDeliveries seen) {
        return new WebhookVerifier(SECRET, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC), seen);
    }

    private static Map<String, String> signed(final String id, final long timestamp, final String body,
            final String secret) {
        var headers = new HashMap<String, String>();
        headers.put("x-mlflow-delivery-id", id);
        headers.put("x-mlflow-timestamp", Long.toString(timestamp));
        headers.put("x-mlflow-signature", WebhookSignature.sign(secret, id, Long.toString(timestamp),
                body.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private Delivery deliver(final Map<String, String> headers, final String body) {
        return verifier.verify(name -> headers.get(name.toLowerCase(java.util.Locale.ROOT)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void shouldSignExactlyAsMlflowSigns() throws Exception {
        var python = Path.of(System.getProperty("mlcd.python", ".venv/bin/python"));
        var process = new ProcessBuilder(python.toString(), "-c", "import sys\n"
                + "from mlflow.webhooks.delivery import _generate_hmac_signature\n"
                + "print(_generate_hmac_signature(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]))",
                SECRET, "d-1", "1796353200", BODY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(printed).startsWith("v1,")
                .isEqualTo(WebhookSignature.sign(SECRET, "d-1", "1796353200", BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void shouldAcceptASignedDeliveryAndReadItsEvent() {
        var delivery = deliver(signed("d-1", NOW.getEpochSecond() - 1, BODY, SECRET), BODY);

        assertThat(delivery.outcome()).isEqualTo(Outcome.ACCEPTED);
        var event = delivery.accepted().orElseThrow();
        assertThat(event.type()).isEqualTo(EventType.MODEL_VERSION_CREATED);
        assertThat(event.model()).isEqualTo("churn");
        assertThat(event.version()).isEqualTo("3");
        assertThat(event.alias()).isEmpty();
        assertThat(event.tags()).containsExactly(Map.entry("team", "risk"));
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-12-04T02:59:59.123456Z"));
        assertThat(event.deliveryId()).isEqualTo("d-1");
        assertThat(delivery.describe()).isEqualTo("delivery d-1: ACCEPTED model_version.created of 'churn' version 3");
    }

    @Test
    public void shouldReadAliasAndTagEvents() {
        var alias = "{\"entity\":\"model_version_alias\",\"action\":\"created\",\"timestamp\":\"2026-12-04T03:00:00+00:00\","
                + "\"data\":{\"name\":\"churn\",\"alias\":\"champion\",\"version\":\"4\"}}";
        var tag = "{\"entity\":\"model_version_tag\",\"action\":\"deleted\",\"timestamp\":\"2026-12-04T03:00:00+00:00\","
                + "\"data\":{\"name\":\"churn\",\"version\":\"4\",\"key\":\"stage\"}}";

        var aliasEvent = deliver(signed("a", NOW.getEpochSecond(), alias, SECRET), alias).accepted().orElseThrow();
        var tagEvent = deliver(signed("t", NOW.getEpochSecond(), tag, SECRET), tag).accepted().orElseThrow();

        assertThat(aliasEvent.type()).isEqualTo(EventType.MODEL_VERSION_ALIAS_CREATED);
        assertThat(aliasEvent.alias()).isEqualTo("champion");
        assertThat(aliasEvent.version()).isEqualTo("4");
        assertThat(tagEvent.type()).isEqualTo(EventType.MODEL_VERSION_TAG_DELETED);
        assertThat(tagEvent.tagKey()).contains("stage");
    }

    @Test
    public void shouldRefuseAnotherSecret() {
        var delivery = deliver(signed("d-1", NOW.getEpochSecond(), BODY, "guessed"), BODY);

        assertThat(delivery.outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(delivery.outcome().httpStatus()).isEqualTo(401);
        assertThat(delivery.describe()).isEqualTo("delivery d-1: UNAUTHENTICATED (the signature does not match "
                + "(another secret, or a changed body))").doesNotContain(SECRET);
    }

    @Test
    public void shouldRefuseAChangedBodyOrDeliveryIdOrTimestamp() {
        var headers = signed("d-1", NOW.getEpochSecond(), BODY, SECRET);
        assertThat(deliver(headers, BODY.replace("\"3\"", "\"4\"")).outcome()).isEqualTo(Outcome.UNAUTHENTICATED);

        var otherId = new HashMap<>(headers);
        otherId.put("x-mlflow-delivery-id", "d-2");
        assertThat(deliver(otherId, BODY).outcome()).isEqualTo(Outcome.UNAUTHENTICATED);

        var otherTime = new HashMap<>(headers);
        otherTime.put("x-mlflow-timestamp", Long.toString(NOW.getEpochSecond() - 10));
        assertThat(deliver(otherTime, BODY).outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
    }

    @Test
    public void shouldRefuseMissingOrMalformedHeaders() {
        var good = signed("d-1", NOW.getEpochSecond(), BODY, SECRET);
        for (var header : new String[] {"x-mlflow-signature", "x-mlflow-delivery-id", "x-mlflow-timestamp"}) {
            var without = new HashMap<>(good);
            without.remove(header);
            assertThat(deliver(without, BODY).outcome()).as("without " + header).isEqualTo(Outcome.UNAUTHENTICATED);
        }
        for (var signature : new String[] {"", "v2," + good.get("x-mlflow-signature").substring(3), "v1,***not base64***",
            "v1,", good.get("x-mlflow-signature").substring(0, 20), "v1," + "A".repeat(44)}) {
            var forged = new HashMap<>(good);
            forged.put("x-mlflow-signature", signature);
            assertThat(deliver(forged, BODY).outcome()).as("signature " + signature).isEqualTo(Outcome.UNAUTHENTICATED);
        }
        var badTime = new HashMap<>(good);
        badTime.put("x-mlflow-timestamp", "-1");
        assertThat(deliver(badTime, BODY).outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        var longId = signed("x".repeat(129), NOW.getEpochSecond(), BODY, SECRET);
        assertThat(deliver(longId, BODY).outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        var controlId = signed("d\n1", NOW.getEpochSecond(), BODY, SECRET);
        assertThat(deliver(controlId, BODY).describe()).doesNotContain("\n");
    }

    @Test
    public void shouldAcceptOneOfSeveralSignatures() {
        var headers = signed("d-1", NOW.getEpochSecond(), BODY, SECRET);
        headers.put("x-mlflow-signature", WebhookSignature.sign("old", "d-1", Long.toString(NOW.getEpochSecond()),
                BODY.getBytes(StandardCharsets.UTF_8)) + " " + headers.get("x-mlflow-signature"));

        assertThat(deliver(headers, BODY).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    public void shouldRefuseTimestampsOutsideTheWindowEitherWay() {
        var edge = NOW.getEpochSecond() - 300;
        assertThat(deliver(signed("old-edge", edge, BODY, SECRET), BODY).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(deliver(signed("new-edge", NOW.getEpochSecond() + 300, BODY, SECRET), BODY).outcome())
                .isEqualTo(Outcome.ACCEPTED);

        var old = deliver(signed("old", edge - 1, BODY, SECRET), BODY);
        var future = deliver(signed("future", NOW.getEpochSecond() + 301, BODY, SECRET), BODY);

        assertThat(old.outcome()).isEqualTo(Outcome.STALE);
        assertThat(old.describe()).isEqualTo("delivery old: STALE (timestamp " + (edge - 1) + " is 301 s from now, "
                + "outside the 300 s window)");
        assertThat(future.outcome()).isEqualTo(Outcome.STALE);
    }

    @Test
    public void shouldDropAReplayedDeliveryEvenAfterARestart() {
        var seen = new SeenDeliveries(100);
        var headers = signed("d-1", NOW.getEpochSecond(), BODY, SECRET);
        var first = verifier(seen).verify(name -> headers.get(name.toLowerCase(java.util.Locale.ROOT)),
                BODY.getBytes(StandardCharsets.UTF_8));
        var restarted = verifier(new SeenDeliveries(100, seen.snapshot()));
        var again = restarted.verify(name -> headers.get(name.toLowerCase(java.util.Locale.ROOT)),
                BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(first.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.accepted()).isEmpty();
        assertThat(again.outcome().httpStatus()).as("MLflow stops retrying").isEqualTo(200);
    }

    @Test
    public void shouldNotLetAForgedDeliveryBlockTheRealOne() {
        assertThat(deliver(signed("d-1", NOW.getEpochSecond(), BODY, "forger"), BODY).outcome())
                .isEqualTo(Outcome.UNAUTHENTICATED);

        assertThat(deliver(signed("d-1", NOW.getEpochSecond(), BODY, SECRET), BODY).outcome())
                .isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    public void shouldRefuseSignedBodiesThatAreNotMlflowEvents() {
        var bodies = Map.of(
                "not json", "the body is not JSON",
                "[1, 2]", "the body is not a JSON object",
                "{\"entity\": \"model_version\", \"action\": \"created\", \"timestamp\": \"yesterday\", \"data\": {}}",
                "'timestamp' is not an ISO date and time",
                "{\"entity\": \"model_version\", \"action\": \"created\", \"timestamp\": \"2026-12-04T03:00:00Z\"}",
                "'data' is not an object",
                "{\"entity\": 1, \"action\": \"created\", \"timestamp\": \"2026-12-04T03:00:00Z\", \"data\": {}}",
                "'entity' is missing or not a string",
                "{\"entity\": \"model_version\", \"action\": \"created\", \"timestamp\": \"2026-12-04T03:00:00Z\", "
                        + "\"data\": {\"name\": \"m\", \"version\": \"1; rm -rf /\"}}", "'version' is not a version number",
                "{\"entity\": \"model_version\", \"entity\": \"prompt\", \"action\": \"created\", "
                        + "\"timestamp\": \"2026-12-04T03:00:00Z\", \"data\": {}}", "the body is not JSON",
                "{\"entity\": \"model_version\", \"action\": \"created\", \"timestamp\": \"2026-12-04T03:00:00Z\", "
                        + "\"data\": {\"name\": \"\", \"version\": \"1\"}}", "'name' is empty");
        var i = 0;
        for (var body : bodies.entrySet()) {
            var delivery = deliver(signed("m-" + i++, NOW.getEpochSecond(), body.getKey(), SECRET), body.getKey());

            assertThat(delivery.outcome()).as(body.getKey()).isEqualTo(Outcome.MALFORMED);
            assertThat(delivery.outcome().httpStatus()).isEqualTo(400);
            assertThat(delivery.reason()).as(body.getKey()).isEqualTo(body.getValue());
        }
    }

    @Test
    public void shouldIgnoreEventsThatAreNotAboutRegisteredModels() {
        var prompt = "{\"entity\": \"prompt\", \"action\": \"created\", \"timestamp\": \"2026-12-04T03:00:00Z\", "
                + "\"data\": {\"name\": \"p\", \"tags\": {}, \"description\": null}}";

        var delivery = deliver(signed("p-1", NOW.getEpochSecond(), prompt, SECRET), prompt);

        assertThat(delivery.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(delivery.accepted()).isEmpty();
    }

    @Test
    public void shouldRefuseABodyLargerThanAnyEventBeforeCheckingAnything() {
        var huge = "x".repeat(WebhookVerifier.MAX_BODY_BYTES + 1);

        var delivery = deliver(Map.of(), huge);

        assertThat(delivery.outcome()).isEqualTo(Outcome.TOO_LARGE);
        assertThat(delivery.outcome().httpStatus()).isEqualTo(413);
    }

    @Test
    public void shouldKeepBoundedMemoryOfDeliveries() {
        var seen = new SeenDeliveries(3);
        for (int i = 0; i < 5; i++) {
            assertThat(seen.add("id-" + i, 1000 + i, 0)).isTrue();
        }
        assertThat(seen.size()).isEqualTo(3);
        assertThat(seen.snapshot()).containsOnlyKeys("id-2", "id-3", "id-4");
        assertThat(seen.add("id-4", 1004, 0)).isFalse();

        seen.add("id-5", 2000, 1004);

        assertThat(seen.snapshot()).as("ids older than the window are forgotten").containsOnlyKeys("id-4", "id-5");
    }

    @Test
    public void shouldNeverShowTheSecret() {
        assertThat(verifier.toString()).doesNotContain(SECRET);
        assertThat(deliver(signed(SECRET, NOW.getEpochSecond(), BODY, "x"), BODY).outcome())
                .isEqualTo(Outcome.UNAUTHENTICATED);
    }
}
