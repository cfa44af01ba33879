package io.mlcd.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ProfilesTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path csv(final String name, final int rows, final String lastLine) throws IOException {
        var text = new StringBuilder("x,city\n");
        for (int i = 0; i < rows; i++) {
            text.append(i % 100).append(",c").append(i % 7).append('\n');
        }
        text.append(lastLine);
        var file = folder.getRoot().toPath().resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void shouldLoadEachInputAsLoadDoesInTheOrderGiven() throws IOException {
        var a = csv("a.csv", 20_000, "");
        var b = csv("b.csv", 5_000, "");
        var c = csv("c.csv", 300, "");

        var profiles = Profiles.loadAll(List.of(List.of(a), List.of(b, c)), Map.of(), Progress.NONE);

        assertThat(profiles).hasSize(2);
        assertThat(profiles.get(0).rows()).isEqualTo(20_000);
        assertThat(profiles.get(1).rows()).isEqualTo(5_300);
        assertThat(profiles.get(1).source()).isEqualTo(b + " + " + c);
        assertThat(profiles.get(1).column("city").orElseThrow().categorical())
                .isEqualTo(Profiles.load(List.of(b, c), Map.of(), Progress.NONE).column("city").orElseThrow()
                        .categorical());
    }

    @Test
    public void shouldReportTheFirstInputsErrorWhicheverFailsFirst() throws IOException {
        // the reference fails late (a bad record after 30,000 rows), the current at once (no such file)
        var reference = csv("reference.csv", 30_000, "1,2,3\n");
        var current = folder.getRoot().toPath().resolve("missing.csv");
        var good = csv("good.csv", 1_000, "");

        for (int run = 0; run < 3; run++) {
            assertThatThrownBy(() -> Profiles.loadAll(List.of(List.of(reference), List.of(current)), Map.of(),
                    Progress.NONE)).isInstanceOf(InputException.class).hasMessageContaining("reference.csv")
                    .hasMessageContaining("line 30002");
            assertThatThrownBy(() -> Profiles.loadAll(List.of(List.of(good), List.of(current)), Map.of(),
                    Progress.NONE)).isInstanceOf(InputException.class).hasMessageContaining("missing.csv");
            assertThatThrownBy(() -> Profiles.loadAll(List.of(List.of(current), List.of(reference)), Map.of(),
                    Progress.NONE)).isInstanceOf(InputException.class).hasMessageContaining("missing.csv");
        }
    }
}
