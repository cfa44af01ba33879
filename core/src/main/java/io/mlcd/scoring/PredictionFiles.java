package io.mlcd.scoring;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Scores the rows of a data file with a served model (and a baseline model) and writes what
 * {@code mlcd validate} reads: a predictions file per model with the label, id and group columns
 * of the data plus one column of predictions, the same rows in the same order. A vector answer
 * is a score (its {@link AnswerFormat#scoreIndex()} component); a number or text answer is a
 * predicted class or value, unless the user names a {@code score} column. Temporary files go on
 * {@link #close()}.
 */
public final class PredictionFiles implements AutoCloseable {
    /** The column of predictions when the user names none. */
    public static final String SCORE_COLUMN = "mlcd_score";
    public static final String PREDICTION_COLUMN = "mlcd_prediction";

    private final Path predictions;
    @CheckForNull
    private final Path baseline;
    private final String column;
    private final boolean score;
    @CheckForNull
    private final Path temporary;

    private PredictionFiles(final Path predictions, @CheckForNull final Path baseline, final String column,
            final boolean score, @CheckForNull final Path temporary) {
        this.predictions = predictions;
        this.baseline = baseline;
        this.column = column;
        this.score = score;
        this.temporary = temporary;
    }

    /**
     * Scores and writes the files.
     *
     * @param scoreColumn      the user's --score: read the answers as scores, in a column of this name
     * @param predictionColumn the user's --prediction: read them as predicted classes or values
     * @param scorers          makes the scorer for a model URL (an {@link HttpScorer} with the spec's options)
     * @throws ScoringException when the model cannot be started or a batch finally fails
     */
    public static PredictionFiles score(final ScoringSpec spec, final String label, @CheckForNull final String id,
            final List<String> groups, @CheckForNull final String scoreColumn,
            @CheckForNull final String predictionColumn, final Function<URI, Scorer> scorers, final Progress progress) {
        if (scoreColumn != null && predictionColumn != null) {
            throw new InputException("give either --score or --prediction, not both");
        }
        var data = Frame.read(spec.data(), List.of(), progress);
        var name = spec.data().toString();
        var kept = new LinkedHashSet<String>();
        kept.add(label);
        if (id != null) {
            kept.add(id);
        }
        kept.addAll(groups);
        var notFeatures = new ArrayList<>(kept);
        notFeatures.removeAll(groups);
        notFeatures.addAll(spec.drop());
        for (String needed : concat(List.copyOf(kept), spec.drop())) {
            if (!data.columns().contains(needed)) {
                throw new InputException("%s has no column '%s' (columns: %s)", name, needed,
                        String.join(", ", data.columns()));
            }
        }
        var features = data.without(notFeatures);
        if (features.columns().isEmpty()) {
            throw new InputException("%s has no feature columns left to score (all are label, id or --drop)", name);
        }
        if (data.rows() == 0) {
            throw new InputException("%s has no rows to score", name);
        }
        var answers = scoreModel(spec, features, scorers);
        var baselineAnswers = spec.baselineUrl() == null ? null : scoreWith(scorers, spec.baselineUrl(), features);
        var asScore = scoreColumn != null || scoreColumn == null && predictionColumn == null && answers.isVector();
        var column = scoreColumn != null ? scoreColumn : predictionColumn != null ? predictionColumn
                : asScore ? SCORE_COLUMN : PREDICTION_COLUMN;
        if (kept.contains(column)) {
            throw new InputException("the predictions column '%s' is also the label, id or a group column: name it "
                    + "otherwise with %s", column, asScore ? "--score" : "--prediction");
        }
        var rows = data.without(data.columns().stream().filter(c -> !kept.contains(c)).toList());
        Path temporary = null;
        try {
            Path target = spec.savePredictions();
            Path baselineFile = null;
            if (target == null || baselineAnswers != null) {
                temporary = Files.createTempDirectory("mlcd-scored");
            }
            if (target == null) {
                target = temporary.resolve("predictions.csv");
            }
            with(rows, column, asScore, answers, "model", name).writeCsv(target);
            if (baselineAnswers != null) {
                baselineFile = temporary.resolve("baseline.csv");
                with(rows, column, asScore, baselineAnswers, "baseline model", name).writeCsv(baselineFile);
            }
            return new PredictionFiles(target, baselineFile, column, asScore, temporary);
        }
        catch (IOException | UncheckedIOException e) {
            delete(temporary);
            throw new InputException("cannot write the scored predictions: %s", e.getMessage());
        }
        catch (RuntimeException e) {
            delete(temporary);
            throw e;
        }
    }

    private static Predictions scoreModel(final ScoringSpec spec, final Frame features,
            final Function<URI, Scorer> scorers) {
        if (spec.modelUrl() != null) {
            return scoreWith(scorers, spec.modelUrl(), features);
        }
        try (var served = ServedModel.start(spec.deployCommand(), spec.name(), spec.version(),
                ServedModel.READY_WITHIN, null)) {
            return scoreWith(scorers, served.url(), features);
        }
    }

    private static Predictions scoreWith(final Function<URI, Scorer> scorers, final URI url, final Frame features) {
        try (var scorer = scorers.apply(url)) {
            return scorer.score(features);
        }
    }

    private static Frame with(final Frame rows, final String column, final boolean asScore,
            final Predictions answers, final String whose, final String data) {
        if (asScore) {
            if (!answers.hasScores()) {
                throw new InputException("the %s answered texts, not scores: read them with --prediction", whose);
            }
            var scores = new double[answers.size()];
            for (int row = 0; row < scores.length; row++) {
                scores[row] = answers.score(row);
                if (Double.isNaN(scores[row])) {
                    throw unanswered(whose, row, data);
                }
            }
            return rows.plusNumbers(column, scores);
        }
        if (answers.isVector()) {
            throw new InputException("the %s answered lists of %d numbers (class probabilities): read them as scores "
                    + "with --score COL and --score-index (binary), or serve a model that answers classes",
                    whose, answers.vectorLength());
        }
        var labels = new String[answers.size()];
        for (int row = 0; row < labels.length; row++) {
            labels[row] = answers.label(row);
            if (labels[row] == null) {
                throw unanswered(whose, row, data);
            }
        }
        return rows.plusTexts(column, labels);
    }

    private static InputException unanswered(final String whose, final int row, final String data) {
        return new InputException("the %s answered null for row %d of %s: no prediction to validate", whose, row + 1,
                data);
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The scored predictions of the model. */
    public Path predictions() {
        return predictions;
    }

    /** The scored predictions of the baseline model, or null without one. */
    @CheckForNull
    public Path baseline() {
        return baseline;
    }

    /** The column of predictions in both files. */
    public String column() {
        return column;
    }

    /** Whether that column holds scores (binary) rather than predicted classes or values. */
    public boolean isScore() {
        return score;
    }

    @Override
    public void close() {
        delete(temporary);
    }

    private static void delete(@CheckForNull final Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        }
        catch (IOException e) {
            // a temporary folder left behind is harmless; the result is what counts
        }
    }
}
