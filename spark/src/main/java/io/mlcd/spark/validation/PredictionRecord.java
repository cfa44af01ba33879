package io.mlcd.spark.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;

/**
 * One predictions row as validation reads it, checked and canonical.
 *
 * @param order     the row's position in the data set's order (partition, then row in partition)
 * @param label     the label class (classification), canonical
 * @param score     the score (binary scorer), or the label value (regression)
 * @param predicted the predicted class (classification without scores), canonical
 * @param estimate  the predicted value (regression)
 * @param id        the id joining rows with a baseline, or null without --id
 * @param groups    the values of the --group columns, as written
 */
record PredictionRecord(long order, @CheckForNull String label, double score, @CheckForNull String predicted,
        double estimate, @CheckForNull String id, String[] groups) implements Serializable {
    private static final long serialVersionUID = 1L;
}
