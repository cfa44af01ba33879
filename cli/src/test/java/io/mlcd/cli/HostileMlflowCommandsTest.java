package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.testkit.FaultProxy;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.util.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * Every command that talks to MLflow, against a real server behind a relay that turns hostile:
 * whatever the answer (an HTML page, escape sequences, 10 MB, a trickle), the command ends with
 * exit status 2 and one printable line on stderr, within its timeout.
 */
public class HostileMlflowCommandsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static List<List<String>> commands;
    private static Path predictions;

    @BeforeClass
    public static void writeInputs() throws Exception {
        commands = MlflowCommandLines.all(FOLDER.getRoot().toPath());
        predictions = FOLDER.getRoot().toPath().resolve("predictions.csv");
    }

    private static CliRun mlcd(final URI uri, final List<String> command, final String... more) {
        var args = new ArrayList<>(command);
        args.addAll(List.of("--tracking-uri", uri.toString(), "--mlflow-timeout", "1"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Exit status 2 and one line on stderr holding the fragment, with no control character and of bounded length. */
    private static void assertOnePrintableLine(final CliRun run, final String fragment) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("mlcd: error: ").contains(fragment).hasSizeLessThan(2_100)
                .endsWith(" (run with --debug for details)"));
        assertThat(run.err().chars()).noneMatch(c -> c < 0x20 && c != '\n');
        assertThat(run.out().chars()).noneMatch(c -> c == 0x1b);
    }

    @Test
    public void shouldPrintAProxysHtmlPageAsItsTitle() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(403, "text/html", "<!DOCTYPE html>\n<html><head>\n<title>403 "
                    + "Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission.</p>\n</body></html>"));
            for (var command : commands) {
                assertOnePrintableLine(mlcd(proxy.uri(), command), " failed: HTTP 403: HTML page: 403 Forbidden (run");
            }
        }
    }

    @Test
    public void shouldShowEscapeSequencesInsteadOfPassingThemToTheTerminal() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(400, "application/json", MAPPER.createObjectNode()
                    .put("error_code", "INVALID_PARAMETER_VALUE").put("message", "\u001b[2J\u001b[1;1Hall clear\n"
                            + "\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007").toString()));
            for (var command : commands) {
                assertOnePrintableLine(mlcd(proxy.uri(), command), " failed: HTTP 400 INVALID_PARAMETER_VALUE: "
                        + "\\e[2J\\e[1;1Hall clear\\n\\e]8;;https://evil.example\\u0007click\\e]8;;\\u0007 (run");
            }
        }
    }

    @Test
    public void shouldQuoteTheStartOfATenMegabyteAnswer() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(400, "text/plain", "E".repeat(10_000_000)));
            for (var command : commands) {
                assertOnePrintableLine(mlcd(proxy.uri(), command), " failed: HTTP 400: EEEEEEEE");
            }
        }
    }

    @Test
    public void shouldGiveUpOnATricklingServerWithinTheTimeout() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.trickle(Duration.ofMillis(500));
            for (var command : commands) {
                assertOnePrintableLine(mlcd(proxy.uri(), command), ": MLflow at " + proxy.uri()
                        + " did not answer within 1 s");
            }
        }
    }

    @Test
    public void shouldNotRepeatCredentialsGivenInTheTrackingUri() {
        for (var uri : List.of("http://ci:s3cret@mlflow_host:5000", "ci:s3cret@mlflow.example:5000",
                "http://ci:s3cret@[::1", "https://mlflow.example/\u001b[2J")) {
            var run = CliRun.of("status", "--name", "m", "--tracking-uri", uri);
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).doesNotContain("s3cret").doesNotContain("\u001b").startsWith("mlcd: error: ")
                    .hasLineCount(1);
        }
    }

    @Test
    public void shouldCutAHundredThousandCharacterGateInTheErrorLine() {
        var gate = "roc_auc >= \u001b[31m" + "9".repeat(100_000) + " and more";
        var run = CliRun.of("validate", "--predictions", predictions.toString(), "--score", "score", "--gate", gate);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).doesNotContain("\u001b").contains("[31m999").contains(" chars]");
        assertThat(run.err().length()).isLessThan(2_100);
    }

    @Test
    public void shouldShowTagsFromTheRegistryWithoutObeyingTheirEscapeSequences() throws Exception {
        var client = HttpClient.newHttpClient();
        for (var call : List.of(new String[] {"registered-models/create", "{\"name\": \"tagged\"}"},
                new String[] {"model-versions/create", "{\"name\": \"tagged\", \"source\": \"s3://bucket/tagged/model\", "
                        + "\"tags\": [{\"key\": \"mlcd.approval.status\", \"value\": \"APPROVED\"}, {\"key\": "
                        + "\"mlcd.approval.by\", \"value\": \"mallory\\u001b[2K\\rAPPROVED by the CISO\"}]}"})) {
            var answer = client.send(HttpRequest.newBuilder(URI.create(SERVER.uri() + "/api/2.0/mlflow/" + call[0]))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call[1])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }

        var run = CliRun.of("status", "--name", "tagged", "--tracking-uri", SERVER.uri().toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("  approval       APPROVED by mallory\\e[2K\\rAPPROVED by the CISO at ?")
                .doesNotContain("\u001b").doesNotContain("\r");
    }

    @Test
    public void shouldRedactItsSecretsFromTheErrorLineAndTheStackTrace() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(400, "text/plain", "your secret is s3cret-42\u001b[0m"));
            var err = new StringWriter();

            var status = new CommandLine(new Mlcd()).setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                    .setExecutionExceptionHandler(new ErrorHandler(Redactor.of(List.of("s3cret-42"))))
                    .execute("status", "--name", "m", "--tracking-uri", proxy.uri().toString(), "--debug");

            assertThat(status).isEqualTo(2);
            assertThat(err.toString()).startsWith("mlcd: error: GET registered-models/get failed: HTTP 400: your secret "
                    + "is ****\\e[0m" + System.lineSeparator()).contains("\tat io.mlcd.registry.MlflowHttp.send(")
                    .doesNotContain("s3cret-42").doesNotContain("\u001b");
        }
    }
}
