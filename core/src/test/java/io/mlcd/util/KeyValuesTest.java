package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.mlcd.drift.ColumnType;
import io.mlcd.validation.Task;
import java.util.List;
import org.junit.Test;

/** The option values users type, shared by the command line and the Jenkins steps. */
public class KeyValuesTest {
    @Test
    public void shouldSplitAtTheLastEqualsSignAndNameTheOptionOnBadInput() {
        assertThat(KeyValues.parse("--column-test", List.of("age=psi", "a=b=ks"), value -> value))
                .containsExactly(entry("age", "psi"), entry("a=b", "ks"));
        assertThatThrownBy(() -> KeyValues.parse("columnTests", List.of("=psi"), value -> value))
                .hasMessage("columnTests expects COLUMN=VALUE, got '=psi'");
        assertThatThrownBy(() -> KeyValues.parse("columnTests", List.of("age="), value -> value))
                .hasMessage("columnTests expects COLUMN=VALUE, got 'age='");
        assertThat(KeyValues.number("--column-threshold", "0.25")).isEqualTo(0.25);
        assertThatThrownBy(() -> KeyValues.number("--column-threshold", "low"))
                .hasMessage("--column-threshold: 'low' is not a number (write it like 0.05, 12 or 1e-3)");
        assertThatThrownBy(() -> KeyValues.number("--column-threshold", "NaN"))
                .hasMessage("--column-threshold: 'NaN' is not a number (write it like 0.05, 12 or 1e-3)");
    }

    @Test
    public void shouldRefuseAKeyGivenTwiceSinceOneValueWouldBeLostSilently() {
        assertThatThrownBy(() -> KeyValues.parse("--column-threshold", List.of("age=0.1", "age=0.9"), value -> value))
                .hasMessage("--column-threshold names 'age' twice");
        assertThatThrownBy(() -> KeyValues.tags("--tag", List.of("team=risk", "team=ops")))
                .hasMessage("--tag names 'team' twice");
    }

    @Test
    public void shouldSplitTagsAtTheFirstEqualsSignSoValuesMayHoldOne() {
        assertThat(KeyValues.tags("--tag", List.of("ticket=https://tracker.example/?id=42", "team=")))
                .containsExactly(entry("ticket", "https://tracker.example/?id=42"), entry("team", ""));
        assertThatThrownBy(() -> KeyValues.tags("tags", List.of("=risk")))
                .hasMessage("tags expects KEY=VALUE, got '=risk'");
    }

    @Test
    public void shouldNameTasksAndColumnTypesOrSayWhatExists() {
        assertThat(Task.fromId("regression")).isEqualTo(Task.REGRESSION);
        assertThatThrownBy(() -> Task.fromId("ranking"))
                .hasMessage("task must be binary, multiclass or regression, not 'ranking'");
        assertThat(ColumnType.fromUser("columnTypes", "boolean")).isEqualTo(ColumnType.BOOLEAN);
        assertThatThrownBy(() -> ColumnType.fromUser("columnTypes", "text"))
                .hasMessage("columnTypes: 'text' is not numeric, categorical or boolean");
    }
}
