package io.mlcd.events;

import io.mlcd.registry.Lineage;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.testkit.MlflowServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Registry changes as mlcd makes them, for the event tests: new versions of one logged run, each from another build. */
final class RegistryWrites {
    private final MlflowServer server;
    private final String run;
    private int build;

    RegistryWrites(final MlflowServer server, final String run) {
        this.server = server;
        this.run = run;
    }

    Mlflow mlflow() {
        return new Mlflow(new MlflowConnection(server.uri(), null, null, null, false));
    }

    /** A new version of the model, registered by the build {@code buildUrl}; returns its number. */
    String register(final String model, final String buildUrl) {
        build++;
        var lineage = Lineage.fromEnvironment(Map.of("BUILD_URL", buildUrl + build + "/", "JOB_NAME", "train",
                "BUILD_NUMBER", Integer.toString(build)));
        var request = new RegistrationRequest(run, "model", model, null, Map.of("team", "risk"), "", lineage, false,
                Duration.ofSeconds(60));
        return new Registrar(mlflow(), Clock.systemUTC()).register(request).version().version();
    }
}
