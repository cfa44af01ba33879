package io.mlcd.validation;

import io.mlcd.data.Dictionary;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.util.Arrays;

/**
 * What validation keeps of one predictions file. Binary metrics come from a streaming
 * {@link BinaryTally}; row-level arrays (labels and predictions as class codes or numbers, ids)
 * are kept only where rows must be revisited: pairing with a baseline, or multiclass and
 * regression evaluation. Filled once by {@link PredictionReader}, then only read.
 */
final class PredictionRows {
    private static final int INITIAL = 1 << 12;

    final String file;
    final Task task;
    /** Classes seen in labels and predictions (classification only). */
    final Dictionary classes;
    final Dictionary[] groups;
    final boolean hasScores;
    final boolean keepsRows;
    @CheckForNull
    final BinaryTally tally;
    int size;
    int[] labels;
    /** Regression labels. */
    double[] values;
    /** Regression predictions. */
    double[] estimates;
    double[] scores;
    int[] predicted;
    @CheckForNull
    String[] ids;

    PredictionRows(final String file, final Task task, final ValidationSpec spec, final boolean keepsRows) {
        this.file = file;
        this.task = task;
        this.hasScores = spec.score() != null;
        this.keepsRows = keepsRows || task != Task.BINARY;
        this.classes = new Dictionary(task == Task.BINARY ? 2 : 1000,
                task == Task.BINARY ? "classes for a binary task (use --task multiclass?)" : "classes");
        this.groups = new Dictionary[spec.groups().size()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = new Dictionary(10_000, "values in a group column");
        }
        this.tally = task == Task.BINARY ? new BinaryTally(hasScores, spec.decisionThreshold(), groups.length) : null;
        if (this.keepsRows) {
            if (task == Task.REGRESSION) {
                values = new double[INITIAL];
                estimates = new double[INITIAL];
            }
            else {
                labels = new int[INITIAL];
                if (hasScores) {
                    scores = new double[INITIAL];
                }
                else {
                    predicted = new int[INITIAL];
                }
            }
        }
        ids = spec.id() != null ? new String[INITIAL] : null;
    }

    /** Makes room for one more row in the row-level arrays. */
    void ensureRoom() {
        var capacity = ids != null ? ids.length : labels != null ? labels.length : values != null ? values.length
                : Integer.MAX_VALUE;
        if (size < capacity) {
            return;
        }
        if (capacity >= Integer.MAX_VALUE - 16) {
            throw new InputException("%s has more than %d rows; split the file", file, capacity);
        }
        var grown = (int) Math.min(Integer.MAX_VALUE - 16L, capacity + (capacity >> 1) + 1L);
        labels = labels == null ? null : Arrays.copyOf(labels, grown);
        values = values == null ? null : Arrays.copyOf(values, grown);
        estimates = estimates == null ? null : Arrays.copyOf(estimates, grown);
        scores = scores == null ? null : Arrays.copyOf(scores, grown);
        predicted = predicted == null ? null : Arrays.copyOf(predicted, grown);
        ids = ids == null ? null : Arrays.copyOf(ids, grown);
    }
}
