package io.mlcd.report;

import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import java.util.List;

/** The one-line human summary of a step's gates, printed by the CLI and placed in reports. */
public final class Summary {
    private Summary() {
    }

    public static String of(final Verdict verdict, final List<GateResult> results) {
        if (results.isEmpty()) {
            return verdict.name() + ": no gates were given";
        }
        var shortfalls = results.stream().filter(result -> result.outcome().fellShort()).toList();
        if (shortfalls.isEmpty()) {
            return verdict.name() + ": all " + results.size() + " gates passed";
        }
        var first = shortfalls.get(0);
        var more = shortfalls.size() > 1 ? " (and " + (shortfalls.size() - 1) + " more)" : "";
        return verdict.name() + ": " + shortfalls.size() + " of " + results.size() + " gates fell short; "
                + first.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + first.message() + more;
    }
}
