package io.jenkins.plugins.mlcd;

import java.util.ArrayList;
import java.util.List;

/**
 * A list-of-strings step option. A script passes a list; the Snippet Generator's textarea arrives
 * as a single string, which Stapler binds as a one-element list, so every entry is split into its
 * lines, and blank lines are dropped.
 */
final class ListOption {
    private ListOption() {
    }

    static ArrayList<String> of(final List<String> entries) {
        var values = new ArrayList<String>();
        for (String entry : entries) {
            entry.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(values::add);
        }
        return values;
    }
}
