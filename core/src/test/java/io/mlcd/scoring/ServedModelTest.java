package io.mlcd.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link ServedModel}: a real model server started by a deploy command, scored, and stopped. */
public class ServedModelTest {
    private static final String PYTHON = System.getProperty("mlcd.python", "../.venv/bin/python");
    private static final String SERVER = System.getProperty("mlcd.model.server", "src/test/python/model_server.py");

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldServeTheModelForScoringAndStopItOnClose() throws Exception {
        var logs = folder.getRoot().toPath();
        ProcessHandle process;
        java.net.URI url;
        try (var served = ServedModel.start(PYTHON + " " + SERVER + " {port}", null, null, Duration.ofSeconds(60), logs)) {
            url = served.url();
            process = ProcessHandle.allProcesses().filter(handle -> handle.info().arguments()
                    .map(arguments -> Arrays.asList(arguments).contains(Integer.toString(served.url().getPort())))
                    .orElse(false)).findFirst().orElseThrow();
            var frame = Frame.of(List.of("a", "b", "c"),
                    Arrays.asList(new double[] {0, 3, -3}, new double[] {0, 0, 0}, new double[] {0, 0, 0}),
                    Arrays.asList(null, null, null));
            try (var scorer = new HttpScorer(url, ScoringOptions.DEFAULTS, Progress.NONE)) {
                var predictions = scorer.score(frame);
                assertThat(predictions.size()).isEqualTo(3);
                assertThat(predictions.score(1)).isGreaterThan(0.9);
                assertThat(predictions.score(2)).isLessThan(0.1);
            }
        }
        assertThat(process.isAlive()).isFalse();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/ping"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    public void shouldSayWhenTheCommandEndsBeforeServing() {
        var logs = folder.getRoot().toPath();
        assertThatThrownBy(() -> ServedModel.start(PYTHON + " -c exit(3) {port}", null, null, Duration.ofSeconds(30),
                logs)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("the deploy command exited with status 3 before serving (log: " + logs);
    }

    @Test
    public void shouldAskForTheModelVersionThePlaceholdersNeed() {
        assertThatThrownBy(() -> ServedModel.start("mlflow models serve -m models:/{name}/{version} -p {port}", "fraud",
                null, Duration.ofSeconds(1), Path.of("unused"))).isInstanceOf(InputException.class)
                .hasMessage("the deploy command uses {name} or {version}: give --model and --version");
    }
}
