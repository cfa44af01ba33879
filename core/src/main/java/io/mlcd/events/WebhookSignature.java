package io.mlcd.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MLflow's webhook signature (mlflow/webhooks/delivery.py, {@code _generate_hmac_signature}):
 * HMAC-SHA256 with the webhook's secret (its UTF-8 bytes, used as they are) over
 * {@code "{delivery_id}.{timestamp}.{payload}"}, base64, prefixed by the version {@code v1,}.
 * The payload is the body as sent, byte for byte: re-encoding the JSON would change it.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-MLflow-Signature";
    public static final String TIMESTAMP_HEADER = "X-MLflow-Timestamp";
    public static final String DELIVERY_ID_HEADER = "X-MLflow-Delivery-Id";
    public static final String VERSION = "v1";

    private WebhookSignature() {
    }

    /** The header value MLflow would send for this delivery, e.g. {@code v1,K7gNU3s…=}. */
    public static String sign(final String secret, final String deliveryId, final String timestamp, final byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(secret, deliveryId, timestamp, body));
    }

    /**
     * Whether the signature header holds a {@code v1} signature of this delivery. Several
     * space-separated signatures are allowed (Standard Webhooks' form, for a secret being
     * rotated); each is compared in constant time.
     */
    public static boolean matches(final String secret, final String deliveryId, final String timestamp,
            final byte[] body, final String header) {
        var expected = mac(secret, deliveryId, timestamp, body);
        var found = false;
        for (var signature : header.strip().split(" +")) {
            if (!signature.startsWith(VERSION + ",")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature.substring(VERSION.length() + 1));
            }
            catch (IllegalArgumentException e) {
                continue; // not base64: not a signature of ours
            }
            found |= MessageDigest.isEqual(expected, given);
        }
        return found;
    }

    private static byte[] mac(final String secret, final String deliveryId, final String timestamp, final byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((deliveryId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
