package io.mlcd.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.regex.Pattern;

/**
 * The checks of values that name something in MLflow (a run, a model, a version), shared by the
 * CLI's options and the Jenkins steps' arguments, so both refuse the same mistakes before any work.
 */
public final class Names {
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private Names() {
    }

    /** A model version as MLflow numbers them: 1, 2, 3…; null (not given) passes. */
    public static void version(final String option, @CheckForNull final String text) {
        if (text != null && !VERSION.matcher(text).matches()) {
            throw new InputException("%s must be a model version number such as 7, got '%s'", option, text);
        }
    }

    /** A value that names something: not empty, not only blanks; null (not given) passes. */
    public static void named(final String option, @CheckForNull final String text) {
        if (text != null && text.isBlank()) {
            throw new InputException("%s must not be empty", option);
        }
    }
}
