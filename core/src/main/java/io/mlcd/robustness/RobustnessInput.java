package io.mlcd.robustness;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import io.mlcd.gate.Policy;
import io.mlcd.scoring.Frame;
import io.mlcd.scoring.Scorer;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of a robustness run read and checked before any model is reached: features, labels,
 * the training profile, every column's bounds and the perturbations. Its
 * {@link #catalog()} lets gates be checked against the run's perturbations before scoring starts.
 */
public final class RobustnessInput {
    private final Frame rows;
    @CheckForNull
    private final Labels labels;
    @CheckForNull
    private final Profile profile;
    private final Bounds bounds;
    private final PerturbationSuite suite;

    private RobustnessInput(final Frame rows, @CheckForNull final Labels labels, @CheckForNull final Profile profile,
            final Bounds bounds, final PerturbationSuite suite) {
        this.rows = rows;
        this.labels = labels;
        this.profile = profile;
        this.bounds = bounds;
        this.suite = suite;
    }

    /**
     * Reads the rows and the profile and chooses the perturbations.
     *
     * @param label   the label column (not sent to the model), or null
     * @param drop    further columns that are not features
     * @param profile the training profile file ({@code mlcd profile}), or null to bound perturbations by the rows
     * @param specs   {@code --perturb} specs; empty for the default suite
     */
    public static RobustnessInput read(final Path data, @CheckForNull final String label, final List<String> drop,
            @CheckForNull final Path profile, final List<String> specs, final Progress progress) {
        var all = Frame.read(data, drop, progress);
        if (all.rows() == 0) {
            throw new InputException("%s has no rows to perturb", data);
        }
        Labels labels = null;
        var features = all;
        if (label != null) {
            var column = all.column(label);
            var values = new String[all.rows()];
            for (int r = 0; r < values.length; r++) {
                values[r] = all.text(column, r);
            }
            labels = new Labels(label, values);
            features = all.without(List.of(label));
        }
        if (features.columns().isEmpty()) {
            throw new InputException("%s has no feature columns besides the label and the dropped ones", data);
        }
        var training = profile == null ? null : ProfileJson.read(profile);
        var bounds = Bounds.of(features, Optional.ofNullable(training));
        return new RobustnessInput(features, labels, training, bounds, PerturbationSuite.of(specs, features, bounds));
    }

    public Frame rows() {
        return rows;
    }

    public PerturbationSuite suite() {
        return suite;
    }

    /** The gate metrics of this run, its perturbations in brackets. */
    public RobustnessCatalog catalog() {
        return new RobustnessCatalog(suite.ids());
    }

    /** The feature columns the training profile does not describe with their type: bounded by the rows instead. */
    public List<String> unprofiled() {
        var names = new ArrayList<String>();
        if (profile != null) {
            bounds.all().stream().filter(column -> column.source().equals("data")).forEach(column -> names.add(column.name()));
        }
        return names;
    }

    public RobustnessResult run(final Scorer scorer, final Perturber perturber, final RobustnessOptions options,
            final Policy policy, final RobustnessRunner.Listener listener) {
        return new RobustnessRunner(scorer, perturber, options, listener).run(rows, labels, bounds,
                Optional.ofNullable(profile), suite, policy);
    }
}
