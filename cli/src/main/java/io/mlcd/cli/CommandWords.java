package io.mlcd.cli;

import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code --exec} into a program and its arguments as a POSIX shell splits words, and does
 * nothing else a shell does: blanks separate words; {@code '…'} keeps everything literally;
 * {@code "…"} keeps everything but {@code \"} and {@code \\}; a backslash outside quotes keeps the
 * next character. No variables, globs, pipes, redirections or {@code ;}: such characters are
 * ordinary, so nothing in an event (which reaches the command only as environment variables) is
 * ever interpreted. A command that needs a shell says so: {@code --exec 'sh -c "…"'}.
 */
final class CommandWords {
    private CommandWords() {
    }

    static List<String> split(final String option, final String command) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        var inWord = false;
        for (int i = 0; i < command.length(); i++) {
            var c = command.charAt(i);
            if (c == '\'') {
                var end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new InputException("%s has a ' without its closing '", option);
                }
                word.append(command, i + 1, end);
                i = end;
                inWord = true;
            }
            else if (c == '"') {
                i = doubleQuoted(option, command, i + 1, word);
                inWord = true;
            }
            else if (c == '\\') {
                if (i + 1 == command.length()) {
                    throw new InputException("%s ends with a \\ that escapes nothing", option);
                }
                word.append(command.charAt(++i));
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new InputException("%s names no command", option);
        }
        return words;
    }

    /** Appends a "…" word's content from {@code start} and returns the index of its closing quote. */
    private static int doubleQuoted(final String option, final String command, final int start, final StringBuilder word) {
        for (int i = start; i < command.length(); i++) {
            var c = command.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < command.length() && (command.charAt(i + 1) == '"' || command.charAt(i + 1) == '\\')) {
                c = command.charAt(++i);
            }
            word.append(c);
        }
        throw new InputException("%s has a \" without its closing \"", option);
    }
}
