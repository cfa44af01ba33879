package io.mlcd.registry;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registers a run's model as a new version: creates the registered model if needed, creates the
 * version with its lineage tags in the same call, waits until it is READY, then sets the alias.
 * The alias comes last and only for a model whose run passed validation, so a failure at any
 * point leaves no alias on an unproven version. Re-running for the same run and build finds the
 * version made the first time (by its {@code mlcd.registration.key} tag) and completes the work.
 */
public final class Registrar {
    static final String KEY_TAG = "mlcd.registration.key";

    private final Mlflow mlflow;
    private final Clock clock;

    public Registrar(final Mlflow mlflow, final Clock clock) {
        this.mlflow = mlflow;
        this.clock = clock;
    }

    public Registration register(final RegistrationRequest request) {
        Names.checkModelName(request.name());
        request.aliasName().ifPresent(Names::checkAlias);
        Names.checkUserTags(request.tags());
        var run = mlflow.runs().get(request.runId());
        var verdict = run.tag(Evidence.VALIDATION_VERDICT);
        if (request.alias() != null && !request.force() && !Evidence.passed(verdict)) {
            throw new RefusedException("alias '" + request.alias() + "' not set: run " + run.runId()
                    + verdict.map(v -> "'s validation verdict is " + v).orElse(" has no mlcd validation record")
                    + "; record a passing `mlcd validate --run-id " + run.runId() + "` first (or --force)");
        }
        var source = new ModelLocator(mlflow).locate(run, request.artifactPath());
        var registry = mlflow.registry();
        registry.ensureModel(request.name());
        var tags = tags(request, run);
        var existing = find(request);
        var version = existing.orElseGet(() -> create(request, source, tags));
        version = registry.awaitRegistration(version, request.readyWithin());
        if ("FAILED_REGISTRATION".equals(version.status())) {
            throw new MlflowException("version " + version.version() + " of '" + request.name()
                    + "' is FAILED_REGISTRATION: " + version.statusMessage());
        }
        if (existing.isPresent()) {
            var stale = new LinkedHashMap<String, String>();
            var current = version.tags();
            tags.forEach((key, value) -> {
                if (!value.equals(current.get(key)) && !"mlcd.registered_at".equals(key)) {
                    stale.put(key, value);
                }
            });
            registry.setTags(request.name(), version.version(), stale);
        }
        if (request.alias() != null) {
            registry.setAlias(request.name(), request.alias(), version.version());
        }
        var result = registry.version(request.name(), version.version()).orElseThrow();
        return new Registration(result, existing.isEmpty());
    }

    private Optional<ModelVersion> find(final RegistrationRequest request) {
        return mlflow.registry().versionsOfRun(request.name(), request.runId()).stream()
                .filter(version -> request.key().equals(version.tags().get(KEY_TAG))).findFirst();
    }

    /** One create; if it fails without a clear answer, the version may exist all the same, so look. */
    private ModelVersion create(final RegistrationRequest request, final ModelSource source,
            final Map<String, String> tags) {
        try {
            return mlflow.registry().createVersion(request.name(), source, request.runId(), tags, request.description());
        }
        catch (MlflowException e) {
            if (e.status() != 0 && e.status() < 500) {
                throw e;
            }
            return find(request).orElseThrow(() -> e);
        }
    }

    private Map<String, String> tags(final RegistrationRequest request, final TrackingRun run) {
        var tags = new LinkedHashMap<String, String>();
        tags.put(KEY_TAG, Names.fit(request.key(), Names.VERSION_TAG_VALUE_LIMIT));
        tags.put("mlcd.registered_at", clock.instant().toString());
        tags.putAll(request.lineage().tags());
        for (String step : new String[] {"validation", "drift"}) {
            run.tag("mlcd." + step + ".verdict").ifPresent(value -> tags.put("mlcd." + step + ".verdict", value));
            run.tag("mlcd." + step + ".summary").ifPresent(value -> tags.put("mlcd." + step + ".summary",
                    Names.fit(value, Names.VERSION_TAG_VALUE_LIMIT)));
            run.tag("mlcd." + step + ".report").ifPresent(path -> tags.put("mlcd." + step + ".report",
                    "runs:/" + run.runId() + "/" + path));
        }
        if (request.force() && request.alias() != null) {
            tags.put("mlcd.registration.forced", "alias '" + request.alias() + "' set without a passing validation "
                    + "record (validation verdict: " + run.tag(Evidence.VALIDATION_VERDICT).orElse("none") + ")");
        }
        tags.putAll(request.tags());
        return tags;
    }
}
