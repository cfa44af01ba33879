package io.mlcd.registry;

import io.mlcd.util.InputException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** MLflow's rules for aliases and tags, checked before anything is written (mlflow/utils/validation.py). */
final class Names {
    static final int KEY_LIMIT = 250;
    static final int VERSION_TAG_VALUE_LIMIT = 5000;
    private static final Pattern ALIAS = Pattern.compile("[\\w\\-]{1,255}", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern RESERVED_ALIAS = Pattern.compile("[vV]\\d+");
    private static final Pattern KEY = Pattern.compile("[\\w\\-. /:]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String CUT = "...[cut by mlcd]";

    private Names() {
    }

    static void checkModelName(final String name) {
        if (name.isBlank()) {
            throw new InputException("the model name must not be empty");
        }
    }

    static void checkAlias(final String alias) {
        if (!ALIAS.matcher(alias).matches() || RESERVED_ALIAS.matcher(alias).matches()
                || "latest".equals(alias.toLowerCase(Locale.ROOT))) {
            throw new InputException("'%s' cannot be an MLflow alias: use letters, digits, '_' and '-' (at most 255); "
                    + "'latest' and v<number> are reserved", alias);
        }
    }

    /** User-given tags are refused, not cut, when MLflow would reject them. */
    static void checkUserTags(final Map<String, String> tags) {
        tags.forEach((key, value) -> {
            if (key.startsWith("mlcd.")) {
                throw new InputException("tag key '%s' is reserved: mlcd.* tags are mlcd's records", key);
            }
            if (key.length() > KEY_LIMIT || !KEY.matcher(key).matches() || key.startsWith("/") || key.contains("..")) {
                throw new InputException("tag key '%s' is not allowed by MLflow: at most %d letters, digits, "
                        + "'_', '-', '.', ' ', '/' and ':'", key, KEY_LIMIT);
            }
            if (value.length() > VERSION_TAG_VALUE_LIMIT) {
                throw new InputException("the value of tag '%s' has %d characters; MLflow keeps at most %d on a "
                        + "model version", key, value.length(), VERSION_TAG_VALUE_LIMIT);
            }
        });
    }

    /** mlcd's own values (summaries, gate lists) are cut to the limit with a visible marker. */
    static String fit(final String value, final int limit) {
        return value.length() <= limit ? value : value.substring(0, limit - CUT.length()) + CUT;
    }
}
