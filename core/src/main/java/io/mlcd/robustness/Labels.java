package io.mlcd.robustness;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The true label of every row, canonical (numbers as mlcd prints them, so {@code 1.0} is
 * {@code 1}; booleans lower case); null where missing.
 *
 * @param column the label column's name, for messages
 */
public record Labels(String column, String[] values) {
    private static final List<Set<String>> OBVIOUS = List.of(Set.of("0", "1"), Set.of("-1", "1"),
            Set.of("false", "true"));

    public Labels {
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] == null ? null : canonical(values[i]);
        }
    }

    public int size() {
        return values.length;
    }

    @CheckForNull
    public String get(final int row) {
        return values[row];
    }

    static String canonical(final String label) {
        var text = label.strip();
        if (Numbers.isDecimal(text)) {
            var number = Double.parseDouble(text);
            if (Double.isFinite(number)) {
                return Numbers.format(number);
            }
        }
        var lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false") ? lower : text;
    }

    /** The distinct labels, sorted as scikit-learn sorts classes (numerically when all are numbers). */
    List<String> classes() {
        var distinct = new TreeSet<String>();
        for (String value : values) {
            if (value != null) {
                distinct.add(value);
            }
        }
        var all = List.copyOf(distinct);
        if (all.stream().allMatch(Numbers::isDecimal)) {
            return all.stream().sorted(java.util.Comparator.comparingDouble(Double::parseDouble)).toList();
        }
        return all;
    }

    boolean numericWithMoreThanTwoValues() {
        var classes = classes();
        return classes.size() > 2 && classes.stream().allMatch(Numbers::isDecimal);
    }

    /** Each row's label as a number, for regression; a label that is none is an input error. */
    double[] numbers() {
        var numbers = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                numbers[i] = Double.NaN;
            }
            else if (Numbers.isDecimal(values[i])) {
                numbers[i] = Double.parseDouble(values[i]);
            }
            else {
                throw new InputException("label column '%s', row %d: '%s' is not a number, but the model is a "
                        + "regression (say --task if it is not)", column, i + 1, values[i]);
            }
        }
        return numbers;
    }

    /**
     * The positive class of binary labels: the given one, else the larger of 0/1, -1/1 or
     * false/true, as scikit-learn's {@code predict_proba} puts it last.
     */
    String positive(@CheckForNull final String given) {
        var classes = classes();
        if (given != null) {
            var canonical = canonical(given);
            if (!classes.contains(canonical) && classes.size() > 1) {
                throw new InputException("--positive-label '%s' is not one of the labels %s of column '%s'", given,
                        classes, column);
            }
            return canonical;
        }
        for (Set<String> pair : OBVIOUS) {
            if (pair.containsAll(classes)) {
                return pair.contains("1") ? "1" : "true";
            }
        }
        throw new InputException("the labels of column '%s' are %s; say which one is positive with --positive-label",
                column, classes.size() > 10 ? classes.subList(0, 10) + "…" : classes);
    }
}
