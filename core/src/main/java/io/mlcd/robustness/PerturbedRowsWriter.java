package io.mlcd.robustness;

import io.mlcd.scoring.Frame;
import io.mlcd.scoring.Predictions;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Saves every scored frame for audit ({@code --save-perturbed DIR}): the unperturbed rows as
 * {@code original.csv}, each perturbation's rows as a CSV named after its id with characters other
 * than letters, digits, '.', '-' and '_' replaced by '_' (and a number appended should two names
 * collide; cut to 120 characters), each with the model's answers as the last column {@value #PREDICTION} (the score, or
 * the label for text answers); {@code index.csv} maps ids to files.
 */
public final class PerturbedRowsWriter implements RobustnessRunner.Listener {
    public static final String PREDICTION = "mlcd_prediction";
    public static final String INDEX = "index.csv";
    private static final int NAME_LIMIT = 120;

    private final Path folder;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Set<String> taken = new HashSet<>();

    /**
     * Creates the folder if need be; an unwritable one, or rows that have a column named
     * {@value #PREDICTION} already, are input errors before anything is scored.
     */
    public PerturbedRowsWriter(final Path folder, final java.util.List<String> columns) {
        if (columns.contains(PREDICTION)) {
            throw new InputException("--save-perturbed: the data has a column '%s' already, the name of the "
                    + "model's answers in the saved files; drop or rename it", PREDICTION);
        }
        AtomicFiles.checkWritableFolder("--save-perturbed", folder);
        try {
            Files.createDirectories(folder);
        }
        catch (IOException e) {
            throw new InputException("--save-perturbed: cannot create the folder %s: %s", folder, e.getMessage());
        }
        this.folder = folder;
        taken.add(INDEX);
    }

    @Override
    public void scored(final String id, final Frame rows, final Predictions predictions) {
        var name = fileName(id);
        Frame withAnswers;
        if (predictions.hasScores()) {
            var scores = new double[predictions.size()];
            for (int r = 0; r < scores.length; r++) {
                scores[r] = predictions.score(r);
            }
            withAnswers = rows.plusNumbers(PREDICTION, scores);
        }
        else {
            var labels = new String[predictions.size()];
            for (int r = 0; r < labels.length; r++) {
                labels[r] = predictions.label(r);
            }
            withAnswers = rows.plusTexts(PREDICTION, labels);
        }
        write(withAnswers, name);
        files.put(id, name);
        write(Frame.of(java.util.List.of("perturbation", "file"), java.util.Arrays.asList(null, null),
                java.util.List.of(files.keySet().toArray(String[]::new), files.values().toArray(String[]::new))), INDEX);
    }

    private void write(final Frame frame, final String name) {
        try {
            frame.writeCsv(folder.resolve(name));
        }
        catch (UncheckedIOException e) {
            throw new InputException("--save-perturbed: cannot write %s: %s", folder.resolve(name),
                    e.getCause().getMessage());
        }
    }

    private String fileName(final String id) {
        var safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        var base = safe.length() > NAME_LIMIT ? safe.substring(0, NAME_LIMIT) : safe; // file systems allow 255 bytes
        var name = base + ".csv";
        for (int i = 2; !taken.add(name); i++) {
            name = base + "_" + i + ".csv";
        }
        return name;
    }
}
