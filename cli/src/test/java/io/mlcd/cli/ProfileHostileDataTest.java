package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Hostile data and profile inputs of {@code mlcd profile} end with exit status 2, one line naming
 * the file and the problem, and no profile written; a wide file costs little memory per column.
 */
public class ProfileHostileDataTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private HostileData hostile;

    @Before
    public void corpus() {
        hostile = new HostileData(folder);
    }

    private Path output() {
        return folder.getRoot().toPath().resolve("out.json");
    }

    private void assertRefused(final CliRun run, final HostileData.Case each) {
        HostileData.assertRefused(run, each, output());
    }

    @Test
    public void shouldRefuseEveryHostileDataFile() throws IOException {
        for (HostileData.Case each : hostile.dataFiles()) {
            assertRefused(CliRun.of("profile", each.file().toString(), "-o", output().toString()), each);
        }
    }

    @Test
    public void shouldRefuseEveryHostileProfileToMerge() throws IOException {
        var good = hostile.good("good.csv");
        for (HostileData.Case each : hostile.profiles(good)) {
            assertRefused(CliRun.of("profile", good.toString(), each.file().toString(), "-o", output().toString()), each);
        }
    }

    @Test
    public void shouldProfileTwentyThousandColumnsInASmallHeap() throws IOException, InterruptedException {
        // 20,000 columns of 5 rows took 2.7 GB when buffers and sketches were sized per column up front
        var columns = 20_000;
        var text = new StringBuilder();
        for (int row = 0; row <= 5; row++) {
            for (int k = 0; k < columns; k++) {
                text.append(k == 0 ? "" : ",").append(row == 0 ? "c" + k : String.valueOf(row * 0.125 + k));
            }
            text.append('\n');
        }
        var file = hostile.write("wide.csv", text.toString());
        var run = SmallHeap.run("256m", "profile", file.toString(), "-o", output().toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("profiled 5 rows, 20000 columns -> " + output() + System.lineSeparator());
        assertThat(Files.size(output())).isLessThan(columns * 1_000L);
    }

    @Test
    public void shouldRunOutOfMemoryWithOneLineAndExitTwo() throws IOException, InterruptedException {
        var file = hostile.write("huge.csv", "a,b\n1," + "x".repeat(12_000_000) + "\n");
        var run = SmallHeap.run("32m", "profile", file.toString(), "-o", output().toString());
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: out of memory (Java heap space): give Java more memory (java "
                + "-Xmx..., or MLCD_JAVA_OPTS=-Xmx... for bin/mlcd) or split the input" + System.lineSeparator());
        assertThat(output()).doesNotExist();
    }
}
