package io.mlcd.report;

import java.util.Collection;

/**
 * The names under which a CI build shows its step reports, one per run of a step:
 * {@code mlcd-validate}, then {@code mlcd-validate-2}, {@code mlcd-validate-3}, … Unique among
 * the names the build already has, whatever gaps they leave; a caller publishing from parallel
 * branches takes the next name and adds it in one step under the build's lock.
 */
public final class ReportNames {
    private ReportNames() {
    }

    /** The first free name for a report of {@code command} ({@code validate}, {@code drift}, …). */
    public static String next(final String command, final Collection<String> taken) {
        var base = "mlcd-" + command;
        var name = base;
        for (int run = 2; taken.contains(name); run++) {
            name = base + "-" + run;
        }
        return name;
    }
}
