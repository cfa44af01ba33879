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
            result.put(pair.substring(0, equals), value.apply(pair.substring(equals + 1)));
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
            result.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return result;
    }

    public static double number(final String option, final String text) {
        try {
            return Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            throw new InputException("%s: '%s' is not a number", option, text);
        }
    }
}
