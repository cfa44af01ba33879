package io.mlcd.step;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.canary.RolloutResult;
import io.mlcd.canary.RolloutState;
import io.mlcd.canary.RolloutStatus;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.Promoter;
import io.mlcd.registry.RefusedException;
import io.mlcd.report.CanaryJson;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code canaryDeploy} ends a rollout, as {@code mlcd canary} does: the report with the
 * rollout's context (model version, router, deployed canary), the promotion a success earns
 * ({@code champion} moves to the version, {@code previous} to the one that held it), and the
 * version's {@code mlcd.canary.status} tag saying how it went live.
 */
public final class CanaryEnd {
    private final RolloutResult result;
    @CheckForNull
    private final String model;
    @CheckForNull
    private final String version;
    private final Map<String, String> context = new LinkedHashMap<>();

    /**
     * @param model   the registered model, or null; counts only with a version
     * @param canary  the address of the canary a deploy command started, or null
     */
    public CanaryEnd(final RolloutResult result, @CheckForNull final String model, @CheckForNull final String version,
            final String router, @CheckForNull final String canary) {
        this.result = result;
        var named = model != null && version != null;
        this.model = named ? model : null;
        this.version = named ? version : null;
        if (named) {
            context.put("model", model);
            context.put("version", version);
        }
        context.put("router", router);
        if (canary != null) {
            context.put("canary", canary);
        }
    }

    /**
     * Refuses to begin a rollout whose success would promote a version that lacks the evidence a
     * promotion needs (a passing validation record, an approval): nothing has moved yet.
     *
     * @param optOut how to roll out without promoting, e.g. {@code set promote: false}
     */
    public static void requireEvidence(final Mlflow mlflow, final String model, final String version,
            final String optOut) {
        var missing = new Promoter(mlflow, Clock.systemUTC()).missingEvidence(model, version);
        if (!missing.isEmpty()) {
            throw new RefusedException("not started: a success would promote version " + version + ", which "
                    + String.join("; ", missing) + " (or " + optOut + ")");
        }
    }

    /** Whether the rollout was of a registered model version, which then gets a status tag. */
    public boolean ofVersion() {
        return version != null;
    }

    /** The report document. */
    public ObjectNode report(final Instant createdAt) {
        return CanaryJson.of(result, context, createdAt);
    }

    /** Whether this end promotes: a promotion is wanted, the rollout was of a version and it SUCCEEDED. */
    public boolean promotes(final boolean wanted) {
        return wanted && ofVersion() && result.state().status() == RolloutStatus.SUCCEEDED;
    }

    /** Moves {@code champion} to the version and {@code previous} to the one that held it; says so in one line. */
    public String promote(final Mlflow mlflow, final Clock clock, final String by) {
        var promotion = new Promoter(mlflow, clock).promote(model, version, "champion", "previous", false, by);
        return "@champion -> version " + promotion.version().version()
                + promotion.previousVersion().map(previous -> ", @previous -> version " + previous).orElse("");
    }

    /** Tags the version with how its rollout ended, as {@code mlcd canary --model --version} does. */
    public void tagStatus(final Mlflow mlflow) {
        mlflow.registry().setTags(model, version, Map.of("mlcd.canary.status", state().status().name()));
    }

    /** One line for a rollout a person or the system stopped: why, and where the canary stands. */
    public String stopped(final String why) {
        return why + ": the canary is " + state().status() + " at weight " + state().weight() + "%";
    }

    /** What the step returns: the report's values, then whether it promoted (only when it did), status, final weight. */
    public Map<String, Object> values(final Map<String, Object> reportValues, final boolean promoted) {
        var values = new LinkedHashMap<>(reportValues);
        if (promoted) {
            values.put("promoted", true);
        }
        values.put("status", state().status().name());
        values.put("finalWeight", state().weight());
        return values;
    }

    private RolloutState state() {
        return result.state();
    }
}
