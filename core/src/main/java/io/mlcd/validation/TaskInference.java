package io.mlcd.validation;

import io.mlcd.data.RecordSource;
import io.mlcd.data.Tables;
import io.mlcd.util.Numbers;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;

/**
 * Infers the task when the user did not name it. A score column means binary. With a predicted
 * column, the first {@value #SAMPLE} rows decide: numeric labels with fractions or more than
 * {@value #MAX_CLASSES} distinct values mean regression; otherwise two classes mean binary and
 * more mean multiclass. {@code --task} overrides this.
 */
public final class TaskInference {
    public static final int SAMPLE = 10_000;
    static final int MAX_CLASSES = 20;

    private TaskInference() {
    }

    static Task infer(final ValidationSpec spec) {
        if (spec.task() != null) {
            return spec.task();
        }
        if (spec.score() != null) {
            return Task.BINARY;
        }
        return sample(spec.predictions(), spec.label(), spec.prediction());
    }

    private static Task sample(final Path file, final String label, final String prediction) {
        try (RecordSource source = Tables.open(file, Progress.NONE)) {
            var labelColumn = source.column(label);
            var predictionColumn = source.column(prediction);
            var values = new ArrayList<String>();
            while (source.rowsRead() < SAMPLE && source.next()) {
                values.add(source.field(labelColumn));
                values.add(source.field(predictionColumn));
            }
            return fromSample(values);
        }
    }

    /**
     * The task that the label and predicted values of the first {@value #SAMPLE} rows suggest, as
     * written (missing values as empty text).
     */
    public static Task fromSample(final Iterable<String> rawValues) {
        var classes = new HashSet<String>();
        var numeric = true;
        var fractional = false;
        for (String raw : rawValues) {
            var value = LabelValue.canonical(raw);
            classes.add(value);
            if (numeric && !value.isEmpty()) {
                numeric = Numbers.isDecimal(value);
                fractional |= numeric && Double.parseDouble(value) != Math.rint(Double.parseDouble(value));
            }
        }
        if (numeric && (fractional || classes.size() > MAX_CLASSES)) {
            return Task.REGRESSION;
        }
        return classes.size() <= 2 ? Task.BINARY : Task.MULTICLASS;
    }
}
