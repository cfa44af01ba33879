package io.mlcd.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Moves an alias such as {@code champion} to a version that has a passing validation record and
 * an approval, keeping the version that held it under a second alias ({@code previous}). The
 * promotion record goes on the version before the alias moves; the alias moves last.
 */
public final class Promoter {
    private final Mlflow mlflow;
    private final Clock clock;

    public Promoter(final Mlflow mlflow, final Clock clock) {
        this.mlflow = mlflow;
        this.clock = clock;
    }

    /**
     * @param previousAlias where the version that held {@code alias} goes
     * @param force         promote despite missing evidence; what was waived is recorded
     */
    public Promotion promote(final String name, final String version, final String alias, final String previousAlias,
            final boolean force, final String by) {
        Names.checkAlias(alias);
        Names.checkAlias(previousAlias);
        if (alias.equals(previousAlias)) {
            throw new io.mlcd.util.InputException("the alias and the previous alias must differ, both are '%s'", alias);
        }
        var candidate = Versions.require(mlflow, name, version);
        var missing = missingEvidence(candidate);
        if (!missing.isEmpty() && !force) {
            throw new RefusedException("version " + version + " of '" + name + "' not promoted to " + alias + ": "
                    + String.join("; ", missing));
        }
        var registry = mlflow.registry();
        var holder = registry.aliases(name).get(alias);
        var previous = version.equals(holder) ? null : holder;
        var tags = new LinkedHashMap<String, String>();
        tags.put("mlcd.promotion.alias", alias);
        tags.put("mlcd.promotion.at", clock.instant().toString());
        tags.put("mlcd.promotion.by", Names.fit(by, Names.VERSION_TAG_VALUE_LIMIT));
        if (previous != null) {
            tags.put("mlcd.promotion.replaced", previous);
        }
        if (!missing.isEmpty()) {
            tags.put("mlcd.promotion.forced", Names.fit(String.join("; ", missing), Names.VERSION_TAG_VALUE_LIMIT));
        }
        registry.setTags(name, version, tags);
        if (previous != null) {
            registry.setAlias(name, previousAlias, previous);
        }
        registry.setAlias(name, alias, version);
        return new Promotion(registry.version(name, version).orElseThrow(), alias, previous, missing);
    }

    /**
     * What a promotion of this version would lack, checked before work that ends in a promotion
     * (a canary rollout) starts; empty when it would be allowed.
     */
    public List<String> missingEvidence(final String name, final String version) {
        return missingEvidence(Versions.require(mlflow, name, version));
    }

    /** What a promotion needs and this version lacks; the run's record stands in for a version without one. */
    private List<String> missingEvidence(final ModelVersion candidate) {
        var missing = new ArrayList<String>();
        var verdict = candidate.tag(Evidence.VALIDATION_VERDICT);
        if (verdict.isEmpty() && !candidate.runId().isEmpty()) {
            verdict = mlflow.runs().get(candidate.runId()).tag(Evidence.VALIDATION_VERDICT);
        }
        if (!Evidence.passed(verdict)) {
            missing.add(verdict.map(v -> "its validation verdict is " + v).orElse("it has no mlcd validation record"));
        }
        var approval = candidate.tag(Evidence.APPROVAL_STATUS);
        if (!approval.filter("APPROVED"::equals).isPresent()) {
            missing.add(approval.map(status -> "it was " + status + " by "
                    + candidate.tag("mlcd.approval.by").orElse("someone")).orElse("it has no approval"));
        }
        return missing;
    }
}
