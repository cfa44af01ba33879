package io.mlcd.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link HttpScorer} against a real HTTP server that misbehaves: batching, concurrency, retries,
 * timeouts, wrong counts, credentials, TLS.
 */
public class HttpScorerTest {
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private FaultyModelServer server;

    @Before
    public void startServer() throws Exception {
        server = FaultyModelServer.start();
    }

    @After
    public void stopServer() {
        server.close();
    }

    /** Rows numbered 1..n in column n (the server reads it), and a text column. */
    static Frame rows(final int count) {
        var numbers = new double[count];
        var regions = new String[count];
        for (int row = 0; row < count; row++) {
            numbers[row] = row + 1;
            regions[row] = row % 2 == 0 ? "north" : "south";
        }
        return Frame.of(List.of("n", "region"), Arrays.asList(numbers, null), Arrays.asList(null, regions));
    }

    private Predictions score(final Frame rows, final ScoringOptions options) {
        try (var scorer = new HttpScorer(server.uri(), options, Progress.NONE)) {
            return scorer.score(rows);
        }
    }

    private static ScoringOptions options(final int batchSize, final int concurrency, final Duration timeout,
            final int retries) {
        return new ScoringOptions(batchSize, concurrency, timeout, retries);
    }

    private String endpoint() {
        return server.uri() + "/invocations";
    }

    @Test
    public void shouldScoreAllRowsInBatchesKeepingRowOrder() {
        var predictions = score(rows(2500), options(1000, 4, Duration.ofSeconds(10), 0));

        assertThat(predictions.size()).isEqualTo(2500);
        assertThat(predictions.isVector()).isTrue();
        for (int row = 0; row < 2500; row++) {
            assertThat(predictions.score(row)).isEqualTo((row + 1) / 10000.0);
        }
        assertThat(server.requests()).isEqualTo(3);
        assertThat(List.of(server.attempts(1), server.attempts(1001), server.attempts(2001))).containsExactly(1, 1, 1);
    }

    @Test
    public void shouldKeepAtMostConcurrencyRequestsInFlight() {
        server.pace(100);
        score(rows(100), options(10, 3, Duration.ofSeconds(10), 0));
        assertThat(server.requests()).isEqualTo(10);
        assertThat(server.mostInFlight()).isBetween(2, 3);
    }

    @Test
    public void shouldSendOneRequestAtATimeWithConcurrencyOne() {
        server.pace(20);
        score(rows(50), options(10, 1, Duration.ofSeconds(10), 0));
        assertThat(server.mostInFlight()).isEqualTo(1);
    }

    @Test
    public void shouldRetryABatchThatFailsWithAServerErrorUntilItSucceeds() {
        server.failing(1001, 2, 500).failing(2001, 1, 503).failing(1, 1, 429);

        var predictions = score(rows(2500), options(1000, 2, Duration.ofSeconds(10), 2));

        assertThat(predictions.size()).isEqualTo(2500);
        assertThat(predictions.score(1500)).isEqualTo(1501 / 10000.0);
        assertThat(List.of(server.attempts(1), server.attempts(1001), server.attempts(2001))).containsExactly(2, 3, 2);
    }

    @Test
    public void shouldFailNamingTheBatchWhenItsLastRetryFails() {
        server.failing(1001, 99, 500);

        assertThatThrownBy(() -> score(rows(3000), options(1000, 1, Duration.ofSeconds(10), 2)))
                .isInstanceOf(ScoringException.class).isInstanceOf(InputException.class)
                .hasMessage("scoring rows 1001..2000 at " + endpoint() + " failed after 3 attempts: HTTP 500: "
                        + "injected failure 3");
        assertThat(server.attempts(1001)).isEqualTo(3);
        assertThat(server.attempts(2001)).as("no batch is sent after one failed").isZero();
    }

    @Test
    public void shouldNotRetryARefusedRequest() {
        server.failing(1, 99, 400);

        assertThatThrownBy(() -> score(rows(10), options(1000, 1, Duration.ofSeconds(10), 2)))
                .isInstanceOf(ScoringException.class)
                .hasMessage("scoring rows 1..10 at " + endpoint() + " failed: HTTP 400: injected failure 1 "
                        + "(not retried: the same request gets the same refusal)");
        assertThat(server.attempts(1)).isEqualTo(1);
    }

