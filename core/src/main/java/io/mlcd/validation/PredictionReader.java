package io.mlcd.validation;

import io.mlcd.data.Dictionary;
import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.mlcd.data.CharSlice;
import io.mlcd.data.ColumnBatches;
import io.mlcd.data.RecordSource;
import io.mlcd.data.Tables;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a predictions file in one streaming pass into {@link PredictionRows}, checking every
 * value: a missing label, a score that is not a number in [0, 1], NaN, a duplicate id or too many
 * classes stops the read with the file, line and column. Values are read as characters and
 * looked up or parsed without creating Strings, while a second thread parses the file
 * ({@link ColumnBatches}); the pass costs little more than parsing the CSV alone.
 */
final class PredictionReader {
    /** Raw label texts remembered with their class; beyond this many, labels are canonicalised each time. */
    private static final int RAW_CACHE = 1024;
    private static final int LABEL = 0;
    private static final int VALUE = 1;
    private static final int ID = 2;

    private final ValidationSpec spec;
    private final Task task;
    private final Progress progress;

    PredictionReader(final ValidationSpec spec, final Task task, final Progress progress) {
        this.spec = spec;
        this.task = task;
        this.progress = progress;
    }

    /** @param keepRows whether to keep row-level arrays (needed to pair rows with a baseline) */
    PredictionRows read(final Path file, final boolean keepRows) {
        try (RecordSource source = Tables.open(file, progress);
                ColumnBatches batches = new ColumnBatches(source, columns(source))) {
            return new Conversion(source.name(), batches, new PredictionRows(source.name(), task, spec, keepRows))
                    .run();
        }
    }

    private static boolean isBlank(final CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Positions of label, score or prediction, id (if any), then the group columns. */
    private int[] columns(final RecordSource source) {
        var names = new java.util.ArrayList<String>();
        names.add(spec.label());
        names.add(spec.score() != null ? spec.score() : spec.prediction());
        if (spec.id() != null) {
            names.add(spec.id());
        }
        names.addAll(spec.groups());
        return names.stream().mapToInt(source::column).toArray();
    }

    /** Converts the records of one file; holds the per-file state of the pass. */
    private final class Conversion {
        private final String file;
        private final ColumnBatches batches;
        private final PredictionRows rows;
        /** Label texts as written, each with its class code, so "1" and "1.0" need no parsing per row. */
        private final Dictionary rawClasses = new Dictionary(RAW_CACHE, "label spellings");
        private final int[] rawToClass = new int[RAW_CACHE];
        private final Set<String> seenIds;
        private final int firstGroup;
        private final int[] groupCodes;

        Conversion(final String file, final ColumnBatches batches, final PredictionRows rows) {
            this.file = file;
            this.batches = batches;
            this.rows = rows;
            this.seenIds = spec.id() != null ? new HashSet<>() : null;
            this.firstGroup = spec.id() != null ? ID + 1 : ID;
            this.groupCodes = new int[spec.groups().size()];
        }

        PredictionRows run() {
            while (batches.next()) {
                rows.ensureRoom();
                for (int g = 0; g < groupCodes.length; g++) {
                    groupCodes[g] = rows.groups[g].code(chars(firstGroup + g), file, batches.line());
                }
                if (task == Task.REGRESSION) {
                    rows.values[rows.size] = number(LABEL, spec.label());
                    rows.estimates[rows.size] = number(VALUE, spec.prediction());
                }
                else {
                    classification();
                }
                if (seenIds != null) {
                    rows.ids[rows.size] = id();
                }
                rows.size++;
            }
            if (rows.size == 0) {
                throw new InputException("%s has a header but no data rows", file);
            }
            return rows;
        }

        private void classification() {
            var label = classCode(LABEL, spec.label());
            if (rows.hasScores) {
                var score = score();
                rows.tally.addScore(label, score, groupCodes);
                if (rows.keepsRows) {
                    rows.labels[rows.size] = label;
                    rows.scores[rows.size] = score;
                }
                return;
            }
            var predicted = classCode(VALUE, spec.prediction());
            if (rows.tally != null) {
                rows.tally.addPrediction(label, predicted, groupCodes);
            }
            if (rows.keepsRows) {
                rows.labels[rows.size] = label;
                rows.predicted[rows.size] = predicted;
            }
        }

        private CharSlice chars(final int field) {
            return batches.chars(field);
        }

        private int classCode(final int field, final String column) {
            var raw = chars(field);
            var known = rawClasses.indexOf(raw);
            if (known >= 0) {
                return rawToClass[known];
            }
            var value = LabelValue.canonical(raw.toString());
            if (value.isEmpty()) {
                throw InputException.at(file, batches.line(), column, "the value is missing");
            }
            if (task == Task.BINARY && rows.classes.indexOf(value) < 0 && rows.classes.size() == 2) {
                throw InputException.at(file, batches.line(), column,
                        "a third class '%s' besides %s: labels are not binary (use --task multiclass for more "
                                + "classes)", value, rows.classes.values());
            }
            var code = rows.classes.code(value, file, batches.line());
            if (rawClasses.size() < RAW_CACHE) {
                rawToClass[rawClasses.code(raw, file, batches.line())] = code;
            }
            return code;
        }

        private double score() {
            var value = parse(VALUE, spec.score(), "score");
            if (!(value >= 0.0 && value <= 1.0)) {
                throw InputException.at(file, batches.line(), spec.score(),
                        "score %s is outside [0, 1]; give the probability of the positive class",
                        chars(VALUE));
            }
            return value + 0.0; // -0.0 becomes 0.0, so equal scores have equal bits when sorted
        }

        private double number(final int field, final String column) {
            var value = parse(field, column, "value");
            if (!Double.isFinite(value)) {
                throw InputException.at(file, batches.line(), column, "%s is not a finite number",
                        chars(field));
            }
            return value;
        }

        private double parse(final int field, final String column, final String what) {
            var text = chars(field);
            if (isBlank(text)) {
                throw InputException.at(file, batches.line(), column, "the %s is missing", what);
            }
            double value;
            try {
                value = JavaDoubleParser.parseDouble(text.array(), text.offset(), text.length());
            }
            catch (NumberFormatException e) {
                throw InputException.at(file, batches.line(), column, "'%s' is not a number", text);
            }
            if (Double.isNaN(value)) {
                throw InputException.at(file, batches.line(), column, "the %s is NaN", what);
            }
            return value;
        }

        private String id() {
            var id = chars(ID).toString().strip();
            if (id.isEmpty()) {
                throw InputException.at(file, batches.line(), spec.id(), "the id is missing");
            }
            if (!seenIds.add(id)) {
                throw InputException.at(file, batches.line(), spec.id(), "duplicate id '%s'", id);
            }
            return id;
        }
    }
}
