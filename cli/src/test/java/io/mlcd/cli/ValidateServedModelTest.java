package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.scoring.FaultyModelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd validate --model-url} against a real HTTP model server that misbehaves on request
 * (the model's score of row n is n / 10000): the scored predictions are validated as a
 * predictions file; failures are retried, then end in exit status 2 with one line naming the
 * batch and no report.
 */
public class ValidateServedModelTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private FaultyModelServer server;
    private Path data;
    private Path reports;

    @Before
    public void setUp() throws IOException {
        server = FaultyModelServer.start();
        var rows = new StringBuilder("n,label,region,id\n");
        for (int n = 1; n <= 3000; n++) {
            var label = (n * 7919 % 10000) < n * 3 ? 1 : 0; // more positives among larger n: a useful score
            rows.append(n).append(',').append(label).append(',').append(n % 3 == 0 ? "north" : "south").append(",r")
                    .append(n).append('\n');
        }
        data = folder.getRoot().toPath().resolve("test.csv");
        Files.writeString(data, rows);
        reports = folder.getRoot().toPath().resolve("reports");
    }

    @After
    public void stopServer() {
        server.close();
    }

    private CliRun validate(final String... more) {
        var args = new ArrayList<>(List.of("validate", "--model-url", server.uri().toString(), "--data",
                data.toString(), "--label", "label", "--id", "id", "--drop", "region", "--report-dir",
                reports.toString(), "--concurrency", "1"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void assertInputError(final CliRun run, final String message) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mlcd: error: " + message + System.lineSeparator());
        assertThat(reports).doesNotExist();
    }

    private JsonNode report(final Path folder) throws IOException {
        return MAPPER.readTree(folder.resolve("validate.json").toFile());
    }

    @Test
    public void shouldValidateTheScoredRowsExactlyAsTheSavedPredictionsFile() throws IOException {
        var saved = folder.getRoot().toPath().resolve("scored.csv");
        var scored = validate("--save-predictions", saved.toString(), "--gate", "roc_auc >= 0.5");
        assertThat(scored.status()).as(scored.err()).isZero();
        assertThat(Files.readAllLines(saved).subList(0, 3)).containsExactly("label,id,mlcd_score", "0,r1,1.0E-4",
                "0,r2,2.0E-4");
        assertThat(server.bodies().get(0)).startsWith("{\"dataframe_split\":{\"columns\":[\"n\"],\"data\":[[1],[2],");

        var fromFile = folder.getRoot().toPath().resolve("from-file");
        var file = CliRun.of("validate", "--predictions", saved.toString(), "--label", "label", "--score", "mlcd_score",
                "--report-dir", fromFile.toString(), "--gate", "roc_auc >= 0.5");
        assertThat(file.status()).as(file.err()).isZero();
        assertThat(report(reports).path("metrics")).isEqualTo(report(fromFile).path("metrics"));
        assertThat(report(reports).path("metrics").path("row_count").asInt()).isEqualTo(3000);
        assertThat(report(reports).path("inputs").path("predictions").asText())
                .isEqualTo(server.uri() + "/invocations on " + data);
    }

    @Test
    public void shouldRetryBatchesThatFailAndThenSucceed() throws IOException {
        server.failing(1001, 2, 500).failing(2001, 1, 503);
        var run = validate("--retries", "2");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(List.of(server.attempts(1), server.attempts(1001), server.attempts(2001))).containsExactly(1, 3, 2);
        assertThat(report(reports).path("metrics").path("row_count").asInt()).isEqualTo(3000);
    }

    @Test
    public void shouldFailWithExitTwoNamingTheBatchWhenItsRetriesFail() {
        server.failing(1001, 99, 500);
        assertInputError(validate("--retries", "1"), "scoring rows 1001..2000 at " + server.uri()
                + "/invocations failed after 2 attempts: HTTP 500: injected failure 2");
        assertThat(server.attempts(2001)).isZero();
    }

    @Test
    public void shouldFailWhenTheModelAnswersTooLate() {
        server.slow(2001, 99, 3000);
        assertInputError(validate("--retries", "0", "--timeout", "1"), "scoring rows 2001..3000 at " + server.uri()
                + "/invocations failed after 1 attempt: no answer within 1 s");
    }

    @Test
    public void shouldFailWhenTheModelAnswersTheWrongNumberOfPredictions() {
        server.shortAnswer(1, 99);
        assertInputError(validate("--retries", "1"), "scoring rows 1..1000 at " + server.uri()
                + "/invocations failed after 2 attempts: the model answered 999 predictions for 1000 rows");
    }

    @Test
    public void shouldReadNumberAnswersAsPredictedClassesUnlessScoreIsGiven() throws IOException {
        server.answering(x -> x > 1500 ? "1" : "0");
        var classes = validate();
        assertThat(classes.status()).as(classes.err()).isZero();
        assertThat(report(reports).path("inputs").path("prediction").asText()).isEqualTo("mlcd_prediction");
        assertThat(report(reports).path("metrics").has("roc_auc")).isFalse();

        server.answering(x -> Double.toString(x / 10000));
        var scores = validate("--score", "p");
        assertThat(scores.status()).as(scores.err()).isZero();
        assertThat(report(reports).path("inputs").path("score").asText()).isEqualTo("p");
        assertThat(report(reports).path("metrics").has("roc_auc")).isTrue();
    }

    @Test
    public void shouldRefuseANullPrediction() {
        server.answering(x -> x == 1234 ? "[0.5, null]" : "[0.5, 0.5]");
        assertInputError(validate(), "the model answered null for row 1234 of " + data + ": no prediction to validate");
    }

    @Test
    public void shouldRefuseBadScoringOptionsBeforeScoring() {
        assertInputError(validate("--batch-size", "0"), "--batch-size must be within 1..1000000, got 0");
        assertInputError(validate("--timeout", "0"), "--timeout must be between 1 and 3600, got 0");
        assertInputError(validate("--retries", "11"), "--retries must be within 0..10, got 11");
        assertInputError(validate("--drop", "nope"), data + " has no column 'nope' (columns: n, label, region, id)");
        assertInputError(validate("--gate", "recall[region=north] >= 0.5"), "gate 'recall[region=north] >= 0.5' refers "
                + "to column 'region', which is not a --group column");
        assertInputError(validate("--score", "p", "--task", "regression"), "--score is for binary classification; use "
                + "--prediction for regression");
        assertThat(server.requests()).isZero();
    }

    @Test
    public void shouldRefuseMixedSourcesAndNeverEchoAPassword() {
        var both = CliRun.of("validate", "--model-url", "http://u:pw@127.0.0.1:9", "--predictions", data.toString(),
                "--data", data.toString());
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).startsWith("mlcd: error: give --predictions FILE, --metrics-from-run ID or a served model");

        var noData = CliRun.of("validate", "--model-url", "http://u:pw@127.0.0.1:9");
        assertThat(noData.err()).startsWith("mlcd: error: a served model needs --data FILE");

        var badUrl = CliRun.of("validate", "--model-url", "ftp://user:hunter2@host/m", "--data", data.toString());
        assertThat(badUrl.status()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--model-url must be an http:// or https:// URL with a host")
                .doesNotContain("hunter2").doesNotContain("user");

        var unreachable = CliRun.of("validate", "--model-url", "http://user:hunter2@127.0.0.1:9", "--data",
                data.toString(), "--retries", "0");
        assertThat(unreachable.status()).isEqualTo(2);
        assertThat(unreachable.err()).startsWith("mlcd: error: scoring rows 1..1000 at http://127.0.0.1:9/invocations "
                + "failed after 1 attempt: cannot connect").doesNotContain("hunter2");

        var dataAlone = CliRun.of("validate", "--predictions", data.toString(), "--data", data.toString(), "--score", "n");
        assertThat(dataAlone.err()).startsWith("mlcd: error: --data, --drop, --baseline-url and --save-predictions are "
                + "for a served model");
    }
}
