package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The report files: well-formed whatever the inputs hold, and never left behind claiming a
 * verdict when the command ends with exit status 2, nor as temporary files.
 */
public class ReportFilesTest {
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path root;
    private Path predictions;
    private String nowhere;

    @Before
    public void createData() throws IOException {
        root = folder.getRoot().toPath();
        var rows = new StringBuilder("label,score,region\n");
        var regions = new String[] {"<e&\"'>", "we\u0001st", "s\u00fcd \uD83D\uDE00", "north\u001b[31m"};
        for (int i = 0; i < 400; i++) {
            var label = i % 2;
            rows.append(label).append(',').append(label == 1 ? 0.55 + (i % 9) * 0.05 : 0.05 + (i % 11) * 0.05)
                    .append(",\"").append(regions[i / 2 % 4].replace("\"", "\"\"")).append("\"\n");
        }
        predictions = root.resolve("p.csv");
        Files.writeString(predictions, rows);
        try (var socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static Document xml(final Path file) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static List<String> names(final Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    public void shouldWriteWellFormedReportsWhateverTheDataHolds() throws Exception {
        var reports = root.resolve("reports");
        var gate = "recall[region=<e&\"'>] >= 0.5";
        var run = CliRun.of("validate", "--predictions", predictions.toString(), "--score", "score", "--group",
                "region", "--gate", gate, "--warn", "roc_auc >= 0.99", "--gate", "recall[region=nowhere] >= 0.5",
                "--report-dir", reports.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(names(reports)).containsExactly("validate.html", "validate.json", "validate.junit.xml");
        var document = xml(reports.resolve("validate.junit.xml"));
        var cases = document.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo(gate);
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) cases.item(1)).getAttribute("name")).isEqualTo("recall[region=nowhere] >= 0.5");
        assertThat(((Element) cases.item(2)).getAttribute("name")).isEqualTo("roc_auc >= 0.99");
        assertThat(((Element) cases.item(2)).getElementsByTagName("property").item(0).getAttributes()
                .getNamedItem("value").getNodeValue()).isEqualTo("WARN");
        JsonNode json = JSON.readTree(reports.resolve("validate.json").toFile());
        var groups = new ArrayList<String>();
        json.path("groups").path("region").forEach(group -> groups.add(group.path("group").asText()));
        assertThat(groups).contains("<e&\"'>", "we\u0001st", "s\u00fcd \uD83D\uDE00", "north\u001b[31m");
        assertThat(Files.readString(reports.resolve("validate.html"))).doesNotContain("<e&").contains("&lt;e&amp;");
    }

    @Test
    public void shouldLeaveNoReportWhenTheMlflowRecordFails() throws IOException {
        var reports = root.resolve("reports");
        var run = CliRun.of("validate", "--predictions", predictions.toString(), "--score", "score",
                "--gate", "roc_auc >= 0.5", "--run-id", "0123abc", "--tracking-uri", nowhere, "--mlflow-timeout", "2",
                "--report-dir", reports.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("mlcd: error: recording in MLflow failed, so no report was written to "
                + reports + ": ").hasLineCount(1);
        assertThat(reports).doesNotExist();
    }

    @Test
    public void shouldKeepTheEarlierReportWhenTheRecordFails() throws IOException {
        var reports = root.resolve("reports");
        var passed = CliRun.of("validate", "--predictions", predictions.toString(), "--score", "score",
                "--gate", "roc_auc >= 0.5", "--report-dir", reports.toString());
        assertThat(passed.status()).isZero();
        var before = Files.readString(reports.resolve("validate.json"));

        var failed = CliRun.of("validate", "--predictions", predictions.toString(), "--score", "score",
                "--gate", "roc_auc >= 0.99", "--run-id", "0123abc", "--tracking-uri", nowhere, "--report-dir",
                reports.toString());

        assertThat(failed.status()).isEqualTo(2);
        assertThat(names(reports)).containsExactly("validate.html", "validate.json", "validate.junit.xml");
        assertThat(reports.resolve("validate.json")).hasContent(before);
    }

    /** In a JVM of its own, whose temporary directory the test can watch. */
    private Process mlcd(final Path temporary, final Map<String, String> environment, final String... args)
            throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"), Mlcd.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectOutput(root.resolve("out.txt").toFile())
                .redirectError(root.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("MLFLOW_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    @Test
    public void shouldLeaveNothingInTheTemporaryDirectoryAfterAFailedRecord() throws Exception {
        var temporary = Files.createDirectory(root.resolve("tmp"));

        var process = mlcd(temporary, Map.of(), "validate", "--predictions", predictions.toString(), "--score", "score",
                "--gate", "roc_auc >= 0.5", "--run-id", "0123abc", "--tracking-uri", nowhere, "--mlflow-timeout", "2");

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(root.resolve("err.txt"))).startsWith("mlcd: error: ").hasLineCount(1);
        assertThat(names(temporary)).isEmpty();
    }

    @Test
    public void shouldCheckTheCertificatesBeforeReadingTheData() throws Exception {
        var temporary = Files.createDirectory(root.resolve("tmp"));
        var missing = root.resolve("missing.csv");

        var process = mlcd(temporary, Map.of("MLFLOW_TRACKING_SERVER_CERT_PATH", root.resolve("ca.pem").toString()),
                "validate", "--predictions", missing.toString(), "--score", "score", "--run-id", "0123abc",
                "--tracking-uri", "https://mlflow.example", "--report-dir", root.resolve("reports").toString());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(root.resolve("err.txt"), StandardCharsets.UTF_8))
                .startsWith("mlcd: error: cannot read MLFLOW_TRACKING_SERVER_CERT_PATH").hasLineCount(1);
        assertThat(root.resolve("reports")).doesNotExist();
        assertThat(names(temporary)).isEmpty();
    }
}
