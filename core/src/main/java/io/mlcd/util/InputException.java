package io.mlcd.util;

/**
 * Bad input from the user: a missing file or column, a value that cannot be parsed, a malformed
 * gate. Nothing has been evaluated or recorded when it is thrown; the CLI maps it to exit status 2.
 * The message is one line meant for a person and names the file, line and column where known.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(final String format, final Object... args) {
        super(String.format(java.util.Locale.ROOT, format, args));
    }

    /** Builds the message for a value at a known place in a file. */
    public static InputException at(final String file, final long line, final String column,
            final String format, final Object... args) {
        return new InputException("%s, line %d, column '%s': %s", file, line, column,
                String.format(java.util.Locale.ROOT, format, args));
    }
}
