package io.mlcd.report;

/**
 * Writes HTML and inline SVG with every text and attribute value escaped, so that report data
 * (file names, columns, group values, messages) can only ever land in the page as text. Markup
 * comes only from the tag and attribute names this package writes.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(16_384);

    /** Escapes the five characters that are special in HTML text and in quoted attribute values. */
    static String escape(final CharSequence text) {
        var escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * Opens an element.
     *
     * @param attributes name, value pairs; a pair whose value is null is left out
     */
    Html open(final String tag, final String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** A void element such as {@code <meta>}, or an SVG element without content. */
    Html empty(final String tag, final String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    Html close(final String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    Html text(final String text) {
        out.append(escape(text));
        return this;
    }

    /** An element holding only text. */
    Html element(final String tag, final String text, final String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** Trusted markup: a constant of this package or the result of another {@link Html}. */
    Html raw(final String markup) {
        out.append(markup);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void attributes(final String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs, got " + attributes.length);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }
}
