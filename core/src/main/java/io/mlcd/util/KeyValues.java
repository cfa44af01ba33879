package io.mlcd.util;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses repeatable {@code KEY=VALUE} options such as {@code --column-test income=psi}, for the
 * command line and the Jenkins steps alike.
 */
public final class KeyValues {
    private KeyValues() {
    }

    public static <T> Map<String, T> parse(final String option, final List<String> pairs, final Function<String, T> value) {
        var result = new LinkedHashMap<String, T>();
        for (String pair : pairs) {
            var equals = pair.lastIndexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new InputException("%s expects COLUMN=VALUE, got '%s'", option, pair);
            }
            put(option, result, pair.substring(0, equals), value.apply(pair.substring(equals + 1)));
        }
        return result;
    }

    /** {@code KEY=VALUE} tags: split at the first {@code =}, since a value may hold one (a URL), a key may not. */
    public static Map<String, String> tags(final String option, final List<String> pairs) {
        var result = new LinkedHashMap<String, String>();
        for (String pair : pairs) {
            var equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InputException("%s expects KEY=VALUE, got '%s'", option, pair);
            }
            put(option, result, pair.substring(0, equals), pair.substring(equals + 1));
        }
        return result;
    }

    /** A number value, read the one way user numbers are read ({@link Numbers#parse}). */
    public static double number(final String option, final String text) {
        return Numbers.parse(option, text);
    }

    /** A key given twice would silently lose one of its values; which one the user meant is unknown. */
    private static <T> void put(final String option, final Map<String, T> result, final String key, final T value) {
        if (result.containsKey(key)) {
            throw new InputException("%s names '%s' twice", option, key);
        }
        result.put(key, value);
    }
}
