package io.mlcd.util;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from outside (server answers, file contents, expressions typed by someone else) made fit
 * for a terminal, a CI log or an exception message: one line, control characters and escape
 * sequences shown instead of obeyed ({@code ESC} as {@code \e}, a newline as {@code \n}, others
 * as {@code \u001b}-style codes), cut to a length with a marker saying how much was left out, an
 * HTML page reduced to its title or its text, and user names and passwords removed from URIs.
 * Display only: the result is not meant to be turned back into the original.
 */
public final class SafeText {
    /** The longest message line: a message may quote a few things, each cut at {@link #QUOTE_LIMIT}. */
    public static final int LINE_LIMIT = 2_000;
    /** The longest piece of outside text quoted inside a message (a server's answer, an expression). */
    public static final int QUOTE_LIMIT = 300;

    /** How much of an answer is searched for an HTML page's title and text. */
    private static final int HTML_SCAN = 65_536;
    private static final Pattern SCHEME_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*:)?//[^\\s/?#'\"<>]*@");
    /** {@code user:password@host} without a scheme; a colon is required, so an e-mail address stays as it is. */
    private static final Pattern BARE_USER_INFO =
            Pattern.compile("(^|[\\s'\"(<=,])[^\\s/?#'\"<>@:,]+:[^\\s/?#'\"<>@]*@(?=[\\w\\[])");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|#39|apos|nbsp);");
    private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "#39", "'", "apos", "'", "nbsp", " ");

    private SafeText() {
    }

    /** One line of at most {@link #LINE_LIMIT} characters. */
    public static String line(final CharSequence text) {
        return line(text, LINE_LIMIT);
    }

    /**
     * One line: line breaks, escape sequences and other control or direction-changing characters
     * made visible; longer text is cut at {@code limit} characters, ending in
     * {@code ... [cut 9,999 chars]}.
     */
    public static String line(final CharSequence text, final int limit) {
        var result = new StringBuilder(Math.min(text.length(), limit) + 32);
        var length = text.length();
        for (int i = 0; i < length; i++) {
            var c = text.charAt(i);
            var shown = visible(c);
            if (result.length() + (shown == null ? 1 : shown.length()) > limit
                    || Character.isHighSurrogate(c) && result.length() + 2 > limit) {
                return result.append("... [cut ").append(String.format(Locale.ROOT, "%,d", length - i))
                        .append(" chars]").toString();
            }
            if (shown == null) {
                result.append(c);
            }
            else {
                result.append(shown);
            }
        }
        return result.toString();
    }

    /**
     * Outside text to be quoted in a message, e.g. an error answer: an HTML page becomes
     * {@code HTML page: <its title>} (or its text without tags), anything else is stripped of
     * surrounding white space; then one line of at most {@link #QUOTE_LIMIT} characters.
     */
    public static String quote(final String text) {
        var head = text.length() > HTML_SCAN ? text.substring(0, HTML_SCAN) : text;
        var lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body")
                || lower.contains("<title")) {
            var title = title(head, lower);
            var summary = title.isEmpty() ? collapse(withoutTags(head)) : title;
            return line("HTML page" + (summary.isEmpty() ? "" : ": " + summary), QUOTE_LIMIT);
        }
        return line(text.strip(), QUOTE_LIMIT);
    }

    /** A server address to print: one line, without any user name or password, even where {@code java.net.URI} cannot parse it. */
    public static String uri(final Object address) {
        return line(withoutUserInfo(String.valueOf(address)), QUOTE_LIMIT);
    }

    /**
     * Removes the user information of every URI in a text: {@code scheme://user:password@host},
     * {@code //user@host} and {@code user:password@host:port} lose the part up to the {@code @}.
     */
    public static String withoutUserInfo(final String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        var schemeless = BARE_USER_INFO.matcher(text).replaceAll("$1");
        return SCHEME_USER_INFO.matcher(schemeless).replaceAll(match ->
                Matcher.quoteReplacement((match.group(1) == null ? "" : match.group(1)) + "//"));
    }

    private static String visible(final char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\u001b':
                return "\\e";
            default:
                break;
        }
        if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || c >= '\u2028' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\ufeff') {
            return String.format(Locale.ROOT, "\\u%04x", (int) c);
        }
        return null;
    }

    private static String title(final String html, final String lower) {
        var open = lower.indexOf("<title");
        var start = open < 0 ? -1 : lower.indexOf('>', open);
        var end = start < 0 ? -1 : lower.indexOf("</title", start);
        return end < 0 ? "" : collapse(html.substring(start + 1, end));
    }

    /** The text of an HTML fragment: scripts, styles and tags left out, in one linear pass. */
    private static String withoutTags(final String html) {
        var lower = html.toLowerCase(Locale.ROOT);
        var text = new StringBuilder(html.length());
        var i = 0;
        while (i < html.length()) {
            var c = html.charAt(i);
            if (c != '<') {
                text.append(c);
                i++;
                continue;
            }
            var skipTo = lower.startsWith("<script", i) ? lower.indexOf("</script", i)
                    : lower.startsWith("<style", i) ? lower.indexOf("</style", i) : i;
            var close = skipTo < 0 ? -1 : html.indexOf('>', skipTo);
            if (close < 0) {
                break;
            }
            text.append(' ');
            i = close + 1;
        }
        return text.toString();
    }

    private static String collapse(final String text) {
        var decoded = ENTITY.matcher(text).replaceAll(entity -> Matcher.quoteReplacement(ENTITIES.get(entity.group(1))));
        return decoded.replaceAll("\\s+", " ").strip();
    }
}
