package io.mlcd.validation;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.mlcd.data.RecordSource;
import io.mlcd.data.Tables;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads a predictions file in one streaming pass into {@link PredictionRows}, checking every
 * value: a missing label, a score that is not a number in [0, 1], NaN, a duplicate id or too many
 * classes stops the read with the file, line and column.
 */
final class PredictionReader {
    /** Raw label texts remembered with their class; beyond this many, labels are canonicalised each time. */
    private static final int RAW_CACHE = 1024;

    private final ValidationSpec spec;
    private final Task task;
    private final Progress progress;

    PredictionReader(final ValidationSpec spec, final Task task, final Progress progress) {
        this.spec = spec;
        this.task = task;
        this.progress = progress;
    }

    PredictionRows read(final Path file) {
        try (RecordSource source = Tables.open(file, progress)) {
            var columns = new Columns(source);
            var rows = new PredictionRows(source.name(), task, spec.score() != null, spec.groups().size(),
                    spec.id() != null);
            var rawClasses = new HashMap<String, Integer>();
            var seenIds = spec.id() != null ? new HashSet<String>() : null;
            while (source.next()) {
                rows.ensureRoom();
                var row = rows.size;
                if (task == Task.REGRESSION) {
                    rows.values[row] = number(source, columns.label, spec.label());
                    rows.estimates[row] = number(source, columns.prediction, spec.prediction());
                }
                else {
                    rows.labels[row] = classCode(source, columns.label, spec.label(), rows, rawClasses);
                    if (rows.hasScores) {
                        rows.scores[row] = score(source, columns.score);
                    }
                    else {
                        rows.predicted[row] = classCode(source, columns.prediction, spec.prediction(), rows,
                                rawClasses);
                    }
                }
                for (int g = 0; g < columns.groups.length; g++) {
                    rows.groupCodes[g][row] = rows.groups[g].code(source.field(columns.groups[g]), source.name(),
                            source.line());
                }
                if (seenIds != null) {
                    rows.ids[row] = id(source, columns.id, seenIds);
                }
                rows.size++;
            }
            if (rows.size == 0) {
                throw new InputException("%s has a header but no data rows", source.name());
            }
            return rows;
        }
    }

    private int classCode(final RecordSource source, final int column, final String name,
            final PredictionRows rows, final Map<String, Integer> rawClasses) {
        var raw = source.field(column);
        var cached = rawClasses.get(raw);
        if (cached != null) {
            return cached;
        }
        var value = LabelValue.canonical(raw);
        if (value.isEmpty()) {
            throw InputException.at(source.name(), source.line(), name, "the value is missing");
        }
        if (task == Task.BINARY && rows.classes.indexOf(value) < 0 && rows.classes.size() == 2) {
            throw InputException.at(source.name(), source.line(), name,
                    "a third class '%s' besides %s: labels are not binary (use --task multiclass for more classes)",
                    value, rows.classes.values());
        }
        var code = rows.classes.code(value, source.name(), source.line());
        if (rawClasses.size() < RAW_CACHE) {
            rawClasses.put(raw, code);
        }
        return code;
    }

    private static double score(final RecordSource source, final int column) {
        var value = parse(source, column, "score");
        if (!(value >= 0.0 && value <= 1.0)) {
            throw InputException.at(source.name(), source.line(), source.header().get(column),
                    "score %s is outside [0, 1]; give the probability of the positive class", source.field(column));
        }
        return value;
    }

    private static double number(final RecordSource source, final int column, final String what) {
        var value = parse(source, column, what);
        if (!Double.isFinite(value)) {
            throw InputException.at(source.name(), source.line(), source.header().get(column),
                    "%s is not a finite number", source.field(column));
        }
        return value;
    }

    private static double parse(final RecordSource source, final int column, final String what) {
        var text = source.field(column);
        if (text.isBlank()) {
            throw InputException.at(source.name(), source.line(), source.header().get(column),
                    "the %s is missing", what);
        }
        double value;
        try {
            value = JavaDoubleParser.parseDouble(text.strip());
        }
        catch (NumberFormatException e) {
            throw InputException.at(source.name(), source.line(), source.header().get(column),
                    "'%s' is not a number", text);
        }
        if (Double.isNaN(value)) {
            throw InputException.at(source.name(), source.line(), source.header().get(column),
                    "the %s is NaN", what);
        }
        return value;
    }

    private static String id(final RecordSource source, final int column, final java.util.Set<String> seen) {
        var id = source.field(column).strip();
        if (id.isEmpty()) {
            throw InputException.at(source.name(), source.line(), source.header().get(column), "the id is missing");
        }
        if (!seen.add(id)) {
            throw InputException.at(source.name(), source.line(), source.header().get(column),
                    "duplicate id '%s'", id);
        }
        return id;
    }

    /** Column positions in one file, resolved once with a clear error for a missing column. */
    private final class Columns {
        final int label;
        final int score;
        final int prediction;
        final int id;
        final int[] groups;

        Columns(final RecordSource source) {
            label = source.column(spec.label());
            score = spec.score() != null ? source.column(spec.score()) : -1;
            prediction = spec.prediction() != null ? source.column(spec.prediction()) : -1;
            id = spec.id() != null ? source.column(spec.id()) : -1;
            List<String> names = spec.groups();
            groups = new int[names.size()];
            for (int g = 0; g < groups.length; g++) {
                groups[g] = source.column(names.get(g));
            }
        }
    }
}
