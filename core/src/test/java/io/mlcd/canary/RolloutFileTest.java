package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.Severity;
import io.mlcd.util.InputException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RolloutFileTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RolloutFile read(final String yaml) throws Exception {
        var file = folder.newFile().toPath();
        Files.writeString(file, yaml);
        return RolloutFile.read(file, new GateParser(new CanaryCatalog()));
    }

    @Test
    public void shouldReadEverySetting() throws Exception {
        var file = read(String.join("\n", "weights: [5, 25, 50, 100]", "pause: 90s", "min_requests: 200",
                "confidence: 0.98", "failure_limit: 1", "inconclusive_limit: 3", "manual_gate: true",
                "gates:", "  - error_rate <= baseline + 1%", "warn:", "  - latency_p95 <= 300ms", ""));

        assertThat(file.weights()).containsExactly(5, 25, 50, 100);
        assertThat(file.pause()).isEqualTo(Duration.ofSeconds(90));
        assertThat(file.minRequests()).isEqualTo(200L);
        assertThat(file.confidence()).isEqualTo(0.98);
        assertThat(file.failureLimit()).isEqualTo(1);
        assertThat(file.inconclusiveLimit()).isEqualTo(3);
        assertThat(file.manualGate()).isTrue();
        assertThat(file.policy().gates()).extracting(gate -> gate.expression() + " " + gate.severity())
                .containsExactly("error_rate <= baseline + 1% " + Severity.FAIL, "latency_p95 <= 300ms " + Severity.WARN);
    }

    @Test
    public void shouldLeaveOutWhatTheFileDoesNotSay() throws Exception {
        var file = read("pause: 2m\n");

        assertThat(file.weights()).isNull();
        assertThat(file.pause()).isEqualTo(Duration.ofMinutes(2));
        assertThat(file.policy().gates()).isEmpty();
    }

    @Test
    public void shouldRejectUnknownKeysAndWrongTypes() {
        assertThatThrownBy(() -> read("weight: [5, 100]\n")).isInstanceOf(InputException.class)
                .hasMessageContaining("unknown key 'weight'");
        assertThatThrownBy(() -> read("weights: 5\n")).isInstanceOf(InputException.class)
                .hasMessageContaining("'weights' must be a list");
        assertThatThrownBy(() -> read("min_requests: lots\n")).isInstanceOf(InputException.class)
                .hasMessageContaining("'min_requests' must be a whole number, got 'lots'");
        assertThatThrownBy(() -> read("gates:\n  - nonsense <= 1\n")).isInstanceOf(InputException.class)
                .hasMessageContaining("unknown canary metric 'nonsense'");
    }

    @Test
    public void shouldReadYamlStrictly() {
        assertThatThrownBy(() -> read("confidence: 0.9\nweights: [5, 100]\nconfidence: 0.5\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(", line 3, column 1: duplicate key 'confidence' (first on line 1)");
        assertThatThrownBy(() -> read("confidence: .nan\n")).hasMessageContaining("'confidence' must be a number, got '.nan'");
        assertThatThrownBy(() -> read("confidence: .inf\n")).hasMessageContaining("'confidence' must be a number, got '.inf'");
        assertThatThrownBy(() -> read("min_requests: 0x10\n")).hasMessageContaining("must be a whole number, got '0x10'");
        assertThatThrownBy(() -> read("manual_gate: yes\n")).hasMessageContaining("'manual_gate' must be true or false");
        assertThatThrownBy(() -> read("weights: &w [5, 100]\napprove_before: *w\n"))
                .hasMessageContaining("aliases (*name) of lists or mappings are not supported");
    }
}
