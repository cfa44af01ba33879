package io.mlcd.spark.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import io.mlcd.validation.Confusion;
import io.mlcd.validation.RegressionEvaluator;
import io.mlcd.validation.Slice;
import io.mlcd.validation.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one pass over the predictions gathers, per partition, merged in any order: the rows, the
 * first refused value, the classes and group values with the position where each first appears
 * (the CLI lists them in that order), confusion counts by label class and predicted side
 * (score at or above the threshold, or the predicted class) overall and per group value, and the
 * first-pass sums of a regression. Classes and group values are capped just past the CLI's
 * limits, so a column of ids mistaken for labels cannot exhaust memory.
 */
final class Scan implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int GROUP_VALUES = 10_000;
    private static final char SEPARATOR = '\u0000';

    private final int classLimit;
    private long rows;
    private long errorOrder = Long.MAX_VALUE;
    @CheckForNull
    private String error;
    private final HashMap<String, Long> classes = new HashMap<>();
    private final HashMap<String, Long> counts = new HashMap<>();
    private final List<HashMap<String, Group>> groups = new ArrayList<>();
    private final RegressionEvaluator.Sums sums = new RegressionEvaluator.Sums();

    Scan(final Task task, final int groupColumns) {
        this.classLimit = task == Task.BINARY ? 2 : 1000;
        for (int g = 0; g < groupColumns; g++) {
            groups.add(new HashMap<>());
        }
    }

    /** The first value refused in row order wins, whichever partition reports it first. */
    void refuse(final long order, final String message) {
        if (order < errorOrder) {
            errorOrder = order;
            error = message;
        }
    }

    void add(final PredictionRecord record, final Task task, final double threshold) {
        rows++;
        if (task == Task.REGRESSION) {
            sums.add(record.score(), record.estimate());
            return;
        }
        firstAt(classes, record.label(), 2 * record.order(), classLimit);
        String side;
        if (record.predicted() != null) {
            firstAt(classes, record.predicted(), 2 * record.order() + 1, classLimit);
            side = record.predicted();
        }
        else {
            side = record.score() >= threshold ? "1" : "0";
        }
        var key = record.label() + SEPARATOR + side;
        counts.merge(key, 1L, Long::sum);
        for (int g = 0; g < groups.size(); g++) {
            var group = groups.get(g).get(record.groups()[g]);
            if (group == null) {
                if (groups.get(g).size() > GROUP_VALUES) {
                    continue; // over the limit: reported as an error at the end
                }
                group = new Group(record.order());
                groups.get(g).put(record.groups()[g], group);
            }
            group.first = Math.min(group.first, record.order());
            group.counts.merge(key, 1L, Long::sum);
        }
    }

    Scan merge(final Scan other) {
        rows += other.rows;
        if (other.error != null) {
            refuse(other.errorOrder, other.error);
        }
        other.classes.forEach((value, first) -> firstAt(classes, value, first, classLimit));
        other.counts.forEach((key, n) -> counts.merge(key, n, Long::sum));
        for (int g = 0; g < groups.size(); g++) {
            var mine = groups.get(g);
            other.groups.get(g).forEach((value, group) -> {
                var existing = mine.get(value);
                if (existing == null) {
                    if (mine.size() <= GROUP_VALUES) {
                        mine.put(value, group);
                    }
                }
                else {
                    existing.first = Math.min(existing.first, group.first);
                    group.counts.forEach((key, n) -> existing.counts.merge(key, n, Long::sum));
                }
            });
        }
        sums.merge(other.sums);
        return this;
    }

    /** Throws the first refused value, or the error of an empty data set. */
    void check(final String name) {
        if (error != null) {
            throw new InputException("%s", error);
        }
        if (rows == 0) {
            throw new InputException("%s has no rows", name);
        }
    }

    long rows() {
        return rows;
    }

    /** The classes in order of first appearance; refuses more than the task allows. */
    List<String> classes(final String name, final Task task) {
        var ordered = ordered(classes);
        if (ordered.size() > classLimit) {
            if (task == Task.BINARY) {
                throw new InputException("%s: a third class '%s' besides %s: labels are not binary (use --task "
                        + "multiclass for more classes)", name, ordered.get(2), ordered.subList(0, 2));
            }
            throw new InputException("%s: more than %d distinct classes (%s, ...)", name, classLimit,
                    String.join(", ", ordered.subList(0, 5)));
        }
        return ordered;
    }

    /** The rows by label class and predicted side, keyed {@code label \0 side}. */
    Confusion confusion(final String positive, final boolean scorer) {
        return confusion(counts, positive, scorer);
    }

    /** Per group column, a slice per value in order of first appearance. */
    Map<String, List<Slice>> slices(final String name, final List<String> columns, final String positive,
            final boolean scorer) {
        var slices = new LinkedHashMap<String, List<Slice>>();
        for (int g = 0; g < columns.size(); g++) {
            var column = columns.get(g);
            var values = groups.get(g);
            if (values.size() > GROUP_VALUES) {
                throw new InputException("%s, column '%s': more than %d distinct values in a group column", name,
                        column, GROUP_VALUES);
            }
            var list = new ArrayList<Slice>();
            values.entrySet().stream().sorted(Comparator.comparingLong(entry -> entry.getValue().first))
                    .forEach(entry -> list.add(new Slice(column, entry.getKey(),
                            confusion(entry.getValue().counts, positive, scorer))));
            slices.put(column, list);
        }
        return slices;
    }

    /** Rows by label class (first index) and predicted class, in {@code classes} order. */
    long[][] matrix(final List<String> ordered) {
        var k = ordered.size();
        var index = new HashMap<String, Integer>();
        for (int c = 0; c < k; c++) {
            index.put(ordered.get(c), c);
        }
        var matrix = new long[k][k];
        counts.forEach((key, n) -> {
            var cut = key.indexOf(SEPARATOR);
            matrix[index.get(key.substring(0, cut))][index.get(key.substring(cut + 1))] += n;
        });
        return matrix;
    }

    RegressionEvaluator.Sums sums() {
        return sums;
    }

    private static Confusion confusion(final Map<String, Long> counts, final String positive, final boolean scorer) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (var entry : counts.entrySet()) {
            var key = entry.getKey();
            var cut = key.indexOf(SEPARATOR);
            var actual = key.substring(0, cut).equals(positive);
            var side = key.substring(cut + 1);
            var predicted = scorer ? side.equals("1") : side.equals(positive);
            long n = entry.getValue();
            if (actual) {
                tp += predicted ? n : 0;
                fn += predicted ? 0 : n;
            }
            else {
                fp += predicted ? n : 0;
                tn += predicted ? 0 : n;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    private static void firstAt(final HashMap<String, Long> firsts, final String value, final long order,
            final int limit) {
        var known = firsts.get(value);
        if (known != null) {
            if (order < known) {
                firsts.put(value, order);
            }
            return;
        }
        firsts.put(value, order);
        if (firsts.size() > limit + 1) { // keep only the earliest, enough to name the one too many
            var latest = firsts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            firsts.remove(latest);
        }
    }

    private static List<String> ordered(final Map<String, Long> firsts) {
        return firsts.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    /** A group value: where it first appears and its rows by label class and predicted side. */
    private static final class Group implements Serializable {
        private static final long serialVersionUID = 1L;

        private long first;
        private final HashMap<String, Long> counts = new HashMap<>();

        Group(final long first) {
            this.first = first;
        }
    }
}
