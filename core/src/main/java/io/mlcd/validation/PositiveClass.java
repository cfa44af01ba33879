package io.mlcd.validation;

import io.mlcd.data.Dictionary;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.util.List;
import java.util.Set;

/**
 * Decides which class is positive. Like scikit-learn, 0/1, -1/1 and false/true labels need no
 * option (the larger one is positive); other labels need {@code --positive-label}, which must be
 * one of the two labels when both occur.
 */
final class PositiveClass {
    private static final List<Set<String>> OBVIOUS = List.of(Set.of("0", "1"), Set.of("-1", "1"),
            Set.of("false", "true"));

    private PositiveClass() {
    }

    /**
     * @return the code of the positive class in {@code classes}, or -1 when it never occurs (the
     *         labels hold one class only)
     */
    static int resolve(final Dictionary classes, @CheckForNull final String given, final String file) {
        if (given != null) {
            var code = classes.indexOf(LabelValue.canonical(given));
            // With both classes present a label that is neither is a typo that would turn every row
            // negative; with one class present, the positive class may just not occur in this data.
            if (code < 0 && classes.size() > 1) {
                throw new InputException("%s: --positive-label '%s' is not one of the labels %s", file, given,
                        classes.values());
            }
            return code;
        }
        var seen = Set.copyOf(classes.values());
        for (Set<String> pair : OBVIOUS) {
            if (pair.containsAll(seen)) {
                var positive = pair.contains("1") ? "1" : "true";
                return classes.indexOf(positive);
            }
        }
        throw new InputException("%s: the classes are %s; say which one is positive with --positive-label",
                file, classes.values());
    }
}
