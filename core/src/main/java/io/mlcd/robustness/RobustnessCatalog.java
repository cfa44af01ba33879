package io.mlcd.robustness;

import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.MetricKey;
import io.mlcd.util.InputException;
import java.util.List;
import java.util.Optional;

/**
 * The gate metrics of {@code mlcd robustness}: a {@link Measure} of one perturbation of the run
 * ({@code flip_rate[noise:income:0.1]}; the spec in brackets is read as {@code --perturb} reads it,
 * so {@code 0.10} names the same perturbation as {@code 0.1}), its maximum over all perturbations
 * ({@code max_flip_rate}), and {@code weak_segments}, the number of significant weak segments.
 */
public final class RobustnessCatalog implements MetricCatalog {
    public static final String WEAK_SEGMENTS = "weak_segments";

    private final List<String> ids;

    /** @param ids the ids of the run's perturbations */
    public RobustnessCatalog(final List<String> ids) {
        this.ids = List.copyOf(ids);
    }

    @Override
    public Optional<String> problemWith(final MetricKey key) {
        var name = key.name();
        if (name.equals(WEAK_SEGMENTS) || name.startsWith(Measure.MAX)
                && Measure.byId(name.substring(Measure.MAX.length())).isPresent()) {
            return key.qualifier() == null ? Optional.empty() : Optional.of(name + " takes no brackets");
        }
        if (Measure.byId(name).isEmpty()) {
            return Optional.of("unknown robustness metric '" + name + "'; known: " + known());
        }
        if (key.qualifier() == null) {
            return Optional.of(name + " needs a perturbation in brackets, e.g. " + name + "["
                    + (ids.isEmpty() ? "noise:income:0.1" : ids.get(0)) + "], or use " + Measure.MAX + name);
        }
        return canonical(key.qualifier()).filter(ids::contains).isPresent() ? Optional.empty()
                : Optional.of("no perturbation '" + key.qualifier() + "' in this run (add it with --perturb); the run's "
                        + ids.size() + " perturbations are " + String.join(", ", nearest(key.qualifier())));
    }

    /**
     * The run's ids, those of the same column (or kind) as the qualifier first: the message may be
     * cut, and these are the ones the user probably meant.
     */
    private List<String> nearest(final String qualifier) {
        var parts = qualifier.split(":");
        var column = parts.length > 1 ? parts[1] : qualifier;
        var kind = parts[0];
        var sorted = new java.util.ArrayList<>(ids);
        sorted.sort(java.util.Comparator.comparingInt(id -> {
            var own = id.split(":");
            return own.length > 1 && own[1].equals(column) ? 0 : own[0].equals(kind) ? 1 : 2;
        }));
        return sorted;
    }

    /** The id of the perturbation a qualifier names, empty when it is no valid spec. */
    static Optional<String> canonical(final String qualifier) {
        try {
            return Optional.of(Perturbation.parse(qualifier).id());
        }
        catch (InputException e) {
            return Optional.empty();
        }
    }

    private static String known() {
        var names = new java.util.ArrayList<String>();
        for (Measure measure : Measure.values()) {
            names.add(measure.id() + "[P]");
            names.add(Measure.MAX + measure.id());
        }
        names.add(WEAK_SEGMENTS);
        return String.join(", ", names);
    }
}
