package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Severity;
import io.mlcd.quality.DataCatalog;
import io.mlcd.quality.DataValidator;
import io.mlcd.quality.MetricHistory;
import io.mlcd.quality.SchemaYaml;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code validateData}'s work as it runs on a Jenkins agent: it travels there serialized, reads the
 * schema, batch and reference in the workspace, refuses names that leave it, writes the report files
 * there; and what the controller records of its report.
 */
public class DataValidationJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            schema_version: 1
            columns:
              id: {type: categorical, unique: true}
              age: {type: numeric, range: {min: 18, max: 95}}
              region: {type: categorical, domain: [north, south]}
              income: {type: numeric, completeness: {min: 0.99, severity: warn}, skew: {jensen_shannon: 0.2}}
            """;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path workspace;

    /** 200 clean rows; the batch has 3 ages out of range, one unknown region and 4 incomes missing. */
    @Before
    public void writeWorkspace() throws IOException {
        workspace = folder.newFolder("ws").toPath();
        Files.createDirectories(workspace.resolve("data"));
        Files.writeString(workspace.resolve("data/schema.yaml"), SCHEMA);
        var clean = new StringBuilder("id,age,region,income\n");
        var batch = new StringBuilder("id,age,region,income\n");
        for (int i = 0; i < 200; i++) {
            var row = "u" + i + "," + (20 + i % 60) + "," + (i % 2 == 0 ? "north" : "south") + "," + (1000 + i * 10);
            clean.append(row).append('\n');
            var age = i < 3 ? "150" : Integer.toString(20 + i % 60);
            var region = i == 7 ? "east" : i % 2 == 0 ? "north" : "south";
            var income = i >= 196 ? "" : Integer.toString(1000 + i * 10);
            batch.append("u").append(i).append(',').append(age).append(',').append(region).append(',').append(income)
                    .append('\n');
        }
        Files.writeString(workspace.resolve("data/clean.csv"), clean);
        Files.writeString(workspace.resolve("data/batch.csv"), batch);
    }

    private static WorkspaceGates gates(final List<String> gates, final List<String> warnings) {
        return new WorkspaceGates(gates, warnings, null, "out/reports");
    }

    private static DataValidationJob job(final String data, final WorkspaceGates gating) {
        return new DataValidationJob(List.of(data), "data/schema.yaml", List.of("data/clean.csv"), "production", null,
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
    public void shouldPassCleanDataAfterTravellingSerializedAndWriteTheThreeReportFiles() throws Exception {
        var job = overTheWire(job("data/clean.csv", gates(List.of("anomalies <= 0"), List.of())));

        JsonNode report = JSON.readTree(published(job));

        assertThat(report.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(report.path("command").asText()).isEqualTo("validate-data");
        assertThat(report.path("inputs").path("data")).extracting(JsonNode::asText).containsExactly("clean.csv");
        assertThat(report.path("inputs").path("schema").asText()).isEqualTo("schema.yaml");
        assertThat(report.path("inputs").path("dataset").asText()).isEqualTo("production");
        assertThat(report.path("metrics").path("row_count").asLong()).isEqualTo(200);
        assertThat(workspace.resolve("out/reports")).isDirectoryContaining("glob:**/validate-data.json")
                .isDirectoryContaining("glob:**/validate-data.html")
                .isDirectoryContaining("glob:**/validate-data.junit.xml");
        assertThat(JSON.readTree(workspace.resolve("out/reports/validate-data.json").toFile())).isEqualTo(report);
        assertThat(Files.readString(workspace.resolve("out/reports/validate-data.junit.xml")))
                .contains("name=\"range[age] in [18, 95]\"").contains("name=\"anomalies &lt;= 0\"");
    }

    @Test
    public void shouldFailOnTheBrokenConstraintsWithTheirCountsAndExamples() throws Exception {
        var report = JSON.readTree(published(job("data/batch.csv", gates(List.of(), List.of()))));

        assertThat(report.path("verdict").asText()).isEqualTo("FAILED");
        var anomalies = report.path("anomalies");
        assertThat(anomalies).extracting(a -> a.path("type").asText() + " " + a.path("column").asText() + " "
                + a.path("count").asLong() + " " + a.path("severity").asText())
                .containsExactly("low_completeness income 4 WARN", "out_of_range age 3 FAIL",
                        "out_of_domain region 1 FAIL");
        assertThat(anomalies.get(1).path("examples")).extracting(JsonNode::asText).containsExactly("150", "150", "150");
        assertThat(anomalies.get(2).path("examples")).extracting(JsonNode::asText).containsExactly("east");
    }

    @Test
    public void shouldWarnWhenOnlyAConstraintOfSeverityWarnOrAWarningFallsShort() throws Exception {
        Files.writeString(workspace.resolve("data/schema.yaml"), SCHEMA.replace("range: {min: 18, max: 95}",
                "range: {min: 18, max: 200}").replace("domain: [north, south]", "domain: [east, north, south]"));

        var report = JSON.readTree(published(job("data/batch.csv", gates(List.of("anomalies[out_of_range] <= 0"),
                List.of("row_count >= 1000")))));

        assertThat(report.path("verdict").asText()).isEqualTo("WARNING");
        assertThat(report.path("gates")).extracting(gate -> gate.path("expression").asText() + " "
                + gate.path("outcome").asText()).containsExactly("anomalies[out_of_range] <= 0 PASSED",
                        "row_count >= 1000 FAILED");
    }

    @Test
    public void shouldEscapeAHostileValueOfTheDataInEveryReportFile() throws Exception {
        var hostile = "<script>alert(1)</script>";
        Files.writeString(workspace.resolve("data/batch.csv"), Files.readString(workspace.resolve("data/batch.csv"))
                .replace(",east,", ",\"" + hostile + "\","));

        var report = JSON.readTree(published(job("data/batch.csv", gates(List.of(), List.of()))));

        assertThat(report.path("anomalies").get(2).path("examples").get(0).asText()).isEqualTo(hostile);
        var html = Files.readString(workspace.resolve("out/reports/validate-data.html"));
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
        assertThat(ReportKind.DATA.html(report)).isEqualTo(html);
        assertThat(Files.readString(workspace.resolve("out/reports/validate-data.junit.xml")))
                .doesNotContain("<script");
    }

    @Test
    public void shouldPutThePolicyFilesGatesAfterTheConstraintsAndBeforeTheStepsOwn() throws Exception {
        Files.writeString(workspace.resolve("policy.yaml"), "gates:\n  - anomalies[out_of_domain] <= 1\n");
        var gating = new WorkspaceGates(List.of("row_count >= 100"), List.of(), "policy.yaml", "reports");

        var report = JSON.readTree(published(job("data/batch.csv", gating)));

        assertThat(report.path("gates")).extracting(gate -> gate.path("expression").asText())
                .containsExactly("anomalies[out_of_domain] <= 1", "row_count >= 100");
        assertThat(workspace.resolve("reports/validate-data.json")).exists();
    }

    @Test
    public void shouldRefuseEveryFileAndFolderOutsideTheWorkspaceBeforeReadingAnything() {
        var gating = gates(List.of(), List.of());
        var refused = Map.of(
                "../batch.csv", new DataValidationJob(List.of("data/batch.csv", "../batch.csv"), "data/schema.yaml",
                        List.of(), "batch", null, gating),
                "/etc/schema.yaml", new DataValidationJob(List.of("data/batch.csv"), "/etc/schema.yaml", List.of(),
                        "batch", null, gating),
                "../../clean.csv", new DataValidationJob(List.of("data/batch.csv"), "data/schema.yaml",
                        List.of("../../clean.csv"), "batch", null, gating),
                "../policy.yaml", job("data/batch.csv", new WorkspaceGates(List.of(), List.of(), "../policy.yaml",
                        "reports")),
                "../reports", job("data/batch.csv", new WorkspaceGates(List.of(), List.of(), null, "../reports")));

        refused.forEach((name, job) -> assertThatThrownBy(() -> job.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'" + name + "' lies outside the workspace"));
        assertThatThrownBy(() -> new DataValidationJob(List.of("data/batch.csv"), "../schema.yaml", List.of(), "batch",
                null, gating).schemaColumns().run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'../schema.yaml' lies outside the workspace");
        assertThat(folder.getRoot().toPath().resolve("reports")).doesNotExist();
        assertThat(workspace.resolve("out")).doesNotExist();
    }

    @Test
    public void shouldRefuseMistakenOptionsInOneLineNamedAsTheStepNamesThem() {
        var gating = gates(List.of(), List.of());

        assertThatThrownBy(() -> new DataValidationJob(List.of(), "s.yaml", List.of(), "batch", null, gating))
                .isInstanceOf(InputException.class).hasMessageStartingWith("data names no file");
        assertThatThrownBy(() -> new DataValidationJob(List.of("b.csv"), null, List.of(), "batch", null, gating))
                .isInstanceOf(InputException.class).hasMessageStartingWith("schema names no file");
        assertThatThrownBy(() -> new DataValidationJob(List.of("b.csv"), "s.yaml", List.of(), "prod/../x", null,
                gating)).isInstanceOf(InputException.class)
                .hasMessage("dataset: 'prod/../x' is not a name of 1 to 64 letters, digits, '_' or '-'");
        assertThatThrownBy(() -> new DataValidationJob(List.of("b.csv"), "s.yaml", List.of(), "batch", 0, gating))
                .isInstanceOf(InputException.class).hasMessage("history must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> new DataValidationJob(List.of("b.csv"), "s.yaml", List.of(), "batch", 1001, gating))
                .isInstanceOf(InputException.class).hasMessage("history must be between 1 and 1000, got 1001");
    }

    @Test
    public void shouldRefuseAGateOnAColumnTheSchemaDoesNotNameAndAMalformedSchemaInOneLine() throws IOException {
        var unknownColumn = job("data/batch.csv", gates(List.of("completeness[salary] >= 0.9"), List.of()));
        Files.writeString(workspace.resolve("data/bad.yaml"), "schema_version: 1\ncolumns:\n  age: {type: numeric, "
                + "pattern: '^[0-9]+$'}\n");
        var badSchema = new DataValidationJob(List.of("data/batch.csv"), "data/bad.yaml", List.of(), "batch", null,
                gates(List.of(), List.of()));

        assertThatThrownBy(() -> unknownColumn.run(workspace)).isInstanceOf(InputException.class)
                .hasMessageContaining("salary").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> badSchema.run(workspace)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("pattern").hasMessageNotContaining("\n");
        assertThat(workspace.resolve("out")).doesNotExist();
    }

    @Test
    public void shouldReadTheSchemasColumnsOnTheAgentForTheControllerToReadTheHistory() throws Exception {
        var columns = overTheWire(job("data/batch.csv", gates(List.of(), List.of())).schemaColumns()).run(workspace);

        assertThat(columns).containsExactly("id", "age", "region", "income");
    }

    @Test
    public void shouldCompareWithTheHistoryTheControllerReadAndRefuseToRunWithoutIt() throws Exception {
        var asked = new DataValidationJob(List.of("data/batch.csv"), "data/schema.yaml", List.of("data/clean.csv"),
                "production", 2, gates(List.of("row_count_change <= 0.5"), List.of("completeness_change[income] <= 0.01")));
        var history = new MetricHistory(2, Map.of("data.production.row_count", List.of(100.0, 300.0),
                "data.production.completeness.income", List.of(1.0)));

        var report = JSON.readTree(published(overTheWire(asked.withHistory(history))));

        assertThat(report.path("metrics").path("row_count_change").asDouble()).isEqualTo(0.0);
        assertThat(report.path("metrics").path("completeness_change[income]").asDouble()).isCloseTo(0.02, within(1e-12));
        assertThat(report.path("verdict").asText()).isEqualTo("FAILED"); // the schema's constraints still count
        assertThat(report.path("history").path("series").path("data.production.row_count").path("earlier"))
                .extracting(JsonNode::asDouble).containsExactly(100.0, 300.0);
        assertThatThrownBy(() -> asked.run(workspace)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> asked.withHistory(new MetricHistory(3, Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void shouldRecordTheHistoryPointsTheValidatorComputesFromTheReportAlone() throws Exception {
        var report = JSON.readTree(published(job("data/batch.csv", gates(List.of(), List.of()))));
        var schema = SchemaYaml.read(workspace.resolve("data/schema.yaml"));
        var result = new DataValidator(schema, Optional.of(DataValidator.reference(List.of(
                workspace.resolve("data/clean.csv")), schema, Progress.NONE)), new GateParser(new DataCatalog())
                .policy(List.of(), List.of()), MetricHistory.NONE, "production").validate(
                List.of(workspace.resolve("data/batch.csv")), Progress.NONE);

        var recorded = ReportKind.DATA.metrics(report);

        var points = recorded.entrySet().stream().filter(entry -> entry.getKey().startsWith("data."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(points).isEqualTo(result.historyPoints()).containsEntry("data.production.completeness.income", 0.98)
                .containsEntry("data.production.row_count", 200.0).doesNotContainKey("data.production.mean.region");
        assertThat(recorded).containsEntry("anomalies", 3.0).containsEntry("out_of_range_count[age]", 3.0);
    }

    @Test
    public void shouldRecordTheConstraintsThenTheUsersGatesAndChartTheAnomaliesPerDataset() throws Exception {
        var report = JSON.readTree(published(job("data/batch.csv", gates(List.of("row_count >= 100"), List.of()))));

        var gates = ReportKind.DATA.gates(report);

        assertThat(gates).extracting(result -> result.gate().expression()).startsWith("new_columns fail",
                "column[id] present", "unique[id]").contains("range[age] in [18, 95]", "domain[region]")
                .endsWith("skew[income] <= 0.2", "row_count >= 100");
        var range = gates.stream().filter(result -> result.gate().expression().equals("range[age] in [18, 95]"))
                .findFirst().orElseThrow();
        assertThat(range.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(range.gate().severity()).isEqualTo(Severity.FAIL);
        assertThat(gates).filteredOn(result -> result.gate().expression().startsWith("completeness[income]"))
                .extracting(GateResult::outcome, result -> result.gate().severity())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.FAILED, Severity.WARN));
        assertThat(gates).hasSize(report.path("constraints").size() + 1);
        assertThat(ReportKind.DATA.headline(report)).containsExactly(Map.entry("data.production.anomalies", 3.0));
        assertThat(ReportKind.DATA.html(report)).contains("validate-data");
    }

    @Test
    public void shouldStageTheReportInvisiblyAndPublishItOnlyWhenAsked() throws Exception {
        var draft = overTheWire(job("data/batch.csv", gates(List.of(), List.of()))).run(workspace);
        var reports = workspace.resolve("out/reports");

        assertThat(reports).isDirectoryNotContaining("glob:**/validate-data.*");
        assertThat(reports.resolve(draft.staging())).isDirectoryContaining("glob:**/validate-data.json");

        overTheWire(draft.publish()).run(workspace);

        assertThat(JSON.readTree(reports.resolve("validate-data.json").toFile()))
                .isEqualTo(JSON.readTree(draft.report()));
        assertThat(reports).isDirectoryContaining("glob:**/validate-data.html")
                .isDirectoryContaining("glob:**/validate-data.junit.xml");
        assertThat(reports.resolve(draft.staging())).doesNotExist();
    }

    @Test
    public void shouldDiscardTheStagedReportAndTheFoldersMadeForIt() throws Exception {
        Files.createDirectories(workspace.resolve("kept"));
        Files.writeString(workspace.resolve("kept/validate-data.json"), "{}");
        var draft = job("data/batch.csv", new WorkspaceGates(List.of(), List.of(), null, "out/reports")).run(workspace);
        var keptDraft = job("data/batch.csv", new WorkspaceGates(List.of(), List.of(), null, "kept")).run(workspace);

        overTheWire(draft.discard()).run(workspace);
        overTheWire(keptDraft.discard()).run(workspace);

        assertThat(workspace.resolve("out")).doesNotExist();
        assertThat(workspace.resolve("kept")).isDirectoryContaining("glob:**/validate-data.json");
        assertThat(Files.readString(workspace.resolve("kept/validate-data.json"))).isEqualTo("{}");
        try (var left = Files.list(workspace.resolve("kept"))) {
            assertThat(left).hasSize(1);
        }
    }

    @Test
    public void shouldRefuseAnUnwritableReportFolderBeforeReadingAnyData() throws Exception {
        Files.writeString(workspace.resolve("reports"), "a file");
        var job = job("data/missing.csv", new WorkspaceGates(List.of(), List.of(), null, "reports"));

        assertThatThrownBy(() -> job.run(workspace)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("reportDir ").hasMessageEndingWith("is not a folder")
                .hasMessageNotContaining("missing.csv");
        assertThat(Files.readString(workspace.resolve("reports"))).isEqualTo("a file");
    }

    @Test
    public void shouldTakeTheDefaultReportFolderForABlankOrUnsetOne() throws Exception {
        assertThat(new WorkspaceGates(List.of(), List.of(), null, "  ").reportDir()).isEqualTo("mlcd-reports");
        assertThat(new WorkspaceGates(List.of(), List.of(), null, null).reportDir()).isEqualTo("mlcd-reports");

        published(job("data/batch.csv", new WorkspaceGates(List.of(), List.of(), null, " ")));

        assertThat(workspace.resolve("mlcd-reports/validate-data.json")).exists();
        assertThat(workspace.resolve("validate-data.json")).doesNotExist();
    }

    @Test
    public void shouldRefuseToPublishAStagingFolderOutsideTheReportFolder() {
        Stream.of("../ws", ".mlcd-x/../../data", "data").forEach(staging -> assertThatThrownBy(() ->
                new ReportDraft("{}", "validate-data", "out", staging, null).publish().run(workspace))
                .isInstanceOf(IllegalArgumentException.class));
        assertThat(workspace.resolve("data/batch.csv")).exists();
    }

    @Test
    public void shouldSayWhyAHistoryTypedInTheFormIsNotOne() {
        assertThat(DataValidationJob.historyProblem(null)).isEmpty();
        assertThat(DataValidationJob.historyProblem(" ")).isEmpty();
        assertThat(DataValidationJob.historyProblem("1")).isEmpty();
        assertThat(DataValidationJob.historyProblem("1000")).isEmpty();
        assertThat(DataValidationJob.historyProblem("0")).contains("history must be between 1 and 1000, got 0");
        assertThat(DataValidationJob.historyProblem("1001")).contains("history must be between 1 and 1000, got 1001");
        assertThat(DataValidationJob.historyProblem("ten")).contains("history: 'ten' is not a whole number");
        assertThat(DataValidationJob.historyProblem("99999999999999999999")).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("history: ").endsWith("is too large"));
    }
}