    @Test
    public void shouldRetryAnAnswerThatComesTooLate() {
        server.slow(11, 1, 3000);
        var started = System.nanoTime();

        var predictions = score(rows(20), options(10, 2, Duration.ofMillis(500), 1));

        assertThat(predictions.score(19)).isEqualTo(20 / 10000.0);
        assertThat(server.attempts(11)).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    public void shouldFailWhenEveryAttemptTimesOut() {
        server.slow(11, 99, 3000);

        assertThatThrownBy(() -> score(rows(20), options(10, 2, Duration.ofMillis(500), 1)))
                .isInstanceOf(ScoringException.class)
                .hasMessage("scoring rows 11..20 at " + endpoint() + " failed after 2 attempts: no answer within 0.500 s");
    }

    @Test
    public void shouldRetryAndThenRefuseAWrongNumberOfPredictions() {
        server.shortAnswer(1001, 1);
        assertThat(score(rows(2000), options(1000, 2, Duration.ofSeconds(10), 1)).size()).isEqualTo(2000);

        server.shortAnswer(1001, 99);
        assertThatThrownBy(() -> score(rows(2000), options(1000, 2, Duration.ofSeconds(10), 1)))
                .isInstanceOf(ScoringException.class)
                .hasMessage("scoring rows 1001..2000 at " + endpoint() + " failed after 2 attempts: the model answered "
                        + "999 predictions for 1000 rows");
    }

    @Test
    public void shouldSendTheUserInfoAsBasicAuthAndNeverShowIt() {
        server.failing(1, 99, 500);
        var url = URI.create("http://scorer:s3cr%40t@127.0.0.1:" + server.uri().getPort());

        assertThatThrownBy(() -> {
            try (var scorer = new HttpScorer(url, options(10, 1, Duration.ofSeconds(5), 0), Progress.NONE)) {
                scorer.score(rows(5));
            }
        }).isInstanceOf(ScoringException.class).hasMessageNotContaining("s3cr").hasMessageNotContaining("scorer")
                .hasMessageStartingWith("scoring rows 1..5 at " + endpoint() + " failed");
        assertThat(server.authorizations()).containsExactly("Basic " + Base64.getEncoder().encodeToString(
                "scorer:s3cr@t".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void shouldSayWhenNothingListens() {
        var port = server.uri().getPort();
        server.close();
        assertThatThrownBy(() -> score(rows(5), options(10, 1, Duration.ofSeconds(5), 1)))
                .isInstanceOf(ScoringException.class)
                .hasMessageStartingWith("scoring rows 1..5 at http://127.0.0.1:" + port + "/invocations failed after 2 "
                        + "attempts: cannot connect");
    }

    @Test
    public void shouldSendTheRowsAsADataframeSplitWithNullsForMissingValues() {
        var frame = Frame.of(List.of("n", "age", "income", "region"),
                Arrays.asList(new double[] {1, 2}, new double[] {30, Double.NaN}, new double[] {0.5, Double.NaN}, null),
                Arrays.asList(null, null, null, new String[] {"north \"n\"", null}));
        var withFraction = frame.withNumbers(2, new double[] {0.5, Double.NaN});

        score(withFraction, options(10, 1, Duration.ofSeconds(5), 0));

        assertThat(server.bodies()).containsExactly("{\"dataframe_split\":{\"columns\":[\"n\",\"age\",\"income\","
                + "\"region\"],\"data\":[[1,30,0.5,\"north \\\"n\\\"\"],[2,null,null,null]]}}");
    }

    @Test
    public void shouldReadTextAnswers() {
        server.answering(x -> "\"class " + (long) x + "\"");
        var predictions = score(rows(3), options(2, 1, Duration.ofSeconds(5), 0));
        var labels = new ArrayList<String>();
        for (int row = 0; row < predictions.size(); row++) {
            labels.add(predictions.label(row));
        }
        assertThat(labels).containsExactly("class 1", "class 2", "class 3");
        assertThat(predictions.hasScores()).isFalse();
    }

    @Test
    public void shouldRefuseAServerWhoseCertificateIsNotTrusted() throws Exception {
        var keystore = folder.getRoot().toPath().resolve("server.p12");
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var made = new ProcessBuilder(keytool, "-genkeypair", "-alias", "model", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        made.getInputStream().readAllBytes();
        assertThat(made.waitFor()).isZero();
        var keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        var managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        var tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        var https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        var requests = new AtomicInteger();
        https.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        https.start();
        try {
            var url = URI.create("https://127.0.0.1:" + https.getAddress().getPort());
            assertThatThrownBy(() -> {
                try (var scorer = new HttpScorer(url, options(10, 1, Duration.ofSeconds(10), 2), Progress.NONE)) {
                    scorer.score(rows(5));
                }
            }).isInstanceOf(ScoringException.class)
                    .hasMessageStartingWith("scoring rows 1..5 at " + url + "/invocations failed: TLS failed (")
                    .hasMessageEndingWith("trusted by the JVM's trust store (not retried)");
            assertThat(requests).hasValue(0);
        }
        finally {
            https.stop(0);
        }
    }

    @Test
    public void shouldRefuseAModelUrlThatIsNotHttp() {
        assertThatThrownBy(() -> new HttpScorer(URI.create("ftp://user:pw@host/model"), ScoringOptions.DEFAULTS,
                Progress.NONE)).isInstanceOf(InputException.class)
                .hasMessage("the model URL must be http:// or https:// with a host, got ftp://host/model");
    }

    @Test
    public void shouldShowTheEndpointWithoutCredentialsOrQuery() {
        assertThat(HttpScorer.shown(URI.create("https://u:p@models.example:8443/serve/fraud/?key=k1")))
                .isEqualTo("https://models.example:8443/serve/fraud/invocations");
        assertThat(HttpScorer.shown(URI.create("http://127.0.0.1:5000/invocations")))
                .isEqualTo("http://127.0.0.1:5000/invocations");
        assertThat(HttpScorer.shown(URI.create("http://127.0.0.1:5000"))).isEqualTo("http://127.0.0.1:5000/invocations");
    }
}
