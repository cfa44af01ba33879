package io.mlcd.validation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every metric {@code mlcd validate} can compute, with its direction and the qualifier it takes.
 * Definitions follow scikit-learn (metrics) and fairlearn (fairness); docs/validate.md lists them.
 */
public enum ValidationMetric {
    ROW_COUNT("rows evaluated", Tendency.NEUTRAL, Qualifier.NONE),
    ACCURACY("share of rows whose predicted class equals the label", Tendency.LARGER_IS_BETTER, Qualifier.SLICE),
    PRECISION("TP / (TP + FP); 0 when nothing is predicted positive", Tendency.LARGER_IS_BETTER, Qualifier.SLICE),
    RECALL("TP / (TP + FN); 0 when there are no positives", Tendency.LARGER_IS_BETTER, Qualifier.SLICE),
    F1("2TP / (2TP + FP + FN); 0 when the denominator is 0", Tendency.LARGER_IS_BETTER, Qualifier.SLICE),
    ROC_AUC("area under the ROC curve, ties count one half", Tendency.LARGER_IS_BETTER, Qualifier.NONE),
    PR_AUC("average precision: sum of (R_n - R_n-1) * P_n, no interpolation", Tendency.LARGER_IS_BETTER,
            Qualifier.NONE),
    LOG_LOSS("mean negative log-likelihood, scores clipped to [eps, 1 - eps]", Tendency.SMALLER_IS_BETTER,
            Qualifier.NONE),
    BRIER("mean squared difference between score and label", Tendency.SMALLER_IS_BETTER, Qualifier.NONE),
    SELECTION_RATE("share of rows predicted positive", Tendency.NEUTRAL, Qualifier.SLICE),
    TRUE_POSITIVE_RATE("TP / (TP + FN) within a slice", Tendency.LARGER_IS_BETTER, Qualifier.SLICE),
    FALSE_POSITIVE_RATE("FP / (FP + TN) within a slice", Tendency.SMALLER_IS_BETTER, Qualifier.SLICE),
    F1_MACRO("unweighted mean of per-class F1", Tendency.LARGER_IS_BETTER, Qualifier.NONE),
    F1_WEIGHTED("per-class F1 weighted by class support", Tendency.LARGER_IS_BETTER, Qualifier.NONE),
    RMSE("root mean squared error", Tendency.SMALLER_IS_BETTER, Qualifier.NONE),
    MAE("mean absolute error", Tendency.SMALLER_IS_BETTER, Qualifier.NONE),
    R2("coefficient of determination; 1.0 or 0.0 for constant labels", Tendency.LARGER_IS_BETTER,
            Qualifier.NONE),
    MAPE("mean of |y - y_pred| / max(|y|, eps), as a fraction", Tendency.SMALLER_IS_BETTER, Qualifier.NONE),
    DEMOGRAPHIC_PARITY_DIFFERENCE("max - min selection rate across groups", Tendency.SMALLER_IS_BETTER,
            Qualifier.GROUP),
    DEMOGRAPHIC_PARITY_RATIO("min / max selection rate across groups", Tendency.LARGER_IS_BETTER,
            Qualifier.GROUP),
    EQUALIZED_ODDS_DIFFERENCE("larger of the TPR and FPR differences across groups",
            Tendency.SMALLER_IS_BETTER, Qualifier.GROUP),
    EQUALIZED_ODDS_RATIO("smaller of the TPR and FPR ratios across groups", Tendency.LARGER_IS_BETTER,
            Qualifier.GROUP),
    EQUAL_OPPORTUNITY_DIFFERENCE("max - min TPR across groups", Tendency.SMALLER_IS_BETTER, Qualifier.GROUP),
    EQUAL_OPPORTUNITY_RATIO("min / max TPR across groups", Tendency.LARGER_IS_BETTER, Qualifier.GROUP),
    ROC_AUC_DELTA("challenger roc_auc - baseline roc_auc on the same rows", Tendency.LARGER_IS_BETTER,
            Qualifier.NONE),
    ROC_AUC_DELTA_CI_LOWER("lower end of the 95% DeLong confidence interval of roc_auc_delta",
            Tendency.LARGER_IS_BETTER, Qualifier.NONE),
    ROC_AUC_DELTA_CI_UPPER("upper end of the 95% DeLong confidence interval of roc_auc_delta",
            Tendency.LARGER_IS_BETTER, Qualifier.NONE),
    ROC_AUC_DELTA_P_VALUE("two-sided DeLong p-value of roc_auc_delta", Tendency.NEUTRAL, Qualifier.NONE),
    ACCURACY_DELTA("challenger accuracy - baseline accuracy on the same rows", Tendency.LARGER_IS_BETTER,
            Qualifier.NONE),
    ACCURACY_DELTA_CI_LOWER("lower end of the 95% paired (Wald) confidence interval of accuracy_delta",
            Tendency.LARGER_IS_BETTER, Qualifier.NONE),
    ACCURACY_DELTA_CI_UPPER("upper end of the 95% paired (Wald) confidence interval of accuracy_delta",
            Tendency.LARGER_IS_BETTER, Qualifier.NONE),
    ACCURACY_DELTA_P_VALUE("two-sided exact McNemar p-value of accuracy_delta", Tendency.NEUTRAL,
            Qualifier.NONE);

    /** What may stand in brackets after the metric name. */
    public enum Qualifier {
        /** Nothing: {@code roc_auc}. */
        NONE,
        /** A group column: {@code demographic_parity_difference[sex]}. */
        GROUP,
        /** Optionally one slice: {@code recall} or {@code recall[sex=F]}. */
        SLICE
    }

    private final String definition;
    private final Tendency tendency;
    private final Qualifier qualifier;

    ValidationMetric(final String definition, final Tendency tendency, final Qualifier qualifier) {
        this.definition = definition;
        this.tendency = tendency;
        this.qualifier = qualifier;
    }

    /** The name used in gates, reports and MLflow, e.g. {@code roc_auc}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String definition() {
        return definition;
    }

    public Tendency tendency() {
        return tendency;
    }

    public Qualifier qualifier() {
        return qualifier;
    }

    public static Optional<ValidationMetric> byId(final String id) {
        return Arrays.stream(values()).filter(metric -> metric.id().equals(id)).findFirst();
    }
}
