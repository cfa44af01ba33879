package io.mlcd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import org.junit.Test;

public class DictionaryTest {
    @Test
    public void shouldNumberValuesInOrderOfFirstAppearance() {
        var dictionary = new Dictionary(10_000, "groups");
        for (int i = 0; i < 5000; i++) {
            assertThat(dictionary.code("g" + i, "f.csv", i)).isEqualTo(i);
        }
        for (int i = 0; i < 5000; i++) {
            assertThat(dictionary.code(new StringBuilder("g").append(i), "f.csv", i)).isEqualTo(i);
        }
        assertThat(dictionary.size()).isEqualTo(5000);
        assertThat(dictionary.value(4321)).isEqualTo("g4321");
        assertThat(dictionary.indexOf("nope")).isEqualTo(-1);
    }

    @Test
    public void shouldStopAtTheLimitNamingTheRow() {
        var dictionary = new Dictionary(2, "classes");
        dictionary.code("a", "f.csv", 2);
        dictionary.code("b", "f.csv", 3);
        assertThat(dictionary.code("a", "f.csv", 4)).isZero();
        assertThat(dictionary.codeIfRoom("b")).isEqualTo(1);
        assertThat(dictionary.codeIfRoom("c")).isEqualTo(-1);
        assertThatThrownBy(() -> dictionary.code("c", "f.csv", 5)).isInstanceOf(InputException.class)
                .hasMessage("f.csv, line 5: more than 2 distinct classes (a, b, ...)");
    }
}
