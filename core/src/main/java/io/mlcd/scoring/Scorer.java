package io.mlcd.scoring;

/** Gets a model's predictions for rows. */
public interface Scorer extends AutoCloseable {
    /**
     * Scores all rows, in batches, retried as the options say.
     *
     * @return one prediction per row, in row order
     * @throws ScoringException when any batch finally fails: there is never a partial answer
     */
    Predictions score(Frame rows);

    @Override
    void close();
}
