package io.mlcd.registry;

import java.util.Optional;
import java.util.Set;

/** The tags that make a version's evidence: validation and approval records, and what counts as passing. */
final class Evidence {
    static final String VALIDATION_VERDICT = "mlcd.validation.verdict";
    static final String APPROVAL_STATUS = "mlcd.approval.status";
    /** WARNING means every FAIL-severity gate passed; only WARN gates fell short (UNSTABLE, not FAILURE). */
    private static final Set<String> PASSING = Set.of("PASSED", "WARNING");

    private Evidence() {
    }

    static boolean passed(final Optional<String> verdict) {
        return verdict.filter(PASSING::contains).isPresent();
    }
}
