package io.mlcd.robustness;

import java.util.Optional;

/**
 * The measures of one perturbation that gates read, each with a 95% interval and smaller is
 * better: {@code flip_rate[P]}, and {@code max_flip_rate} over all perturbations.
 */
public enum Measure {
    FLIP_RATE("flip_rate", "share of rows whose predicted class changed (Wilson interval)"),
    MEAN_ABS_CHANGE("mean_abs_change", "mean |perturbed - original| score or value (normal interval)"),
    MEAN_REL_CHANGE("mean_rel_change", "mean |perturbed - original| / |original| (normal interval)"),
    ROC_AUC_DROP("roc_auc_drop", "original roc_auc - perturbed roc_auc (DeLong paired interval)"),
    ACCURACY_DROP("accuracy_drop", "original accuracy - perturbed accuracy (paired Wald interval)"),
    RMSE_INCREASE("rmse_increase", "perturbed rmse - original rmse (delta-method paired interval)"),
    MAE_INCREASE("mae_increase", "perturbed mae - original mae (paired normal interval)");

    /** The prefix of the measures' maxima over all perturbations: {@code max_flip_rate}. */
    public static final String MAX = "max_";

    private final String id;
    private final String definition;

    Measure(final String id, final String definition) {
        this.id = id;
        this.definition = definition;
    }

    public String id() {
        return id;
    }

    public String definition() {
        return definition;
    }

    public static Optional<Measure> byId(final String id) {
        for (Measure measure : values()) {
            if (measure.id.equals(id)) {
                return Optional.of(measure);
            }
        }
        return Optional.empty();
    }

    /** The measure's estimate for one perturbation; empty when it was not measured (no label, other task). */
    public Optional<Estimate> of(final PerturbationResult result) {
        return switch (this) {
            case FLIP_RATE -> Optional.ofNullable(result.flipRate());
            case MEAN_ABS_CHANGE -> Optional.of(result.meanAbsChange());
            case MEAN_REL_CHANGE -> Optional.of(result.meanRelChange());
            default -> Optional.ofNullable(result.metricChanges().get(id));
        };
    }
}
