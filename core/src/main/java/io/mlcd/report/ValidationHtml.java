package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;

/** The HTML view of validate.json (being written). */
public final class ValidationHtml {
    private ValidationHtml() {
    }

    public static String of(final JsonNode report) {
        return "<!DOCTYPE html><title>mlcd validate</title><pre>" + report.path("summary").asText()
                .replace("&", "&amp;").replace("<", "&lt;") + "</pre>";
    }
}
