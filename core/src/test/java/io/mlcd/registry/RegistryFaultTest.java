package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.Verdict;
import io.mlcd.testkit.FaultProxy;
import io.mlcd.testkit.MlflowServer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Registration when the real MLflow server dies half-way or hangs, through a relay that injects the fault. */
public class RegistryFaultTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static Mlflow direct() {
        return new Mlflow(new MlflowConnection(SERVER.uri(), null, null, null, false));
    }

    @Test
    public void shouldCompleteWithoutADuplicateWhenTheServerDiesAfterCreatingTheVersion() throws Exception {
        var run = SERVER.logModels("fault-test", 1, null, Map.of()).runs().get(0);
        var html = FOLDER.newFile("validate.html").toPath();
        Files.writeString(html, "<!DOCTYPE html><title>report</title>");
        new RunRecorder(direct(), Clock.systemUTC()).record(run,
                new StepRecord("validation", Verdict.PASSED, "PASSED", Map.of(), List.of(), List.of(html)));
        var request = new RegistrationRequest(run, "model", "crash", "challenger", Map.of(), "",
                Lineage.fromEnvironment(Map.of("BUILD_URL", "https://ci.example/job/crash/7/")), false,
                Duration.ofSeconds(30));

        try (var proxy = new FaultProxy(SERVER.uri())) {
            var viaProxy = new Mlflow(new MlflowConnection(proxy.uri(), null, null, null, false));
            proxy.loseAnswerTo("POST /api/2.0/mlflow/model-versions/create", SERVER::stop);
            assertThatThrownBy(() -> new Registrar(viaProxy, Clock.systemUTC()).register(request))
                    .isInstanceOf(MlflowException.class).hasMessageContaining("cannot reach MLflow");
        }
        SERVER.start();
        assertThat(direct().registry().versions("crash")).hasSize(1); // the server did create it
        assertThat(direct().registry().aliases("crash")).isEmpty();

        var retried = new Registrar(direct(), Clock.systemUTC()).register(request);

        assertThat(retried.created()).isFalse();
        assertThat(direct().registry().versions("crash")).hasSize(1);
        assertThat(direct().registry().aliases("crash")).containsEntry("challenger", retried.version().version());
    }

    @Test
    public void shouldTimeOutOnAServerThatDoesNotAnswer() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.hang();
            var hung = new Mlflow(new MlflowConnection(proxy.uri(), null, null, null, false)
                    .withTimeout(Duration.ofSeconds(1)));
            assertThatThrownBy(() -> hung.registry().version("any", "1")).isInstanceOf(MlflowException.class)
                    .hasMessage("GET model-versions/get: MLflow at " + proxy.uri() + " did not answer within 1 s (4 attempts)");
            assertThat(hung.calls()).isEqualTo(MlflowHttp.ATTEMPTS);
        }
    }
}
