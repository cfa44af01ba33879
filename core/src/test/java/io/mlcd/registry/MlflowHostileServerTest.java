package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.gate.Verdict;
import io.mlcd.testkit.FaultProxy;
import io.mlcd.testkit.MlflowServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A real MLflow server behind a relay that turns hostile: it echoes the credentials, answers
 * with HTML pages, escape sequences, huge bodies or headers, or trickles the server's answers.
 * Whatever it does, no credential is shown or written, every message is one printable line of
 * bounded length, no call outlasts its timeout and no answer fills memory.
 */
public class MlflowHostileServerTest {
    private static final String TOKEN = "tok-3f9a1c7e5b2d";
    private static final String USER = "ci";
    private static final String PASSWORD = "pw/8d2e\"4f6a0c";
    private static final String BASIC = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static Mlflow mlflow(final URI uri, final String token, final String user, final String password,
            final Duration timeout) {
        return new Mlflow(new MlflowConnection(uri, token, user, password, false).withTimeout(timeout));
    }

    private static Mlflow withToken(final URI uri) {
        return mlflow(uri, TOKEN, null, null, Duration.ofSeconds(10));
    }

    /** Every kind of call mlcd makes, so that each path that builds a message is covered. */
    private static List<ThrowingCallable> everyCall(final MlflowHttp http) {
        var body = MAPPER.createObjectNode().put("name", "model");
        return List.of(() -> http.get("runs/get", Map.of("run_id", "r1")), () -> http.post("runs/set-tag", body),
                () -> http.postOnce("registered-models/create", body), () -> http.patch("registered-models/update", body),
                () -> http.delete("registered-models/delete", body),
                () -> http.put("0/r1/artifacts/mlcd/validate.html", "<html></html>".getBytes(StandardCharsets.UTF_8)));
    }

    private static String authorization(final String head) {
        return head.lines().filter(line -> line.regionMatches(true, 0, "Authorization:", 0, 14)).findFirst()
                .orElse("no Authorization header");
    }

    private static void assertPrintable(final Throwable failure) {
        assertThat(failure).isInstanceOf(MlflowException.class);
        assertThat(failure.getMessage()).doesNotContain(TOKEN, PASSWORD, BASIC, "\u001b", "\n", "\r")
                .hasSizeLessThanOrEqualTo(2_100);
        assertThat(failure.getMessage().chars()).noneMatch(c -> c < 0x20);
    }

    private static String createRun(final Mlflow plain) {
        return plain.http().post("runs/create", MAPPER.createObjectNode().put("experiment_id", "0"))
                .path("run").path("info").path("run_id").asText();
    }

