package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.registry.Lineage;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.MlflowException;
import io.mlcd.registry.MlflowUi;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/** A step's report recorded from the controller, as the Jenkins steps do it, against a real MLflow server. */
public class ReportRecorderTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    private static List<String> runs;
    private static String version;

    @BeforeClass
    public static void logModels() throws Exception {
        runs = SERVER.logModels("report-recorder", 3, null, Map.of()).runs();
        version = new Registrar(mlflow(), Clock.systemUTC()).register(new RegistrationRequest(runs.get(1), "model",
                "recorded", null, Map.of(), "", Lineage.fromEnvironment(Map.of()), false, Duration.ofSeconds(30)))
                .version().version();
    }

    private static Mlflow mlflow() {
        return new Mlflow(new MlflowConnection(SERVER.uri(), null, null, null, false));
    }

    private static ObjectNode validation() throws IOException {
        try (var in = ReportRecorderTest.class.getResourceAsStream("/io/mlcd/report/validate-binary.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    private static ReportRecorder recorder(final List<String> log) {
        return new ReportRecorder(mlflow(), new MlflowUi(SERVER.uri()), Clock.systemUTC(), log::add);
    }

    @Test
    public void shouldRecordInTheRunAndLinkToItsPage() throws IOException {
        var run = runs.get(0);
        var log = new ArrayList<String>();

        var links = recorder(log).record(ReportKind.VALIDATION, validation(), run, null, null);

        var recorded = mlflow().runs().get(run);
        assertThat(recorded.tag("mlcd.validation.verdict")).contains("PASSED");
        assertThat(recorded.tag("mlcd.validation.summary")).contains("PASSED: all 6 gates passed");
        assertThat(recorded.tag("mlcd.validation.report")).contains("mlcd/validate.html");
        assertThat(recorded.tag("mlcd.validation.gates")).hasValueSatisfying(gates -> assertThat(gates)
                .contains("roc_auc >= baseline - 0.01"));
        assertThat(log).containsExactly("recorded in MLflow run " + run);
        assertThat(links).containsExactly(new ReportLink("MLflow run " + run,
                new MlflowUi(SERVER.uri()).run(recorded.experimentId(), run)));
    }

    @Test
    public void shouldRecordOnTheModelVersionAndLinkToIt() throws IOException {
        var log = new ArrayList<String>();

        var links = recorder(log).record(ReportKind.VALIDATION, validation(), null, "recorded", version);

        assertThat(mlflow().registry().version("recorded", version).orElseThrow().tag("mlcd.validation.verdict"))
                .contains("PASSED");
        assertThat(mlflow().runs().get(runs.get(1)).tag("mlcd.validation.verdict")).contains("PASSED");
        assertThat(log).containsExactly("recorded on version " + version + " of 'recorded'");
        assertThat(links).containsExactly(new ReportLink("MLflow model 'recorded' version " + version,
                SERVER.uri() + "/#/models/recorded/versions/" + version));
    }

    @Test
    public void shouldLeaveOutAVersionWithoutANameAndRecordNothingWithoutARunOrVersion() throws IOException {
        var log = new ArrayList<String>();

        assertThat(recorder(log).record(ReportKind.VALIDATION, validation(), null, null, version)).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    public void shouldSayWhereARecordFailedInOneLine() {
        var log = new ArrayList<String>();

        assertThatThrownBy(() -> recorder(log).record(ReportKind.VALIDATION, validation(), "no-such-run", null, null))
                .isInstanceOf(MlflowException.class).hasMessageStartingWith("recording in MLflow run no-such-run failed: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> recorder(log).record(ReportKind.VALIDATION, validation(), null, "recorded", "99"))
                .isInstanceOf(InputException.class).hasMessage("model 'recorded' has no version 99 in the MLflow registry");
        assertThat(log).isEmpty();
    }

    @Test
    public void shouldCheckBeforeAnyDataIsReadThatTheRecordCanBeMade() {
        var log = new ArrayList<String>();
        var recorder = recorder(log);

        recorder.check(runs.get(0), null, null);
        recorder.check(null, "recorded", version);
        assertThatThrownBy(() -> recorder.check("no-such-run", null, null)).isInstanceOf(MlflowException.class)
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> recorder.check(null, "recorded", "99")).isInstanceOf(InputException.class)
                .hasMessage("model 'recorded' has no version 99 in the MLflow registry");
        assertThatThrownBy(() -> recorder.check(null, "recorded", "v2")).isInstanceOf(InputException.class)
                .hasMessage("version must be a model version number such as 7, got 'v2'");
        assertThatThrownBy(() -> recorder.check(" ", null, null)).isInstanceOf(InputException.class)
                .hasMessage("runId must not be empty");
        assertThat(mlflow().runs().get(runs.get(0)).tag("mlcd.validation.verdict")).isEmpty();
        assertThat(log).isEmpty();
    }
}
