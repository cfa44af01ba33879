package io.mlcd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code [{key, value}]} lists MLflow uses for tags and params. */
final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static Map<String, String> pairs(final JsonNode array) {
        var map = new LinkedHashMap<String, String>();
        array.forEach(entry -> map.put(entry.path("key").asText(), entry.path("value").asText()));
        return map;
    }

    static ArrayNode pairs(final Map<String, String> map) {
        var array = NODES.arrayNode();
        map.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
        return array;
    }
}
