package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.registry.Lineage;
import io.mlcd.util.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The steps' work in a workspace, as it runs on a Jenkins agent: it travels there serialized,
 * reads the workspace's files, refuses names that leave it, and writes its reports there.
 */
public class WorkspaceJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path workspace;

    @Before
    public void writeData() throws IOException {
        workspace = folder.newFolder("ws").toPath();
        var predictions = new StringBuilder("label,score,region\n");
        var reference = new StringBuilder("age,region\n");
        var current = new StringBuilder("age,region\n");
        for (int i = 0; i < 200; i++) {
            var positive = i % 2 == 0;
            predictions.append(positive ? 1 : 0).append(',').append(positive ? 0.6 + i % 5 * 0.05 : 0.1 + i % 7 * 0.05)
                    .append(',').append(i % 3 == 0 ? "north" : "south").append('\n');
            reference.append(20 + i % 40).append(',').append(i % 2 == 0 ? "north" : "south").append('\n');
            current.append(60 + i % 40).append(',').append(i % 2 == 0 ? "north" : "south").append('\n');
        }
        Files.writeString(workspace.resolve("predictions.csv"), predictions);
        Files.writeString(workspace.resolve("reference.csv"), reference);
        Files.writeString(workspace.resolve("current.csv"), current);
    }

    private static WorkspaceGates gates(final List<String> gates, final List<String> warnings) {
        return new WorkspaceGates(gates, warnings, null, "out/reports");
    }

    private static ValidationJob validation(final String predictions, final WorkspaceGates gating) {
        return new ValidationJob(predictions, "label", "score", null, List.of("region"), null, null, 0.5, null, null,
                gating);
    }

    /** Runs the job as the step does when nothing is recorded: the agent stages the report, then publishes it. */
    private String published(final WorkspaceJob<ReportDraft> job) throws Exception {
        var draft = job.run(workspace);
        overTheWire(draft.publish()).run(workspace);
        return draft.report();
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

    @Test
    public void shouldValidateInTheWorkspaceAfterTravellingSerializedAndWriteTheReportThere() throws Exception {
        var job = overTheWire(validation("predictions.csv", gates(List.of("roc_auc >= 0.9"), List.of("log_loss <= 0.01"))));

        JsonNode report = JSON.readTree(published(job));

        assertThat(report.path("verdict").asText()).isEqualTo("WARNING");
        assertThat(report.path("gates")).extracting(gate -> gate.path("expression").asText())
                .containsExactly("roc_auc >= 0.9", "log_loss <= 0.01");
        assertThat(report.path("metrics").path("roc_auc").asDouble()).isEqualTo(1.0);
        assertThat(workspace.resolve("out/reports")).isDirectoryContaining("glob:**/validate.json")
                .isDirectoryContaining("glob:**/validate.html").isDirectoryContaining("glob:**/validate.junit.xml");
        assertThat(JSON.readTree(workspace.resolve("out/reports/validate.json").toFile())).isEqualTo(report);
    }

    @Test
    public void shouldPutThePolicyFilesGatesBeforeTheStepsOwn() throws Exception {
        Files.writeString(workspace.resolve("policy.yaml"), "gates:\n  - log_loss <= 0.01\n");
        var gating = new WorkspaceGates(List.of("roc_auc >= 0.9"), List.of(), "policy.yaml", "reports");

        var report = JSON.readTree(published(validation("predictions.csv", gating)));

        assertThat(report.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(report.path("gates")).extracting(gate -> gate.path("expression").asText())
                .containsExactly("log_loss <= 0.01", "roc_auc >= 0.9");
    }

    @Test
    public void shouldRefuseFilesAndFoldersOutsideTheWorkspaceBeforeReadingAnything() {
        var outside = validation("../predictions.csv", gates(List.of("roc_auc >= 0.9"), List.of()));
        var policyOutside = validation("predictions.csv",
                new WorkspaceGates(List.of(), List.of(), "/etc/passwd", "reports"));
        var reportsOutside = validation("predictions.csv", new WorkspaceGates(List.of("roc_auc >= 0.9"), List.of(),
                null, "../../reports"));

        assertThatThrownBy(() -> outside.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'../predictions.csv' lies outside the workspace");
        assertThatThrownBy(() -> policyOutside.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'/etc/passwd' lies outside the workspace");
        assertThatThrownBy(() -> reportsOutside.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'../../reports' lies outside the workspace");
        assertThat(folder.getRoot().toPath().resolve("reports")).doesNotExist();
    }

    @Test
    public void shouldRefuseAMalformedGateOfTheStepInOneLineNamingIt() {
        var job = validation("predictions.csv", gates(List.of("roc_auc >= high"), List.of()));

        assertThatThrownBy(() -> job.run(workspace)).isInstanceOf(InputException.class)
                .hasMessageContaining("roc_auc >= high").hasMessageNotContaining("\n");
    }

    @Test
    public void shouldCheckDriftWithTheColumnOptionsAsTheStepNamesThem() throws Exception {
        var job = overTheWire(new DriftJob(List.of("reference.csv"), List.of("current.csv"), null, List.of("age=psi"),
                List.of("age=0.2"), List.of("region=categorical"), null, null, null,
                gates(List.of("drift_share <= 0.9"), List.of("drift_share <= 0.1"))));

        var report = JSON.readTree(published(job));

        assertThat(report.path("verdict").asText()).isEqualTo("WARNING");
        assertThat(report.path("metrics").path("drift_share").asDouble()).isEqualTo(0.5);
        assertThat(workspace.resolve("out/reports/drift.html")).exists();
    }

    @Test
    public void shouldRefuseAColumnOptionInOneLineWithTheStepsName() {
        var badTest = new DriftJob(List.of("reference.csv"), List.of("current.csv"), null, List.of("age"), List.of(),
                List.of(), null, null, null, gates(List.of(), List.of()));
        var badType = new DriftJob(List.of("reference.csv"), List.of("current.csv"), null, List.of(), List.of(),
                List.of("age=text"), null, null, null, gates(List.of(), List.of()));

        assertThatThrownBy(() -> badTest.run(workspace)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("columnTests");
        assertThatThrownBy(() -> badType.run(workspace)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("columnTypes");
    }

    @Test
    public void shouldHashDataFilesWhereTheyAreUnderTheirFileNames() throws Exception {
        Files.createDirectories(workspace.resolve("data"));
        Files.writeString(workspace.resolve("data/train.csv"), "abc");

        var hashes = overTheWire(new DataHashes(List.of("data/train.csv", "reference.csv"))).run(workspace);

        assertThat(hashes).containsEntry("train.csv", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                .containsEntry("reference.csv", Lineage.sha256(workspace.resolve("reference.csv")));
        assertThat(hashes.keySet()).containsExactly("train.csv", "reference.csv");
        assertThatThrownBy(() -> new DataHashes(List.of("../secret")).run(workspace))
                .isInstanceOf(InputException.class).hasMessage("'../secret' lies outside the workspace");
    }

    @Test
    public void shouldTakeTheDefaultHealthPathForABlankOneAndStripTheTemplate() {
        var deployment = new CanaryDeployment("  serve --port {port} ", " ", "churn", "7");

        assertThat(deployment.template()).isEqualTo("serve --port {port}");
        assertThat(deployment.healthPath()).isEqualTo("/health");
        assertThat(new CanaryDeployment("serve {port}", " /ready ", "churn", "7").healthPath()).isEqualTo("/ready");
    }

    @Test
    public void shouldTakeTheDefaultHealthPathForAnUnsetOne() {
        // healthPath: env.UNSET in a Pipeline script reaches the step as null
        assertThat(new CanaryDeployment("serve {port}", null, "churn", "7").healthPath()).isEqualTo("/health");
    }
}
