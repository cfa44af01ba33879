package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.registry.DataHistoryReader;
import io.mlcd.registry.Lineage;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.MlflowUi;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code validateData}'s loop through a real MLflow server, as the step runs it: the schema's
 * columns read on the agent, the history read on the controller, the validation on the agent, the
 * record (with one point per history series) from the controller; the next run compares with it.
 */
public class DataRecordTargetTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String run;
    private static String versionRun;
    private static String version;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @BeforeClass
    public static void registerAModel() throws Exception {
        var runs = SERVER.logModels("data-record-target", 2, null, Map.of()).runs();
        run = runs.get(0);
        versionRun = runs.get(1);
        version = new Registrar(mlflow(), Clock.systemUTC()).register(new RegistrationRequest(versionRun, "model",
                "validated-data", null, Map.of(), "", Lineage.fromEnvironment(Map.of()), false, Duration.ofSeconds(30)))
                .version().version();
    }

    private static Mlflow mlflow() {
        return new Mlflow(new MlflowConnection(SERVER.uri(), null, null, null, false));
    }

    /** A workspace with a schema and a batch of {@code rows} rows, x = 0, 1, …, with a tenth of x missing. */
    private Path workspace(final int rows) throws IOException {
        var workspace = folder.newFolder().toPath();
        Files.writeString(workspace.resolve("schema.yaml"), """
                schema_version: 1
                columns:
                  x: {type: numeric, range: {min: 0, max: 1000}, completeness: 0.5}
                  kind: {type: categorical, domain: [a, b]}
                """);
        var batch = new StringBuilder("x,kind\n");
        for (int i = 0; i < rows; i++) {
            batch.append(i % 10 == 0 ? "" : Integer.toString(i)).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(workspace.resolve("batch.csv"), batch);
        return workspace;
    }

    /** One run of the step: columns on the agent, history on the controller, validation, record. */
    private static JsonNode validateAndRecord(final Path workspace, final DataRecordTarget target, final Instant at) {
        var job = new DataValidationJob(List.of("batch.csv"), "schema.yaml", List.of(), "production", 2,
                new WorkspaceGates(List.of("row_count_change <= 0.4"), List.of(), null, "reports"));
        var columns = job.schemaColumns().run(workspace);
        var history = target.history(mlflow(), "production", columns, 2);
        var draft = job.withHistory(history).run(workspace);
        var document = parse(draft.report());
        new ReportRecorder(mlflow(), new MlflowUi(SERVER.uri()), Clock.fixed(at, ZoneOffset.UTC), line -> { })
                .record(ReportKind.DATA, document, target.runId(), target.model(), target.version());
        draft.publish().run(workspace);
        return document;
    }

    private static ObjectNode parse(final String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void shouldCompareEachBatchWithTheRecordsBeforeItAndAppendItsOwnPoints() throws Exception {
        var target = new DataRecordTarget(run, null, null);
        var start = Instant.parse("2026-12-01T00:00:00Z");

        var first = validateAndRecord(workspace(200), target, start);
        var second = validateAndRecord(workspace(220), target, start.plusSeconds(60));
        var halved = validateAndRecord(workspace(100), target, start.plusSeconds(120));

        assertThat(first.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(first.path("metrics").path("row_count_change").asDouble()).isZero();
        assertThat(first.path("history").path("series").path("data.production.row_count").path("note").asText())
                .isEqualTo("no earlier record");
        assertThat(second.path("metrics").path("row_count_change").asDouble()).isEqualTo(0.1);
        assertThat(halved.path("history").path("series").path("data.production.row_count").path("earlier"))
                .extracting(JsonNode::asDouble).containsExactly(200.0, 220.0);
        assertThat(halved.path("metrics").path("row_count_change").asDouble()).isCloseTo(110.0 / 210, within(1e-12));
        assertThat(halved.path("verdict").asText()).isEqualTo("FAILED");
        var recorded = new DataHistoryReader(mlflow()).read(run, "production", List.of("x", "kind"), 10);
        assertThat(recorded.get("data.production.row_count")).containsExactly(200.0, 220.0, 100.0);
        assertThat(recorded.get("data.production.completeness.x")).containsExactly(0.9, 0.9, 0.9);
        assertThat(recorded.get("data.production.completeness.kind")).containsExactly(1.0, 1.0, 1.0);
        assertThat(recorded.get("data.production.mean.kind")).isEmpty();
        assertThat(recorded.get("data.production.mean.x")).hasSize(3);
        var tags = mlflow().runs().get(run);
        assertThat(tags.tag("mlcd.data.verdict")).contains("FAILED");
        assertThat(tags.tag("mlcd.data.report")).contains("mlcd/validate-data.html");
        assertThat(tags.tag("mlcd.data.gates")).hasValueSatisfying(gates -> assertThat(gates)
                .contains("range[x] in [0, 1000]", "domain[kind]", "row_count_change <= 0.4"));
    }

    @Test
    public void shouldKeepTheHistoryOfAModelVersionInItsRun() throws Exception {
        var target = new DataRecordTarget(null, "validated-data", version);

        var report = validateAndRecord(workspace(50), target, Instant.parse("2026-12-02T00:00:00Z"));

        assertThat(report.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(new DataHistoryReader(mlflow()).read(versionRun, "production", List.of("x"), 5)
                .get("data.production.row_count")).containsExactly(50.0);
        assertThat(target.history(mlflow(), "production", List.of("x"), 5).points("data.production.row_count"))
                .containsExactly(50.0);
        assertThat(mlflow().registry().version("validated-data", version).orElseThrow().tag("mlcd.data.verdict"))
                .contains("PASSED");
    }

    @Test
    public void shouldRefuseAHistoryWithoutRecordsAndTargetsThatAreNotOneRunOrOneVersion() {
        var nowhere = new DataRecordTarget(null, null, null);

        assertThat(nowhere.isSet()).isFalse();
        nowhere.checkHistory(null);
        assertThatThrownBy(() -> nowhere.checkHistory(5)).isInstanceOf(InputException.class)
                .hasMessage("history needs the records to compare with: give runId, or name and version");
        assertThatThrownBy(() -> new DataRecordTarget("run", "model", "3")).isInstanceOf(InputException.class)
                .hasMessage("record in a run (runId) or a model version (name, version), not both");
        assertThatThrownBy(() -> new DataRecordTarget(null, "model", null)).isInstanceOf(InputException.class)
                .hasMessage("name needs version (the model version to record on)");
        assertThatThrownBy(() -> new DataRecordTarget(null, null, "3")).isInstanceOf(InputException.class)
                .hasMessage("version needs name (the registered model)");
        assertThatThrownBy(() -> new DataRecordTarget(null, "model", "latest")).isInstanceOf(InputException.class)
                .hasMessage("version must be a model version number such as 7, got 'latest'");
        assertThatThrownBy(() -> new DataRecordTarget(null, "validated-data", "99").history(mlflow(), "production",
                List.of("x"), 2)).isInstanceOf(InputException.class).hasMessageContaining("no version 99");
    }
}
