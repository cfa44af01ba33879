package io.mlcd.validation;

import io.mlcd.util.InputException;
import java.util.HashMap;

/**
 * Pairs each predictions row with the baseline row for the same example: by the id column when
 * one is given, else by position. Both files must hold exactly the same rows with the same labels;
 * anything else means the models were not measured on the same data, and comparing them would
 * be meaningless.
 */
final class RowAlignment {
    private RowAlignment() {
    }

    /** @return for each predictions row, the index of its baseline row */
    static int[] align(final PredictionRows predictions, final PredictionRows baseline) {
        if (predictions.size != baseline.size) {
            throw new InputException("the baseline %s has %d rows but the predictions %s have %d; a baseline must "
                    + "hold predictions for the same rows", baseline.file, baseline.size, predictions.file,
                    predictions.size);
        }
        var map = predictions.ids == null ? byPosition(predictions.size) : byId(predictions, baseline);
        for (int i = 0; i < predictions.size; i++) {
            checkLabel(predictions, baseline, i, map[i]);
        }
        return map;
    }

    private static int[] byPosition(final int size) {
        var map = new int[size];
        for (int i = 0; i < size; i++) {
            map[i] = i;
        }
        return map;
    }

    private static int[] byId(final PredictionRows predictions, final PredictionRows baseline) {
        var index = new HashMap<String, Integer>(baseline.size * 2);
        for (int j = 0; j < baseline.size; j++) {
            index.put(baseline.ids[j], j);
        }
        var map = new int[predictions.size];
        for (int i = 0; i < predictions.size; i++) {
            var j = index.get(predictions.ids[i]);
            if (j == null) {
                throw new InputException("id '%s' of the predictions %s is missing from the baseline %s",
                        predictions.ids[i], predictions.file, baseline.file);
            }
            map[i] = j;
        }
        return map;
    }

    private static void checkLabel(final PredictionRows predictions, final PredictionRows baseline, final int i,
            final int j) {
        String mine;
        String theirs;
        if (predictions.task == Task.REGRESSION) {
            if (predictions.values[i] == baseline.values[j]) {
                return;
            }
            mine = Double.toString(predictions.values[i]);
            theirs = Double.toString(baseline.values[j]);
        }
        else {
            mine = predictions.classes.value(predictions.labels[i]);
            theirs = baseline.classes.value(baseline.labels[j]);
            if (mine.equals(theirs)) {
                return;
            }
        }
        var where = predictions.ids == null ? "row " + (i + 1) : "id '" + predictions.ids[i] + "'";
        throw new InputException("%s has label '%s' in the predictions %s but '%s' in the baseline %s; a baseline "
                + "must hold predictions for the same rows", where, mine, predictions.file, theirs, baseline.file);
    }
}
