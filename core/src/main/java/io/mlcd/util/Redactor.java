package io.mlcd.util;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Hides credentials: every occurrence of a secret, also as it appears URL-encoded or inside a
 * JSON string, becomes {@value #MASK}. Secrets are matched whatever their length, so that no
 * part of one is ever shown; the price of a one-letter password is a message full of masks.
 */
public final class Redactor {
    public static final String MASK = "****";
    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;
    private final Pattern pattern;

    private Redactor(final List<String> secrets) {
        this.secrets = secrets;
        this.pattern = Pattern.compile(secrets.stream().map(Pattern::quote).collect(Collectors.joining("|")));
    }

    /** Hides these secrets (null and blank ones are ignored). */
    public static Redactor of(final Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                forms.addAll(forms(secret));
            }
        }
        if (forms.isEmpty()) {
            return NONE;
        }
        // longest first, so that a secret inside another does not leave the rest of the longer one
        return new Redactor(forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** Hides nothing: no credential is configured. */
    public static Redactor none() {
        return NONE;
    }

    /** The text with every secret replaced by {@value #MASK}. */
    public String redact(final String text) {
        if (secrets.isEmpty() || text.isEmpty()) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /**
     * A message ready to print: secrets hidden, user names and passwords removed from the URIs in
     * it, then one line of at most {@link SafeText#LINE_LIMIT} characters.
     */
    public String message(final String text) {
        return SafeText.line(SafeText.withoutUserInfo(redact(text)));
    }

    /** The secret as it is, URL-encoded (both ways of writing a space) and escaped in a JSON string (with and without {@code \/}). */
    private static List<String> forms(final String secret) {
        var json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
        var url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return List.of(secret, json, json.replace("/", "\\/"), url, url.replace("+", "%20"));
    }

    @Override
    public String toString() {
        return "Redactor of " + secrets.size() + " forms of secrets"; // never the secrets themselves
    }
}
