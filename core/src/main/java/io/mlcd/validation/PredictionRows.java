package io.mlcd.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Arrays;

/**
 * The columns of one predictions file that validation needs, held as primitive arrays (about 12
 * bytes a row for a binary scorer): labels and predictions as class codes or numbers, group
 * codes, and ids when rows are joined by id. Filled once by {@link PredictionReader}, then only
 * read.
 */
final class PredictionRows {
    private static final int INITIAL = 1 << 12;

    final String file;
    final Task task;
    /** Classes seen in labels and predictions (classification only). */
    final Dictionary classes;
    final Dictionary[] groups;
    final boolean hasScores;
    int size;
    int[] labels = new int[INITIAL];
    /** Regression labels. */
    double[] values;
    /** Regression predictions. */
    double[] estimates;
    double[] scores;
    int[] predicted;
    int[][] groupCodes;
    @CheckForNull
    String[] ids;

    PredictionRows(final String file, final Task task, final boolean hasScores, final int groupCount,
            final boolean withIds) {
        this.file = file;
        this.task = task;
        this.hasScores = hasScores;
        this.classes = new Dictionary(task == Task.BINARY ? 2 : 1000,
                task == Task.BINARY ? "classes for a binary task (use --task multiclass?)" : "classes");
        this.groups = new Dictionary[groupCount];
        this.groupCodes = new int[groupCount][INITIAL];
        for (int g = 0; g < groupCount; g++) {
            groups[g] = new Dictionary(10_000, "values in a group column");
        }
        if (task == Task.REGRESSION) {
            labels = null;
            values = new double[INITIAL];
            estimates = new double[INITIAL];
        }
        else if (hasScores) {
            scores = new double[INITIAL];
        }
        else {
            predicted = new int[INITIAL];
        }
        ids = withIds ? new String[INITIAL] : null;
    }

    /** Makes room for one more row. */
    void ensureRoom() {
        var capacity = groupCodes.length > 0 ? groupCodes[0].length
                : labels != null ? labels.length : values.length;
        if (size < capacity) {
            return;
        }
        if (capacity >= Integer.MAX_VALUE - 16) {
            throw new io.mlcd.util.InputException("%s has more than %d rows; split the file", file, capacity);
        }
        var grown = (int) Math.min(Integer.MAX_VALUE - 16L, capacity + (capacity >> 1) + 1L);
        if (labels != null) {
            labels = Arrays.copyOf(labels, grown);
        }
        if (values != null) {
            values = Arrays.copyOf(values, grown);
        }
        if (estimates != null) {
            estimates = Arrays.copyOf(estimates, grown);
        }
        if (scores != null) {
            scores = Arrays.copyOf(scores, grown);
        }
        if (predicted != null) {
            predicted = Arrays.copyOf(predicted, grown);
        }
        for (int g = 0; g < groupCodes.length; g++) {
            groupCodes[g] = Arrays.copyOf(groupCodes[g], grown);
        }
        if (ids != null) {
            ids = Arrays.copyOf(ids, grown);
        }
    }
}
