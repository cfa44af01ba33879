package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.testkit.FaultProxy;
import io.mlcd.testkit.MlflowServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd} as its own process with credentials in its environment, as CI runs it, against a
 * real MLflow server behind a relay that echoes the request with its Authorization header into
 * the error answer: no command prints the token, the password or their basic-auth encoding, not
 * even with {@code --debug} (shown with basic auth).
 */
public class CredentialEchoIT {
    private static final String TOKEN = "tok-9c1e7a3b5d2f";
    private static final String USER = "ci";
    private static final String PASSWORD = "pw-4b8d0f2a6c";
    private static final String BASIC = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static List<List<String>> commands;

    @BeforeClass
    public static void writeInputs() throws IOException {
        commands = MlflowCommandLines.all(FOLDER.getRoot().toPath());
    }

    private record Run(int status, String out, String err) {
    }

    private static Run mlcd(final Map<String, String> environment, final List<String> args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("mlcd.jar")));
        command.addAll(args);
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MLFLOW_"));
        builder.environment().putAll(environment);
        var process = builder.start();
        var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        var out = read(process.getInputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mlcd %s ended", args).isTrue();
        return new Run(process.exitValue(), out, err.get());
    }

    private static String read(final java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String authorization(final String head) {
        return head.lines().filter(line -> line.regionMatches(true, 0, "Authorization:", 0, 14)).findFirst()
                .orElse("no Authorization header");
    }

    private static List<String> with(final List<String> command, final FaultProxy proxy, final String... more) {
        var args = new ArrayList<>(command);
        args.addAll(List.of("--tracking-uri", proxy.uri().toString(), "--mlflow-timeout", "5"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    public void shouldNeverPrintATokenTheServerEchoes() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(401, "text/plain", "rejected " + authorization(head) + "\n" + head));
            for (var command : commands) {
                var run = mlcd(Map.of("MLFLOW_TRACKING_TOKEN", TOKEN), with(command, proxy));

                assertThat(run.status()).as(run.err()).isEqualTo(2);
                assertThat(run.err()).as(command.toString()).startsWith("mlcd: error: ")
                        .contains(" failed: HTTP 401: rejected Authorization: Bearer ****\\n");
                assertThat(run.out() + run.err()).doesNotContain(TOKEN);
            }
            assertThat(proxy.requests()).hasSize(commands.size())
                    .allSatisfy(head -> assertThat(head).contains("Authorization: Bearer " + TOKEN));
        }
    }

    @Test
    public void shouldNeverPrintAPasswordOrItsBasicAuthEncodingTheServerEchoes() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            proxy.answer("/api/", head -> FaultProxy.http(403, "application/json", new ObjectMapper().createObjectNode()
                    .put("error_code", "PERMISSION_DENIED").put("message", authorization(head) + " means " + USER + ":"
                            + PASSWORD).toString()));
            var environment = Map.of("MLFLOW_TRACKING_USERNAME", USER, "MLFLOW_TRACKING_PASSWORD", PASSWORD);
            for (var command : commands) {
                var run = mlcd(environment, with(command, proxy, "--debug"));

                assertThat(run.status()).as(run.err()).isEqualTo(2);
                assertThat(run.err()).as(command.toString())
                        .contains(" failed: HTTP 403 PERMISSION_DENIED: Authorization: Basic **** means ci:****");
                assertThat(run.out() + run.err()).doesNotContain(PASSWORD).doesNotContain(BASIC);
            }
        }
    }

    @Test
    public void shouldNotRepeatASecretGivenAsAnOptionValue() throws Exception {
        try (var proxy = new FaultProxy(SERVER.uri())) {
            var run = mlcd(Map.of("MLFLOW_TRACKING_TOKEN", TOKEN), List.of("status", "--name", "m", "--tracking-uri",
                    proxy.uri().toString(), "--mlflow-timeout", TOKEN));

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).startsWith("mlcd: error: ").contains("'****'").doesNotContain(TOKEN);
        }
    }
}
