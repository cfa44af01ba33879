package io.mlcd.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a list option of the Jenkins steps (gates, files, {@code KEY=VALUE} pairs). A
 * script passes a list; a form's text area arrives as one string of lines. So every entry is
 * split into its lines, stripped, and blank lines are dropped. It prints one entry a line, which
 * is what a text area bound to the option shows, and binds back to the same entries.
 *
 * <p>An entry a script left unset ({@code [env.UNSET]}) is kept as null, since a step's option
 * setter must not throw; {@link #require} refuses it with one line when the step starts.
 */
public final class ListOption extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    private ListOption() {
        super();
    }

    /** The entries of a script's list or a text area's lines; none for null. */
    public static ListOption of(@CheckForNull final List<String> entries) {
        var option = new ListOption();
        if (entries != null) {
            for (String entry : entries) {
                if (entry == null) {
                    option.add(null);
                }
                else {
                    entry.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(option::add);
                }
            }
        }
        return option;
    }

    /** The entries, none unset. */
    public List<String> require(final String option) {
        if (contains(null)) {
            throw new InputException("%s has an empty entry (null: an unset variable?)", option);
        }
        return List.copyOf(this);
    }

    /** One entry a line (an unset one as an empty line). */
    @Override
    public String toString() {
        var text = new StringBuilder();
        forEach(entry -> text.append(text.length() == 0 ? "" : "\n").append(entry == null ? "" : entry));
        return text.toString();
    }
}
