package io.mlcd.registry;

import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the model a run logged under a name. MLflow 3 logs models as LoggedModels outside the
 * run's artifacts ({@code models:/m-…}); MLflow 2.x keeps them under the run's artifact root,
 * marked by an {@code MLmodel} file. The same {@code --artifact-path} works for both.
 */
public final class ModelLocator {
    private final MlflowHttp http;

    public ModelLocator(final Mlflow mlflow) {
        this.http = mlflow.http();
    }

    public ModelSource locate(final TrackingRun run, final String artifactPath) {
        if (artifactPath.isBlank() || artifactPath.startsWith("/") || artifactPath.contains("\\")
                || java.util.List.of(artifactPath.split("/")).contains("..")) {
            throw new InputException("--artifact-path must be a relative path inside the run, got '%s'", artifactPath);
        }
        var names = new ArrayList<String>();
        var ids = run.loggedModelIds();
        for (int i = ids.size() - 1; i >= 0; i--) { // the newest model of that name wins
            var id = ids.get(i);
            var info = http.get("logged-models/" + id, Map.of()).path("model").path("info");
            names.add(info.path("name").asText());
            if (artifactPath.equals(info.path("name").asText())) {
                return new ModelSource("models:/" + id, id);
            }
        }
        return runArtifact(run, artifactPath).orElseThrow(() -> new InputException(
                "run %s has no model at '%s': %s, and its artifacts hold no %s/MLmodel", run.runId(), artifactPath,
                names.isEmpty() ? "it logged no MLflow 3 model" : "its logged models are named " + names, artifactPath));
    }

    private Optional<ModelSource> runArtifact(final TrackingRun run, final String artifactPath) {
        var listing = http.get("artifacts/list", Map.of("run_id", run.runId(), "path", artifactPath));
        for (var file : listing.path("files")) {
            if ((artifactPath + "/MLmodel").equals(file.path("path").asText())) {
                return Optional.of(new ModelSource(run.artifactUri() + "/" + artifactPath, null));
            }
        }
        return Optional.empty();
    }
}
