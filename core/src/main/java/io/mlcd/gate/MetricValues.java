package io.mlcd.gate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The metric values of one model on one data set, keyed by {@link MetricKey#toString()}, in the
 * order they were added. NaN is a legitimate value (an undefined metric, e.g. roc_auc with one
 * class); a note can say why a value is undefined or absent.
 */
public final class MetricValues {
    private final Map<String, Double> values;
    private final Map<String, String> notes;

    private MetricValues(final Map<String, Double> values, final Map<String, String> notes) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    public static Builder builder() {
        return new Builder();
    }

    public OptionalDouble value(final MetricKey key) {
        var value = values.get(key.toString());
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Why a metric is absent or undefined, when the engine knows. */
    public Optional<String> note(final MetricKey key) {
        return Optional.ofNullable(notes.get(key.toString()));
    }

    /** All values in insertion order. */
    public Map<String, Double> asMap() {
        return values;
    }

    public Map<String, String> notes() {
        return notes;
    }

    /** Collects values; later puts of the same key replace earlier ones. */
    public static final class Builder {
        private final Map<String, Double> values = new LinkedHashMap<>();
        private final Map<String, String> notes = new LinkedHashMap<>();

        public Builder put(final MetricKey key, final double value) {
            values.put(key.toString(), value);
            return this;
        }

        public Builder put(final String name, final double value) {
            return put(MetricKey.of(name), value);
        }

        public Builder note(final MetricKey key, final String note) {
            notes.put(key.toString(), note);
            return this;
        }

        public Builder note(final String name, final String note) {
            return note(MetricKey.of(name), note);
        }

        public MetricValues build() {
            return new MetricValues(values, notes);
        }
    }
}
