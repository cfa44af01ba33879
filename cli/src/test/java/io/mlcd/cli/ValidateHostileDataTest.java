package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Hostile predictions and baseline files never change a verdict: each ends with exit status 2,
 * one line naming the file and the problem, and no report.
 */
public class ValidateHostileDataTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private HostileData hostile;

    @Before
    public void corpus() {
        hostile = new HostileData(folder);
    }

    private Path reports() {
        return folder.getRoot().toPath().resolve("reports");
    }

    private CliRun validate(final String... args) {
        var all = new ArrayList<>(List.of("validate", "--report-dir", reports().toString(), "--score", "score",
                "--group", "g"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private void assertRefused(final CliRun run, final HostileData.Case each) {
        HostileData.assertRefused(run, each, reports());
    }

    @Test
    public void shouldNotMergeLatin1GroupsIntoOne() throws IOException {
        // group A-umlaut always predicted positive, O-umlaut never: a parity difference of 1, which
        // decoding both to U+FFFD turned into one group and a difference of 0
        var text = new StringBuilder("label,score,g\n");
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < 10; i++) {
            bytes.writeBytes(((i % 2) + ",0.9,").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            bytes.write(0xC4);
            bytes.writeBytes(("\n" + (i % 2) + ",0.1,").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            bytes.write(0xD6);
            bytes.write('\n');
        }
        var file = folder.getRoot().toPath().resolve("groups.csv");
        java.nio.file.Files.write(file, bytes.toByteArray());
        var run = validate("--predictions", file.toString(), "--gate", "demographic_parity_difference[g] <= 0.1");
        assertRefused(run, new HostileData.Case("Latin-1 groups", file, file + ", line 2: not UTF-8 text (0xC4 at byte "
                + "20); mlcd reads UTF-8 only: convert the file, e.g. iconv -f ISO-8859-1 -t UTF-8"));
    }

    @Test
    public void shouldRefuseEveryHostilePredictionsFile() throws IOException {
        for (HostileData.Case each : hostile.dataFiles()) {
            assertRefused(validate("--predictions", each.file().toString(), "--gate", "roc_auc >= 0.5"), each);
        }
    }

    @Test
    public void shouldRefuseEveryHostileBaselineFile() throws IOException {
        var predictions = hostile.good("p.csv");
        for (HostileData.Case each : hostile.dataFiles()) {
            assertRefused(validate("--predictions", predictions.toString(), "--baseline", each.file().toString(),
                    "--gate", "roc_auc >= baseline"), each);
        }
    }

    @Test
    public void shouldRunOutOfMemoryWithOneLineAndExitTwo() throws IOException, InterruptedException {
        // one field of 12 million characters: the parser's buffer for it does not fit a 32 MB heap
        var file = hostile.write("huge.csv", "label,score,g\n1,0.5," + "x".repeat(12_000_000) + "\n");
        var run = SmallHeap.run("32m", "validate", "--predictions", file.toString(), "--score", "score",
                "--group", "g", "--report-dir", reports().toString());
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: out of memory (Java heap space): give Java more memory (java "
                + "-Xmx..., or MLCD_JAVA_OPTS=-Xmx... for bin/mlcd) or split the input" + System.lineSeparator());
        assertThat(reports()).doesNotExist();
    }
}
