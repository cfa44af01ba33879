package io.mlcd.robustness;

import java.util.List;

/**
 * How strongly the model reacts to perturbations of one column alone: its largest flip rate and
 * largest mean absolute change over them, and the perturbation that gave the first (the second for
 * regression).
 */
public record ColumnSensitivity(String column, double maxFlipRate, double maxMeanAbsChange, String worst,
        List<String> perturbations) {
    public ColumnSensitivity {
        perturbations = List.copyOf(perturbations);
    }
}
