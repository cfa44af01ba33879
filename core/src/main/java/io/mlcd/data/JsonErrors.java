package io.mlcd.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * Jackson's parse errors in a user's words: the line and the problem, without Jackson's class
 * names, its source excerpts or hints to enable parser options the user cannot set.
 */
public final class JsonErrors {
    /** ", from `StreamReadConstraints.getMaxNumberLength()`" after a limit. */
    private static final Pattern FROM_OPTION = Pattern.compile(",?\\s*from\\s*`[^`]*`");
    /** A parenthesised aside (one level of nesting) that names Jackson's types or quotes the source. */
    private static final Pattern ASIDE = Pattern.compile(
            "\\s*\\((?:[^()]|\\([^()]*\\))*?(?:`|\\[Source|Feature|not recognized)(?:[^()]|\\([^()]*\\))*\\)");
    private static final String[] INTERNALS = {": enable", "; enable", "`", "Feature", "jackson", "Jackson", "[Source"};

    private JsonErrors() {
    }

    /** What is wrong, in one line. */
    public static String describe(final JsonProcessingException e) {
        var text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        var newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        text = FROM_OPTION.matcher(text).replaceAll("");
        text = ASIDE.matcher(text).replaceAll("");
        for (String internal : INTERNALS) {
            var at = text.indexOf(internal);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        text = text.replaceAll("[\\s:;,(]+$", "");
        return text.isEmpty() ? "malformed JSON" : text;
    }

    /** The line of the error: where Jackson says, else where the parser stopped. */
    public static long line(final JsonProcessingException e, final JsonParser parser) {
        var location = e.getLocation();
        return location != null && location.getLineNr() > 0 ? location.getLineNr() : parser.currentLocation().getLineNr();
    }
}
