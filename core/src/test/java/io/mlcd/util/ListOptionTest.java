package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** A list option as a script passes it and as a form's text area shows and binds it. */
public class ListOptionTest {
    @Test
    public void shouldSplitEveryEntryIntoItsLinesAndDropBlankOnes() {
        assertThat(ListOption.of(List.of("roc_auc >= 0.85", "  f1 >= 0.7\r\n\n  accuracy >= 0.8  ", " ")))
                .containsExactly("roc_auc >= 0.85", "f1 >= 0.7", "accuracy >= 0.8");
        assertThat(ListOption.of(null)).isEmpty();
    }

    @Test
    public void shouldShowOneEntryALineSoThatATextAreaBindsBackTheSameEntries() {
        var gates = ListOption.of(List.of("roc_auc >= 0.85", "drifted[income] < 1"));

        assertThat(gates).hasToString("roc_auc >= 0.85\ndrifted[income] < 1");
        assertThat(ListOption.of(List.of(gates.toString()))).isEqualTo(gates);
        assertThat(ListOption.of(List.of()).toString()).isEmpty();
        assertThat(ListOption.of(List.of(ListOption.of(List.of()).toString()))).isEmpty();
    }

    @Test
    public void shouldKeepAnUnsetEntryUntilTheStepStartsThenRefuseItInOneLine() {
        var gates = ListOption.of(Arrays.asList("roc_auc >= 0.85", null));

        assertThat(gates).containsExactly("roc_auc >= 0.85", null);
        assertThat(gates).hasToString("roc_auc >= 0.85\n");
        assertThatThrownBy(() -> gates.require("gates"))
                .isInstanceOf(InputException.class)
                .hasMessage("gates has an empty entry (null: an unset variable?)");
        assertThat(ListOption.of(List.of("a", "b")).require("data")).containsExactly("a", "b");
    }
}
