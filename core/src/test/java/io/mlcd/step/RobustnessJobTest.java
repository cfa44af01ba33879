package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.MlflowUi;
import io.mlcd.scoring.ScoringException;
import io.mlcd.testkit.MlflowModelServe;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.testkit.Ports;
import io.mlcd.util.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code testRobustness}'s work as it runs on a Jenkins agent, against a real {@code mlflow models
 * serve} of a decision tree that depends sharply on {@code income}: it travels there serialized,
 * reads the rows in the workspace, scores them and their perturbations, stages the report there and
 * publishes it after the record; it refuses names that leave the workspace and mistakes in one line
 * before scoring; a failing model leaves nothing staged. And what the controller records of its
 * report in a real MLflow run.
 */
public class RobustnessJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ClassRule
    public static final TemporaryFolder MODELS = new TemporaryFolder();

    @ClassRule
    public static final MlflowServer MLFLOW = new MlflowServer();

    private static MlflowModelServe tree;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path workspace;

    @BeforeClass
    public static void serveATree() throws Exception {
        MlflowModelServe.trainModels(MODELS.getRoot().toPath().resolve("m"), "--test-rows", "400");
        tree = MlflowModelServe.start(MODELS.getRoot().toPath().resolve("m/tree"));
    }

    @AfterClass
    public static void stopTheTree() {
        tree.close();
    }

    @Before
    public void copyTheRows() throws IOException {
        workspace = folder.newFolder("ws").toPath();
        Files.createDirectories(workspace.resolve("data"));
        Files.copy(MODELS.getRoot().toPath().resolve("m/test.csv"), workspace.resolve("data/test.csv"));
    }

    private static ScoringArguments served(final String url, final int retries) {
        return new ScoringArguments("data/test.csv", List.of("id"), url, null, null, 100, 2, 5, retries, null, null,
                null, null, null);
    }

    private static RobustnessJob job(final ScoringArguments scoring, final String profile, final List<String> perturb,
            final String savePerturbed, final List<String> gates, final List<String> warnings) {
        return new RobustnessJob(scoring, "label", profile, perturb, 7L, savePerturbed, 0.5, null, null,
                new WorkspaceGates(gates, warnings, null, "out/reports"));
    }

    private static RobustnessJob job(final List<String> perturb, final List<String> gates) {
        return job(served(tree.uri().toString(), 2), null, perturb, null, gates, List.of());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> WorkspaceJob<T> overTheWire(final WorkspaceJob<T> job) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(job);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (WorkspaceJob<T>) in.readObject();
        }
    }

    private List<Path> reportFiles() throws IOException {
        var reports = workspace.resolve("out/reports");
        if (!Files.exists(reports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.toList();
        }
    }

    @Test
    public void shouldScoreThePerturbedRowsOnTheAgentAndPublishTheReportOnlyWhenAsked() throws Exception {
        var job = overTheWire(job(served(tree.uri().toString(), 2), null, List.of("noise:income:0.25",
                "noise:balance:0.05"), "out/perturbed", List.of("flip_rate[noise:income:0.25] <= 0.01",
                "flip_rate[noise:balance:0.05] <= 0.2"), List.of()));

        var draft = job.run(workspace);

        JsonNode report = JSON.readTree(draft.report());
        assertThat(report.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(report.path("gates")).extracting(gate -> gate.path("outcome").asText())
                .containsExactly("FAILED", "PASSED");
        assertThat(report.path("columns").get(0).path("name").asText()).isEqualTo("income");
        assertThat(report.path("inputs").path("model").asText()).isEqualTo(tree.uri() + "/invocations");
        assertThat(report.path("inputs").path("rows").asInt()).isEqualTo(400);
        assertThat(report.path("perturbations")).extracting(p -> p.path("id").asText())
                .containsExactly("noise:income:0.25", "noise:balance:0.05");
        assertThat(workspace.resolve("out/perturbed")).isDirectoryContaining("glob:**/original.csv")
                .isDirectoryContaining("glob:**/noise_income_0.25.csv").isDirectoryContaining("glob:**/index.csv");
        assertThat(Files.readString(workspace.resolve("out/perturbed/original.csv"))).startsWith(
                "income,age,tenure,balance,region,mlcd_prediction\n");
        assertThat(reportFiles()).as("staged, not yet published").allMatch(file -> file.getFileName().toString()
                .startsWith("."));

        overTheWire(draft.publish()).run(workspace);

        assertThat(workspace.resolve("out/reports")).isDirectoryContaining("glob:**/robustness.json")
                .isDirectoryContaining("glob:**/robustness.html").isDirectoryContaining("glob:**/robustness.junit.xml");
        assertThat(JSON.readTree(workspace.resolve("out/reports/robustness.json").toFile())).isEqualTo(report);
        assertThat(ReportKind.ROBUSTNESS.headline(report)).containsOnlyKeys("max_flip_rate");
    }

    @Test
    public void shouldKeepTheModelUrlsPasswordOutOfEveryReportFile() throws Exception {
        var url = tree.uri().toString().replace("http://", "http://ci:s3cr%40t@") + "/?token=k3y";

        var draft = job(served(url, 0), null, List.of("missing:income"), null, List.of("max_flip_rate <= 1"),
                List.of()).run(workspace);
        overTheWire(draft.publish()).run(workspace);

        assertThat(JSON.readTree(draft.report()).path("inputs").path("model").asText())
                .isEqualTo(tree.uri() + "/invocations");
        for (String file : List.of("robustness.json", "robustness.html", "robustness.junit.xml")) {
            assertThat(Files.readString(workspace.resolve("out/reports").resolve(file))).as(file)
                    .doesNotContain("s3cr").doesNotContain("k3y").doesNotContain("ci:");
        }
    }

    @Test
    public void shouldGiveTheSameReportForTheSameSeed() throws Exception {
        var perturb = List.of("noise:*:0.1", "missing:*", "all:0.05");
        var first = (ObjectNode) JSON.readTree(job(perturb, List.of()).run(workspace).report());
        var second = (ObjectNode) JSON.readTree(job(perturb, List.of()).run(workspace).report());

        first.remove("created_at");
        second.remove("created_at");
        assertThat(second.path("perturbations")).isEqualTo(first.path("perturbations"));
        assertThat(second.path("metrics")).isEqualTo(first.path("metrics"));
    }

    @Test
    public void shouldRefuseFilesOutsideTheWorkspaceBeforeScoring() {
        var data = new RobustnessJob(new ScoringArguments("../test.csv", List.of(), tree.uri().toString(), null, null,
                100, 2, 5, 0, null, null, null, null, null), "label", null, List.of(), 7L, null, 0.5, null, null,
                new WorkspaceGates(List.of(), List.of(), null, "out/reports"));
        var profile = job(served(tree.uri().toString(), 0), "/etc/profile.json", List.of(), null, List.of(), List.of());
        var saved = job(served(tree.uri().toString(), 0), null, List.of(), "../perturbed", List.of(), List.of());
        var reports = new RobustnessJob(served(tree.uri().toString(), 0), "label", null, List.of(), 7L, null, 0.5,
                null, null, new WorkspaceGates(List.of(), List.of(), null, "../../reports"));

        assertThatThrownBy(() -> data.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'../test.csv' lies outside the workspace");
        assertThatThrownBy(() -> profile.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'/etc/profile.json' lies outside the workspace");
        assertThatThrownBy(() -> saved.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'../perturbed' lies outside the workspace");
        assertThatThrownBy(() -> reports.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'../../reports' lies outside the workspace");
    }

    @Test
    public void shouldRefuseMistakesInOneLineBeforeScoring() {
        var noData = new ScoringArguments(" ", List.of(), tree.uri().toString(), null, null, 100, 2, 5, 0, null, null,
                null, null, null);

        assertThatThrownBy(() -> job(noData, null, List.of(), null, List.of(), List.of()))
                .isInstanceOf(InputException.class)
                .hasMessage("data names no file: give the rows to perturb and score (CSV or JSON Lines)");
        var both = new ScoringArguments("data/test.csv", List.of(), tree.uri().toString(), "serve {port}", null, 100, 2,
                5, 0, null, null, null, null, null);
        assertThatThrownBy(() -> job(both, null, List.of(), null, List.of(), List.of()))
                .isInstanceOf(InputException.class).hasMessage("give the model: modelUrl or deployCommand, one of them");
        var neither = new ScoringArguments("data/test.csv", List.of(), null, null, null, 100, 2, 5, 0, null, null,
                null, null, null);
        assertThatThrownBy(() -> job(neither, null, List.of(), null, List.of(), List.of()))
                .isInstanceOf(InputException.class).hasMessage("give the model: modelUrl or deployCommand, one of them");
        assertThatThrownBy(() -> new RobustnessJob(served(tree.uri().toString(), 0), "label", null, List.of(), 7L,
                null, 1.5, null, null, new WorkspaceGates(List.of(), List.of(), null, "out")))
                .isInstanceOf(InputException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> job(List.of("wobble:income"), List.of()).run(workspace))
                .isInstanceOf(InputException.class).hasMessageContaining("wobble:income").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> job(List.of("missing:income"), List.of("flip_rate[noise:age:0.1] <= 0.1"))
                .run(workspace)).isInstanceOf(InputException.class)
                .hasMessageContaining("no perturbation 'noise:age:0.1' in this run").hasMessageContaining("missing:income")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> job(List.of("missing:nosuchcolumn"), List.of()).run(workspace))
                .isInstanceOf(InputException.class).hasMessageContaining("nosuchcolumn");
    }

    @Test
    public void shouldStageNothingWhenTheModelCannotBeReached() throws IOException {
        var job = job(served("http://127.0.0.1:" + Ports.free(), 0), null, List.of("missing:income"), null,
                List.of(), List.of());

        assertThatThrownBy(() -> job.run(workspace)).isInstanceOf(ScoringException.class)
                .hasMessageNotContaining("\n");
        assertThat(reportFiles()).isEmpty();
    }

    @Test
    public void shouldStartTheModelWithTheDeployCommandAndStopItAfterwards() throws Exception {
        var bin = MlflowModelServe.python().toAbsolutePath().getParent();
        var portFile = folder.getRoot().toPath().resolve("port");
        var script = folder.getRoot().toPath().resolve("serve.sh");
        // notes the port, then becomes mlflow (the venv's bin first on PATH, as an activated venv has it)
        Files.writeString(script, "echo $1 > '" + portFile + "'\nPATH='" + bin + "':$PATH exec mlflow models serve -m '"
                + MODELS.getRoot().toPath().resolve("m/tree") + "' --env-manager local -h 127.0.0.1 -p $1\n");
        var command = "bash " + script + " {port}";
        var scoring = new ScoringArguments("data/test.csv", List.of("id"), null, command, null, 100, 2, 10, 1, null,
                null, null, null, null);

        var report = JSON.readTree(job(scoring, null, List.of("missing:income"), null, List.of(), List.of())
                .run(workspace).report());

        assertThat(report.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(report.path("inputs").path("model").asText())
                .isEqualTo("the model served by bash … (arguments not shown)");
        assertThat(listens(Integer.parseInt(Files.readString(portFile).strip()))).as("the model still answers").isFalse();
    }

    private static boolean listens(final int port) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        }
        catch (ConnectException e) {
            return false;
        }
    }

    @Test
    public void shouldRecordTheReportInTheRunAsTheStepDoes() throws Exception {
        var run = MLFLOW.logModels("robustness-job", 1, null, Map.of()).runs().get(0);
        var report = (ObjectNode) JSON.readTree(job(List.of("noise:income:0.25", "missing:*"),
                List.of("max_flip_rate <= 0.9", "flip_rate[noise:income:0.25] <= 0.01")).run(workspace).report());
        var mlflow = new Mlflow(new MlflowConnection(MLFLOW.uri(), null, null, null, false));
        var log = new ArrayList<String>();

        new ReportRecorder(mlflow, new MlflowUi(MLFLOW.uri()), Clock.systemUTC(), log::add)
                .record(ReportKind.ROBUSTNESS, report, run, null, null);

        var recorded = mlflow.runs().get(run);
        assertThat(recorded.tag("mlcd.robustness.verdict")).contains("FAILED");
        assertThat(recorded.tag("mlcd.robustness.report")).contains("mlcd/robustness.html");
        assertThat(recorded.tag("mlcd.robustness.summary")).contains(report.path("summary").asText());
        assertThat(recorded.tag("mlcd.robustness.gates")).hasValueSatisfying(gates -> assertThat(gates)
                .contains("flip_rate[noise:income:0.25] <= 0.01").contains("\"outcome\":\"FAILED\""));
        assertThat(recorded.metrics()).containsKeys("max_flip_rate", "flip_rate.noise:income:0.25",
                "flip_rate.missing:_", "mean_abs_change.noise:income:0.25");
        assertThat(recorded.metrics().get("max_flip_rate"))
                .isEqualTo(report.path("metrics").path("max_flip_rate").asDouble());
        assertThat(log).containsExactly("recorded in MLflow run " + run);
    }
}
