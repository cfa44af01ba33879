package io.mlcd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MLflow's webhook REST API ({@code /api/2.0/mlflow/webhooks}, MLflow 3.3 and later with a
 * database store; mlflow/protos/webhooks.proto): create, list and test webhooks. A server without
 * it (MLflow 2.x, or a file store) is named as such in the {@link MlflowException}. The secret is
 * sent once, on creation; MLflow never returns it.
 */
public final class Webhooks {
    private final MlflowHttp http;
    private final String server;

    Webhooks(final MlflowHttp http, final String server) {
        this.http = http;
        this.server = server;
    }

    /** A webhook as MLflow lists it (without its secret). */
    public record Webhook(String id, String name, String url, List<String> events, String status,
            long creationTimestamp) {
        public Webhook {
            events = List.copyOf(events);
        }

        static Webhook of(final JsonNode node) {
            var events = new ArrayList<String>();
            node.path("events").forEach(event -> events.add(event.path("entity").asText().toLowerCase(Locale.ROOT)
                    + "." + event.path("action").asText().toLowerCase(Locale.ROOT)));
            return new Webhook(node.path("webhook_id").asText(), node.path("name").asText(), node.path("url").asText(),
                    events, node.path("status").asText(), node.path("creation_timestamp").asLong());
        }
    }

    /** What MLflow's test delivery brought back from the webhook's URL. */
    public record TestResult(boolean success, int responseStatus, String responseBody, String errorMessage) {
    }

    /**
     * Creates an active webhook; not repeated on failure, since a second one would deliver every event twice.
     *
     * @param events MLflow's event names, e.g. {@code model_version.created}
     * @param secret the signing secret, or null for unsigned deliveries
     */
    public Webhook create(final String name, final String url, final List<String> events,
            @CheckForNull final String secret) {
        var body = Json.NODES.objectNode().put("name", name).put("url", url).put("status", "ACTIVE");
        var list = body.putArray("events");
        for (var event : events) {
            var parts = event.split("\\.", 2);
            if (parts.length != 2) {
                throw new InputException("'%s' is not an MLflow event name such as model_version.created", event);
            }
            list.addObject().put("entity", parts[0].toUpperCase(Locale.ROOT)).put("action",
                    parts[1].toUpperCase(Locale.ROOT));
        }
        if (secret != null) {
            body.put("secret", secret);
        }
        return Webhook.of(call(() -> http.postOnce("webhooks", body)).path("webhook"));
    }

    /** Every webhook of the server, page by page. */
    public List<Webhook> list() {
        var webhooks = new ArrayList<Webhook>();
        var token = "";
        do {
            var query = token.isEmpty() ? Map.of("max_results", "100") : Map.of("max_results", "100", "page_token", token);
            var page = call(() -> http.get("webhooks", query));
            page.path("webhooks").forEach(node -> webhooks.add(Webhook.of(node)));
            token = page.path("next_page_token").asText();
        }
        while (!token.isEmpty());
        return webhooks;
    }

    /** Asks MLflow to send the webhook an example event (of its first event type) and reports what came back. */
    public TestResult test(final String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InputException("'%s' is not a webhook id (see mlcd webhook list)", id);
        }
        var result = call(() -> http.post("webhooks/" + id + "/test", Json.NODES.objectNode())).path("result");
        return new TestResult(result.path("success").asBoolean(), result.path("response_status").asInt(),
                result.path("response_body").asText(), result.path("error_message").asText());
    }

    private JsonNode call(final java.util.function.Supplier<JsonNode> request) {
        try {
            return request.get();
        }
        catch (MlflowException e) {
            if (e.status() == 404 && !e.hasErrorCode("RESOURCE_DOES_NOT_EXIST")) {
                throw new MlflowException("MLflow at " + server + " has no webhook API (it came with MLflow 3.3): use "
                        + "mlcd watch --poll instead (" + e.getMessage() + ")", e.status(), null);
            }
            if (e.status() == 500 && !e.hasErrorCode("INTERNAL_ERROR")) {
                throw new MlflowException("MLflow at " + server + " failed on its webhook API, as a server with a file "
                        + "store does (only database stores keep webhooks): use mlcd watch --poll instead, or a "
                        + "database store (" + e.getMessage() + ")", e.status(), null);
            }
            throw e;
        }
    }
}
