package io.mlcd.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.validation.ValidationCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PolicyReaderTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final PolicyReader reader = new PolicyReader(new GateParser(new ValidationCatalog()));

    private Path write(final String yaml) throws IOException {
        var file = folder.newFile("policy.yaml").toPath();
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    public void shouldReadGatesAndWarningsInOrder() throws IOException {
        var policy = reader.read(write("""
                gates:
                  - roc_auc >= 0.85
                  - expression: log_loss <= baseline * 1.05
                    severity: warn
                warn:
                  - demographic_parity_difference[sex] <= 0.1
                """));

        assertThat(policy.gates()).extracting(Gate::expression).containsExactly("roc_auc >= 0.85",
                "log_loss <= baseline * 1.05", "demographic_parity_difference[sex] <= 0.1");
        assertThat(policy.gates()).extracting(Gate::severity).containsExactly(Severity.FAIL, Severity.WARN,
                Severity.WARN);
    }

    @Test
    public void shouldNameTheEntryOfABadGate() throws IOException {
        var file = write("gates:\n  - roc_auc >= 0.85\n  - roc_acu >= 0.8\n");
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage("policy file " + file + ", gates[1]: malformed gate 'roc_acu >= 0.8': unknown metric "
                        + "'roc_acu' (did you mean roc_auc?)");
    }

    @Test
    public void shouldRejectUnknownKeysAndSeverities() throws IOException {
        var typo = write("gate:\n  - roc_auc >= 0.85\n");
        assertThatThrownBy(() -> reader.read(typo)).hasMessageContaining("unknown key 'gate' (known: gates, warn)");
        Files.delete(typo);
        var severity = write("gates:\n  - expression: roc_auc >= 0.85\n    severity: fatal\n");
        assertThatThrownBy(() -> reader.read(severity)).hasMessageContaining("severity 'fatal' is neither fail nor warn");
    }

    @Test
    public void shouldRejectEmptyMissingAndInvalidFiles() throws IOException {
        assertThatThrownBy(() -> reader.read(folder.getRoot().toPath().resolve("none.yaml")))
                .hasMessageContaining("does not exist");
        var empty = write("");
        assertThatThrownBy(() -> reader.read(empty)).hasMessageContaining("is empty");
        Files.delete(empty);
        var invalid = write("gates: [roc_auc >= 0.85\n");
        assertThatThrownBy(() -> reader.read(invalid)).hasMessageContaining(", line 2, column 1: not valid YAML");
        Files.delete(invalid);
        var scalar = write("gates: roc_auc >= 0.85\n");
        assertThatThrownBy(() -> reader.read(scalar)).hasMessageContaining("'gates' must be a list");
    }

    @Test
    public void shouldRefuseARepeatedListInsteadOfKeepingTheLastOne() throws IOException {
        // A YAML parser that keeps the last 'gates:' turns this FAILED into PASSED.
        var file = write("gates:\n  - roc_auc >= 0.99\ngates:\n  - roc_auc >= 0.1\n");
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage("policy file " + file + ", line 3, column 1: duplicate key 'gates' (first on line 1)");
    }

    @Test
    public void shouldRefuseAPolicyWithoutGates() throws IOException {
        var file = write("gates: []\nwarn:\n");
        assertThatThrownBy(() -> reader.read(file))
                .hasMessage("policy file " + file + " has no gates: its 'gates:' and 'warn:' lists are empty");
    }

    @Test
    public void shouldTakeSeverityAndExpressionsOnlyAsText() throws IOException {
        var yes = write("gates:\n  - expression: roc_auc >= 0.8\n    severity: yes\n");
        assertThatThrownBy(() -> reader.read(yes)).hasMessageContaining("severity 'yes' is neither fail nor warn");
        Files.delete(yes);
        var number = write("gates:\n  - 0.85\n");
        assertThatThrownBy(() -> reader.read(number)).hasMessageContaining("gates[0]: expected an expression string");
        Files.delete(number);
        var nan = write("gates:\n  - roc_auc >= .nan\n");
        assertThatThrownBy(() -> reader.read(nan)).hasMessageContaining("the threshold '.nan' is neither a number");
    }
}
