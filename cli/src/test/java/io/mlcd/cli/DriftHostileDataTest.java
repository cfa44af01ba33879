package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Hostile reference or current inputs of {@code mlcd drift}, data files or profiles, end with exit
 * status 2, one line naming the file and the problem, and no report; never a column that did not
 * drift because its profile was damaged, and never a drift share of NaN.
 */
public class DriftHostileDataTest {
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

    private CliRun drift(final Path reference, final Path current, final String... more) {
        var args = new ArrayList<>(List.of("drift", "--report-dir", reports().toString(), "--reference",
                reference.toString(), "--current", current.toString(), "--gate", "drift_share <= 0.3"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void assertRefused(final CliRun run, final HostileData.Case each) {
        HostileData.assertRefused(run, each, reports());
    }

    @Test
    public void shouldRefuseEveryHostileCurrentDataFile() throws IOException {
        var reference = hostile.good("reference.csv");
        for (HostileData.Case each : hostile.dataFiles()) {
            assertRefused(drift(reference, each.file()), each);
        }
    }

    @Test
    public void shouldRefuseEveryHostileReferenceDataFile() throws IOException {
        var current = hostile.good("current.csv");
        for (HostileData.Case each : hostile.dataFiles()) {
            assertRefused(drift(each.file(), current), each);
        }
    }

    @Test
    public void shouldRefuseEveryHostileReferenceProfile() throws IOException {
        var current = hostile.good("current.csv");
        for (HostileData.Case each : hostile.profiles(current)) {
            assertRefused(drift(each.file(), current), each);
        }
    }

    @Test
    public void shouldRefuseAProfileWhoseInflatedSpreadWouldHideDrift() throws IOException {
        var reference = numbers("reference.csv", 0, 1);
        var shifted = numbers("shifted.csv", 3, 2);
        var profile = folder.getRoot().toPath().resolve("reference.json");
        assertThat(CliRun.of("profile", reference.toString(), "-o", profile.toString()).status()).isZero();
        var honest = drift(profile, shifted);
        assertThat(honest.status()).as(honest.err()).isEqualTo(1);
        assertThat(honest.out()).startsWith("FAILED");
        reports().toFile().renameTo(folder.getRoot().toPath().resolve("honest-reports").toFile());

        // the Wasserstein distance is divided by the reference std: a hundredfold std hides the shift
        var json = new ObjectMapper();
        var tree = (ObjectNode) json.readTree(profile.toFile());
        var summary = (ObjectNode) tree.get("columns").get(0).get("numeric").get("summary");
        summary.put("m2", summary.get("m2").asDouble() * 10_000);
        json.writeValue(profile.toFile(), tree);
        var run = drift(profile, shifted);
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("mlcd: error: profile " + profile + " is corrupt: column 'x': m2 ")
                .endsWith(" can have" + System.lineSeparator());
        assertThat(reports()).doesNotExist();
    }

    /** 2,000 normal values around {@code shift}, one column x. */
    private Path numbers(final String name, final double shift, final long seed) throws IOException {
        var random = new Random(seed);
        var text = new StringBuilder("x\n");
        for (int i = 0; i < 2000; i++) {
            text.append(String.format(Locale.ROOT, "%.3f%n", shift + random.nextGaussian()));
        }
        return hostile.write(name, text.toString());
    }

    @Test
    public void shouldNeverReportADriftShareOfNaN() throws IOException {
        var reference = hostile.good("reference.csv");
        var noKeys = hostile.write("no-keys.jsonl", "{}\n");
        assertRefused(drift(reference, noKeys), new HostileData.Case("current data without columns", noKeys,
                noKeys + ", line 1: the first object has no keys, so the data has no columns"));
        var blank = hostile.write("blank.csv", "label,score,g\n,,\n,,\n");
        assertRefused(drift(reference, blank, "--type", "label=numeric"), new HostileData.Case("current data without values", blank,
                "column 'label' has no values in the current data " + blank));
    }

    @Test
    public void shouldRunOutOfMemoryWithOneLineAndExitTwo() throws IOException, InterruptedException {
        var reference = hostile.good("reference.csv");
        var file = hostile.write("huge.csv", "label,score,g\n1,0.5," + "x".repeat(12_000_000) + "\n");
        var run = SmallHeap.run("32m", "drift", "--reference", reference.toString(), "--current", file.toString(),
                "--report-dir", reports().toString());
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: out of memory (Java heap space): give Java more memory (java "
                + "-Xmx..., or MLCD_JAVA_OPTS=-Xmx... for bin/mlcd) or split the input" + System.lineSeparator());
        assertThat(reports()).doesNotExist();
    }
}
