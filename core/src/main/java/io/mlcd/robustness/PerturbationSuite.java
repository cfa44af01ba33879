package io.mlcd.robustness;

import io.mlcd.drift.Profile;
import io.mlcd.scoring.Frame;
import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The perturbations of one run, each checked against the rows. The default suite covers every
 * column: numeric ones get noise at {@link #NOISE_LEVELS} and a shift of +1 spread; categorical
 * ones (text, or few-valued numbers without spread) a swap; every column missing; one random
 * column per row missing ({@code missing:*}); and all columns at once at {@link #ALL_LEVEL}.
 */
public record PerturbationSuite(List<Perturbation> perturbations) {
    public static final double[] NOISE_LEVELS = {0.05, 0.1, 0.25};
    public static final double SHIFT_LEVEL = 1;
    public static final double ALL_LEVEL = 0.05;
    /** The spec that stands for the default suite in {@code --perturb}, so that specs can add to it. */
    public static final String DEFAULTS = "defaults";

    public PerturbationSuite {
        perturbations = List.copyOf(perturbations);
    }

    public static PerturbationSuite defaults(final Frame frame, final Optional<Profile> profile) {
        return defaults(frame, Bounds.of(frame, profile));
    }

    public static PerturbationSuite defaults(final Frame frame, final Bounds bounds) {
        var suite = new ArrayList<Perturbation>();
        for (ColumnBounds column : bounds.all()) {
            if (column.canMove()) {
                for (double level : NOISE_LEVELS) {
                    suite.add(new Perturbation.Noise(column.name(), level));
                }
                suite.add(new Perturbation.Shift(column.name(), SHIFT_LEVEL));
            }
            else if (column.canSwap()) {
                suite.add(new Perturbation.Swap(column.name()));
            }
            suite.add(new Perturbation.Missing(column.name()));
        }
        if (frame.columns().size() > 1) {
            suite.add(new Perturbation.Missing(Perturbation.EVERY));
            suite.add(new Perturbation.All(ALL_LEVEL));
        }
        return new PerturbationSuite(suite);
    }

    /**
     * The suite the user chose with {@code --perturb}: exactly the specs given ({@value #DEFAULTS}
     * standing for the default suite), without duplicates, in the order given; none given means
     * the defaults. Every spec is checked against the rows.
     */
    public static PerturbationSuite of(final List<String> specs, final Frame frame, final Bounds bounds) {
        if (specs.isEmpty()) {
            return defaults(frame, bounds);
        }
        var chosen = new LinkedHashMap<String, Perturbation>();
        for (String spec : specs) {
            if (spec.strip().equals(DEFAULTS)) {
                defaults(frame, bounds).perturbations().forEach(p -> chosen.putIfAbsent(p.id(), p));
                continue;
            }
            var perturbation = Perturbation.parse(spec);
            check(perturbation, frame, bounds);
            chosen.putIfAbsent(perturbation.id(), perturbation);
        }
        return new PerturbationSuite(new ArrayList<>(chosen.values()));
    }

    public List<String> ids() {
        return perturbations.stream().map(Perturbation::id).toList();
    }

    public Optional<Perturbation> byId(final String id) {
        return perturbations.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Refuses a spec that names no column of the rows, or one it cannot change. */
    static void check(final Perturbation perturbation, final Frame frame, final Bounds bounds) {
        var id = perturbation.id();
        var name = perturbation.column();
        if (name.isPresent() && !frame.columns().contains(name.get())) {
            throw new InputException("--perturb '%s': no column '%s' in the data (columns: %s)", id, name.get(),
                    String.join(", ", frame.columns()));
        }
        if (name.isEmpty()) {
            var any = perturbation instanceof Perturbation.Noise || perturbation instanceof Perturbation.Shift
                    ? bounds.all().stream().anyMatch(ColumnBounds::canMove)
                    : !(perturbation instanceof Perturbation.Swap) || bounds.all().stream().anyMatch(Perturber::isCategorical);
            if (!any) {
                throw new InputException("--perturb '%s': no column of the data can be changed this way", id);
            }
            return;
        }
        var column = bounds.column(name.get());
        if (perturbation instanceof Perturbation.Noise || perturbation instanceof Perturbation.Shift) {
            if (!column.numeric()) {
                throw new InputException("--perturb '%s': column '%s' is not numeric; use swap:%s", id, name.get(),
                        name.get());
            }
            if (!column.canMove()) {
                throw new InputException("--perturb '%s': column '%s' has no spread (its IQR and MAD are 0), so "
                        + "noise and shifts would change nothing", id, name.get());
            }
        }
        if (perturbation instanceof Perturbation.Swap && !column.canSwap()) {
            throw new InputException("--perturb '%s': column '%s' has no two frequent values to swap%s", id,
                    name.get(), column.numeric() ? " (a numeric column needs at most " + ColumnBounds.FREQUENT
                            + " distinct values)" : "");
        }
    }
}
