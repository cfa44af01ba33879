package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What registerModel says and returns of a registration, and the lineage it registers with. */
public class RegistrationTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static ModelVersion version() {
        return new ModelVersion("churn", "7", "3f2a", "models:/m-1", "READY", "", Map.of(), List.of("challenger"));
    }

    @Test
    public void shouldSayWhetherTheVersionIsNewAndUnderWhichAlias() {
        assertThat(new Registration(version(), true).describe("challenger"))
                .isEqualTo("'churn' version 7 registered as @challenger");
        assertThat(new Registration(version(), false).describe(null))
                .isEqualTo("'churn' version 7 already registered by this run and build");
    }

    @Test
    public void shouldReturnTheVersionAndItsPage() {
        assertThat(new Registration(version(), false).values("https://mlflow.example/#/models/churn/versions/7"))
                .containsExactly(entry("name", "churn"), entry("version", "7"), entry("created", false),
                        entry("source", "models:/m-1"), entry("aliases", List.of("challenger")),
                        entry("url", "https://mlflow.example/#/models/churn/versions/7"));
    }

    @Test
    public void shouldAddDataHashesComputedHereOrElsewhereInOrder() throws Exception {
        var file = folder.newFile("train.csv").toPath();
        Files.writeString(file, "abc");

        var lineage = Lineage.fromEnvironment(Map.of("BUILD_URL", "https://ci/job/x/7/")).withData(file)
                .withDataHashes(Map.of("test.csv", "00ff"));

        assertThat(lineage.data()).containsExactly(
                entry("train.csv", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                entry("test.csv", "00ff"));
        assertThat(lineage.tags()).containsEntry("mlcd.data.test.csv.sha256", "00ff")
                .containsEntry("mlcd.ci.build_url", "https://ci/job/x/7/");
        assertThat(lineage.buildKey()).isEqualTo("https://ci/job/x/7/");
    }
}
