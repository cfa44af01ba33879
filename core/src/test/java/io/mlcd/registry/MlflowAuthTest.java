package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.Verdict;
import io.mlcd.testkit.MlflowServer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Against MLflow's basic-auth app: wrong credentials fail clearly, and no credential is ever written or shown. */
public class MlflowAuthTest {
    private static final String PASSWORD = "s3cret-Admin-pw-4821";

    @ClassRule
    public static final MlflowServer SERVER = MlflowServer.withBasicAuth(PASSWORD);

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static Mlflow as(final String user, final String password) {
        return new Mlflow(new MlflowConnection(SERVER.uri(), null, user, password, false));
    }

    @Test
    public void shouldRejectWrongCredentialsWithoutShowingThem() {
        assertThatThrownBy(() -> as("admin", "wrong-" + PASSWORD).runs().get("0123456789abcdef"))
                .isInstanceOf(MlflowException.class).hasMessageStartingWith("GET runs/get failed: HTTP 401")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        assertThatThrownBy(() -> new Mlflow(new MlflowConnection(SERVER.uri(), null, null, null, false)).registry()
                .version("m", "1")).isInstanceOf(MlflowException.class).hasMessageContaining("HTTP 401");
        assertThatThrownBy(() -> as("admin", "wrong").ping()).isInstanceOf(MlflowException.class)
                .hasMessageStartingWith("GET registered-models/search failed: HTTP 401");
        as("admin", PASSWORD).ping();
    }

    @Test
    public void shouldWriteRecordsWithoutAnyCredentialInThem() throws Exception {
        var run = SERVER.logModels("auth-test", 1, null,
                Map.of("MLFLOW_TRACKING_USERNAME", "admin", "MLFLOW_TRACKING_PASSWORD", PASSWORD)).runs().get(0);
        var mlflow = as("admin", PASSWORD);
        var html = FOLDER.newFile("validate.html").toPath();
        Files.writeString(html, "<!DOCTYPE html><title>report</title>");
        new RunRecorder(mlflow, Clock.systemUTC()).record(run,
                new StepRecord("validation", Verdict.PASSED, "PASSED", Map.of("roc_auc", 0.9), List.of(), List.of(html)));
        var registration = new Registrar(mlflow, Clock.systemUTC()).register(new RegistrationRequest(run, "model",
                "secured", "challenger", Map.of(), "", Lineage.fromEnvironment(Map.of()), false, Duration.ofSeconds(30)));
        new Approver(mlflow, Clock.systemUTC()).decide("secured", registration.version().version(), true, "admin", "ok");

        var status = VersionStatus.read(mlflow, "secured", null, "challenger");
        assertThat(status.version().tags()).containsEntry("mlcd.approval.status", "APPROVED");
        assertThat(status.version().toString()).doesNotContain(PASSWORD);
        assertThat(status.sourceRun().orElseThrow().tags().toString()).doesNotContain(PASSWORD);
        assertThat(new MlflowConnection(SERVER.uri(), null, "admin", PASSWORD, false).toString())
                .isEqualTo(SERVER.uri() + " (basic auth as admin)");
    }
}
