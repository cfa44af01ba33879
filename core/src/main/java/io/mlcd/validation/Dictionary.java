package io.mlcd.validation;

import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers the distinct values of a categorical column in order of first appearance. */
final class Dictionary {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private final int limit;
    private final String what;

    /**
     * @param limit most distinct values allowed
     * @param what  what the values are, for the error when there are too many
     */
    Dictionary(final int limit, final String what) {
        this.limit = limit;
        this.what = what;
    }

    /** The code of a value, adding it when new; too many values is an input error at that row. */
    int code(final String value, final String file, final long line) {
        var code = codes.get(value);
        if (code != null) {
            return code;
        }
        if (values.size() == limit) {
            throw new InputException("%s, line %d: more than %d distinct %s (%s, ...)", file, line, limit, what,
                    String.join(", ", values.subList(0, Math.min(5, values.size()))));
        }
        codes.put(value, values.size());
        values.add(value);
        return values.size() - 1;
    }

    int size() {
        return values.size();
    }

    String value(final int code) {
        return values.get(code);
    }

    List<String> values() {
        return List.copyOf(values);
    }

    int indexOf(final String value) {
        var code = codes.get(value);
        return code == null ? -1 : code;
    }
}
