package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.scoring.FaultyModelServer;
import io.mlcd.scoring.ScoringException;
import io.mlcd.util.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code validateModel}'s work with a served model ({@link ValidationJob} with {@link ScoringArguments}):
 * it travels serialized, scores the workspace's data file at a real HTTP server, and validates
 * the scored predictions; a batch that keeps failing stages no report.
 */
public class ValidationJobScoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path workspace;
    private FaultyModelServer server;

    @Before
    public void setUp() throws IOException {
        workspace = folder.newFolder("ws").toPath();
        var rows = new StringBuilder("n,label\n");
        for (int n = 1; n <= 300; n++) {
            rows.append(n).append(',').append(n > 150 ? 1 : 0).append('\n');
        }
        Files.writeString(workspace.resolve("test.csv"), rows);
        server = FaultyModelServer.start();
    }

    @After
    public void stopServer() {
        server.close();
    }

    private ValidationJob job(final ScoringArguments scoring) throws Exception {
        var job = new ValidationJob(null, "label", null, null, List.of(), null, null, 0.5, null, null,
                new WorkspaceGates(List.of("roc_auc >= 0.99"), List.of(), null, "reports"), scoring);
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(job);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ValidationJob) in.readObject();
        }
    }

    private ScoringArguments scoring(final String data, final int retries, final String save) {
        return new ScoringArguments(data, List.of(), server.uri().toString(), null, null, 100, 2, 10, retries, null,
                null, null, null, save);
    }

    @Test
    public void shouldScoreTheWorkspacesDataAndValidateTheScoredPredictions() throws Exception {
        server.failing(101, 1, 500);

        var draft = job(scoring("test.csv", 1, "out/scored.csv")).run(workspace);

        var report = JSON.readTree(draft.report());
        assertThat(report.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(report.path("metrics").path("roc_auc").asDouble()).isEqualTo(1.0);
        assertThat(report.path("metrics").path("row_count").asInt()).isEqualTo(300);
        assertThat(report.path("inputs").path("predictions").asText())
                .isEqualTo(server.uri() + "/invocations on " + workspace.resolve("test.csv"));
        assertThat(Files.readAllLines(workspace.resolve("out/scored.csv"))).hasSize(301).startsWith("label,mlcd_score");
        assertThat(server.attempts(101)).isEqualTo(2);
    }

    @Test
    public void shouldFailWithoutAReportWhenABatchKeepsFailing() throws Exception {
        server.failing(201, 99, 502);
        var job = job(scoring("test.csv", 1, null));

        assertThatThrownBy(() -> job.run(workspace)).isInstanceOf(ScoringException.class)
                .hasMessage("scoring rows 201..300 at " + server.uri() + "/invocations failed after 2 attempts: HTTP 502: "
                        + "injected failure 2");
        assertThat(workspace.resolve("reports")).doesNotExist();
    }

    @Test
    public void shouldRefuseDataOutsideTheWorkspaceAndTwoSources() throws Exception {
        var outside = job(scoring("../test.csv", 0, null));
        assertThatThrownBy(() -> outside.run(workspace)).isInstanceOf(InputException.class)
                .hasMessage("'../test.csv' lies outside the workspace");
        assertThatThrownBy(() -> new ValidationJob("p.csv", "label", null, null, List.of(), null, null, 0.5, null, null,
                new WorkspaceGates(List.of(), List.of(), null, "reports"), scoring("test.csv", 0, null)))
                .isInstanceOf(InputException.class)
                .hasMessage("give the predictions file or a served model to score (modelUrl or deployCommand with data), "
                        + "one of them");
        for (String none : new String[] {null, " "}) {
            assertThatThrownBy(() -> job(scoring(none, 0, null))).isInstanceOf(InputException.class)
                    .hasMessage("data names no file: give the rows to send to the served model");
        }
        assertThat(server.requests()).isZero();
    }
}
