package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The frame every HTML report shares: the document head with the stylesheet and a
 * Content-Security-Policy that forbids scripts and fetches, the masthead with the verdict badge,
 * the facts of an inputs block, and the footer.
 */
final class Page {
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private Page() {
    }

    /** The document up to the opened {@code <main>}; {@link #end} closes it. */
    static Html start(final String title) {
        return start(title, "");
    }

    /**
     * The document up to the opened {@code <main>}, with rules of its own after the shared
     * stylesheet (a constant of this package, never report data).
     */
    static Html start(final String title, final String style) {
        return new Html().raw("<!DOCTYPE html>\n").open("html", "lang", "en").open("head")
                .empty("meta", "charset", "utf-8")
                .empty("meta", "http-equiv", "Content-Security-Policy", "content", POLICY)
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", title)
                .open("style").raw(PageStyle.CSS).raw(style).close("style").close("head").open("body").open("main");
    }

    /**
     * The masthead: the verdict as a badge in its colour, the heading, the one-line summary, and a
     * muted line of context (source and creation time; empty parts are left out).
     */
    static void masthead(final Html page, final String verdict, final String heading, final String summary,
            final String... context) {
        var line = Stream.of(context).filter(Objects::nonNull).filter(text -> !text.isEmpty())
                .collect(Collectors.joining(" · "));
        page.open("header", "class", "masthead " + tone(verdict))
                .element("span", verdict, "class", "badge verdict")
                .open("div").element("h1", heading)
                .element("p", summary, "class", "summary")
                .element("p", line, "class", "muted small")
                .close("div").close("header");
    }

    /** The footer naming the mlcd version and report schema, and the end of the document. */
    static String end(final Html page, final JsonNode report) {
        page.element("footer", "mlcd " + report.path("mlcd_version").asText("") + " · "
                + report.path("schema").asText(""));
        return page.close("main").close("body").close("html").raw("\n").toString();
    }

    /** One fact of an inputs block (a {@code dl class="facts"}); absent facts are left out rather than dashed. */
    static void fact(final Html page, final String term, @CheckForNull final String text, final boolean code) {
        if (text == null) {
            return;
        }
        page.open("div").element("dt", term).open("dd");
        if (code) {
            page.element("code", text);
        }
        else {
            page.text(text);
        }
        page.close("dd").close("div");
    }

    /** The text of a scalar, or null when the field is absent or null. */
    @CheckForNull
    static String text(final JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    /** A count or other number for a fact, or null when it is absent. */
    @CheckForNull
    static String number(final JsonNode node) {
        return node.isNumber() ? Format.number(node) : null;
    }

    /** The creation time and mlcd version facts that close every inputs block. */
    static void provenance(final Html page, final JsonNode report) {
        var created = text(report.path("created_at"));
        fact(page, "Created", created == null ? null : Format.time(created), false);
        fact(page, "mlcd version", text(report.path("mlcd_version")), false);
    }

    /**
     * PASSED green, WARNING amber, INCONCLUSIVE (a canary step's or gate's outcome) violet, FAILED red,
     * anything else grey.
     */
    static String tone(final String verdict) {
        return switch (verdict) {
            case "PASSED" -> "ok";
            case "WARNING" -> "warn";
            case "INCONCLUSIVE" -> "unsure";
            case "FAILED" -> "bad";
            default -> "neutral";
        };
    }
}