    @Test
    public void shouldNotShowATokenTheServerEchoesFromAnyCall() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(401, "text/plain", "rejected " + authorization(head) + "\n" + head));
            var http = withToken(proxy.uri()).http();

            for (ThrowingCallable call : everyCall(http)) {
                assertThatThrownBy(call).satisfies(MlflowHostileServerTest::assertPrintable)
                        .hasMessageContaining(" failed: HTTP 401: rejected Authorization: Bearer ****\\n");
            }
            assertThat(proxy.requests()).hasSize(6).allSatisfy(head -> assertThat(head).contains("Bearer " + TOKEN));
        }
    }

    @Test
    public void shouldNotShowAPasswordOrItsBasicAuthEncodingEchoedInMlflowsErrorJson() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(403, "application/json", MAPPER.createObjectNode()
                    .put("error_code", "PERMISSION_DENIED").put("message", authorization(head) + " is user " + USER
                            + " with password " + PASSWORD).toString()));
            var mlflow = mlflow(proxy.uri(), null, USER, PASSWORD, Duration.ofSeconds(10));

            assertThatThrownBy(() -> mlflow.runs().get("r1")).satisfies(MlflowHostileServerTest::assertPrintable)
                    .hasMessage("GET runs/get failed: HTTP 403 PERMISSION_DENIED: Authorization: Basic **** is user ci "
                            + "with password ****");
            assertThatThrownBy(mlflow::ping).hasMessageEndingWith("Basic **** is user ci with password ****");
        }
    }

    @Test
    public void shouldKeepCredentialsOutOfWhatItReadsAndOfTheRecordsItWrites() throws Exception {
        var plain = mlflow(SERVER.uri(), null, null, null, Duration.ofSeconds(10)); // MLflow without auth ignores them
        var run = createRun(plain);
        plain.http().post("runs/set-tag", MAPPER.createObjectNode().put("run_id", run).put("key", "echo")
                .put("value", "Authorization: Bearer " + TOKEN));
        var report = FOLDER.newFile("validate.html").toPath();
        Files.writeString(report, "<!DOCTYPE html><title>report</title><p>token " + TOKEN + "</p>");
        var mlflow = withToken(SERVER.uri());

        assertThat(mlflow.runs().get(run).tags()).containsEntry("echo", "Authorization: Bearer ****");
        new RunRecorder(mlflow, Clock.systemUTC()).record(run, new StepRecord("validation", Verdict.PASSED,
                "PASSED with " + TOKEN, Map.of("roc_auc", 0.9), List.of(), List.of(report)));

        var written = plain.runs().get(run);
        assertThat(written.tags()).containsEntry("mlcd.validation.summary", "PASSED with ****")
                .containsEntry("mlcd.validation.verdict", "PASSED");
        var artifact = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SERVER.uri()
                + "/api/2.0/mlflow-artifacts/artifacts/" + written.artifactUri().replaceFirst("^mlflow-artifacts:/+", "")
                + "/mlcd/validate.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(artifact.body()).isEqualTo("<!DOCTYPE html><title>report</title><p>token ****</p>");
    }

    @Test
    public void shouldQuoteAProxysHtmlPageByItsTitle() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/2.0/mlflow/runs/", head -> FaultProxy.http(502, "text/html", "<html>\r\n<head><title>502 "
                    + "Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>"
                    + "nginx</center>\r\n</body>\r\n</html>\r\n"));
            proxy.answer("/api/2.0/mlflow/model-versions/", head -> FaultProxy.http(200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Sign in &ndash; Corp SSO</title></head><body><form>\u001b[8m"
                            + "</form></body></html>"));
            var mlflow = withToken(proxy.uri());

            assertThatThrownBy(() -> mlflow.runs().get("r1")).satisfies(MlflowHostileServerTest::assertPrintable)
                    .hasMessage("GET runs/get failed: HTTP 502: HTML page: 502 Bad Gateway");
            assertThat(mlflow.calls()).isEqualTo(MlflowHttp.ATTEMPTS);
            assertThatThrownBy(() -> mlflow.registry().version("m", "1")).satisfies(MlflowHostileServerTest::assertPrintable)
                    .hasMessage("GET model-versions/get at " + proxy.uri() + " answered something that is not JSON: "
                            + "HTML page: Sign in &ndash; Corp SSO");
        }
    }

    @Test
    public void shouldShowEscapeSequencesAndLineBreaksOfAnAnswerInsteadOfPassingThemOn() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(400, "application/json", MAPPER.createObjectNode()
                    .put("error_code", "\u001b[2J\u001b[HINVALID").put("message", "line one\r\nline two\u001b]0;pwned\u0007"
                            + "\u202e").toString()));
            var mlflow = withToken(proxy.uri());

            assertThatThrownBy(() -> mlflow.runs().get("r1")).satisfies(MlflowHostileServerTest::assertPrintable)
                    .hasMessage("GET runs/get failed: HTTP 400 \\e[2J\\e[HINVALID: line one\\r\\nline two\\e]0;pwned"
                            + "\\u0007\\u202e");
        }
    }

    @Test
    public void shouldQuoteOnlyTheStartOfAHugeErrorAnswer() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(400, "text/plain", "\u001b[31m" + "A".repeat(10_000_000)));
            var mlflow = withToken(proxy.uri());

            assertThatThrownBy(() -> mlflow.runs().get("r1")).satisfies(MlflowHostileServerTest::assertPrintable)
                    .hasMessage("GET runs/get failed: HTTP 400: \\e[31m" + "A".repeat(294) + "... [cut 65,237 chars]");
        }
    }

    @Test
    public void shouldRefuseAnAnswerLargerThanItReadsAtOnceAndWithoutRetrying() throws Exception {
        var huge = "{\"run\": {\"info\": {\"run_name\": \"" + "A".repeat(17 * 1024 * 1024) + "\"}}}";
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/2.0/mlflow/runs/", head -> FaultProxy.http(200, "application/json", huge));
            proxy.answer("/api/2.0/mlflow/model-versions/", head -> {
                var answer = FaultProxy.http(200, "application/json", huge); // without Content-Length: read to the end
                var text = new String(answer, StandardCharsets.ISO_8859_1).replaceFirst("Content-Length: \\d+\r\n", "");
                return text.getBytes(StandardCharsets.ISO_8859_1);
            });
            var mlflow = withToken(proxy.uri());

            assertThatThrownBy(() -> mlflow.runs().get("r1")).satisfies(MlflowHostileServerTest::assertPrintable)
                    .hasMessage("GET runs/get: MLflow at " + proxy.uri() + " answered more than 16 MB (16,777,216 bytes), "
                            + "the most mlcd reads of an answer");
            assertThatThrownBy(() -> mlflow.registry().version("m", "1")).hasMessage("GET model-versions/get: MLflow at "
                    + proxy.uri() + " answered more than 16 MB (16,777,216 bytes), the most mlcd reads of an answer");
            assertThat(mlflow.calls()).isEqualTo(2);
        }
    }

    @Test
    public void shouldFailClearlyOnAHugeHeader() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> ("HTTP/1.1 200 OK\r\nX-Padding: \u001b[31m" + "A".repeat(10_000_000)
                    + "\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
            var mlflow = withToken(proxy.uri());

            assertThatThrownBy(() -> mlflow.runs().get("r1")).satisfies(MlflowHostileServerTest::assertPrintable)
                    .hasMessageStartingWith("GET runs/get: cannot reach MLflow at " + proxy.uri() + " after 4 attempts: "
                            + "ProtocolException Header size too big");
        }
    }

    @Test
    public void shouldBoundTheWholeCallWhenTheAnswerTrickles() throws Exception {
        var run = createRun(mlflow(SERVER.uri(), null, null, null, Duration.ofSeconds(10)));
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.trickle(Duration.ofMillis(500)); // MLflow's answer of about 1 kB would take 10 minutes
            var mlflow = mlflow(proxy.uri(), TOKEN, null, null, Duration.ofSeconds(1));
            var started = System.nanoTime();

            assertThatThrownBy(() -> mlflow.runs().get(run)).satisfies(MlflowHostileServerTest::assertPrintable)
                    .hasMessage("GET runs/get: MLflow at " + proxy.uri() + " did not answer within 1 s (4 attempts)");
            assertThatThrownBy(() -> mlflow.http().postOnce("registered-models/create",
                    MAPPER.createObjectNode().put("name", "trickled")))
                    .hasMessage("POST registered-models/create: MLflow at " + proxy.uri() + " did not answer within 1 s");

            assertThat(mlflow.calls()).isEqualTo(MlflowHttp.ATTEMPTS + 1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    public void shouldSpeakHttp11WithoutOfferingAnUpgrade() throws Exception {
        var run = createRun(mlflow(SERVER.uri(), null, null, null, Duration.ofSeconds(10)));
        try (var proxy = new FaultProxy(SERVER.uri())) {
            assertThat(withToken(proxy.uri()).runs().get(run).runId()).isEqualTo(run);

            assertThat(proxy.requests()).singleElement().satisfies(head -> assertThat(head)
                    .startsWith("GET /api/2.0/mlflow/runs/get?run_id=" + run + " HTTP/1.1\r\n")
                    .doesNotContainIgnoringCase("Upgrade").doesNotContainIgnoringCase("HTTP2-Settings"));
        }
    }
}
