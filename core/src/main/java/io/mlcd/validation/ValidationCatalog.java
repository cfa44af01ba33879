package io.mlcd.validation;

import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.MetricKey;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/** Accepts gate metrics that {@code mlcd validate} knows, with the qualifier each one takes. */
public final class ValidationCatalog implements MetricCatalog {
    @Override
    public Optional<String> problemWith(final MetricKey key) {
        var metric = ValidationMetric.byId(key.name());
        if (metric.isEmpty()) {
            return Optional.of("unknown metric '" + key.name() + "'" + suggestion(key.name()));
        }
        var qualifier = metric.get().qualifier();
        if (key.qualifier() == null) {
            return qualifier == ValidationMetric.Qualifier.GROUP
                    ? Optional.of(key.name() + " needs a group column in brackets, e.g. " + key.name() + "[sex]")
                    : Optional.empty();
        }
        return switch (qualifier) {
            case NONE -> Optional.of(key.name() + " takes no brackets");
            case GROUP -> key.isSlice()
                    ? Optional.of(key.name() + " takes a group column in brackets, not a slice: "
                            + key.name() + "[" + key.qualifier().substring(0, key.qualifier().indexOf('=')) + "]")
                    : Optional.empty();
            case SLICE -> key.isSlice()
                    ? Optional.empty()
                    : Optional.of(key.name() + " takes a slice in brackets, e.g. " + key.name() + "["
                            + key.qualifier() + "=value]");
        };
    }

    /** The closest known name, when it is close enough to be the one meant. */
    private static String suggestion(final String name) {
        return Arrays.stream(ValidationMetric.values())
                .map(ValidationMetric::id)
                .min(Comparator.comparingInt(id -> distance(id, name)))
                .filter(id -> distance(id, name) <= Math.max(2, name.length() / 3))
                .map(id -> " (did you mean " + id + "?)")
                .orElse("; see docs/validate.md for the list");
    }

    private static int distance(final String a, final String b) {
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                var cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
