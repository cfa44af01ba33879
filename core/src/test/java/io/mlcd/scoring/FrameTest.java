package io.mlcd.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link Frame}: column types as the profiler decides them, missing values, slices and CSV output. */
public class FrameTest {
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name, final String text) throws Exception {
        var file = folder.getRoot().toPath().resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void shouldTypeColumnsAsNumbersWholeNumbersOrText() throws Exception {
        var frame = Frame.read(file("rows.csv", "id,age,income,region,code,note\n"
                + "1,30,0.5,north,007,x\n"
                + "2,NA,inf,,12,\n"
                + "3,41,1e3,\"south, far\",A1,nan\n"), List.of("note"), Progress.NONE);

        assertThat(frame.columns()).containsExactly("id", "age", "income", "region", "code");
        assertThat(frame.rows()).isEqualTo(3);
        assertThat(frame.isNumeric(1)).isTrue();
        assertThat(frame.isWhole(1)).isTrue();
        assertThat(frame.isNumeric(2)).isTrue();
        assertThat(frame.isWhole(2)).as("1e3 is written as a decimal").isFalse();
        assertThat(frame.isNumeric(3)).isFalse();
        assertThat(frame.isNumeric(4)).as("A1 is text").isFalse();
        assertThat(frame.number(1, 1)).isNaN();
        assertThat(frame.number(2, 1)).as("infinity counts as missing, as in the profiler").isNaN();
        assertThat(frame.number(2, 2)).isEqualTo(1000.0);
        assertThat(frame.text(3, 1)).isNull();
        assertThat(frame.text(3, 2)).isEqualTo("south, far");
        assertThat(frame.text(4, 0)).isEqualTo("007");
    }

    @Test
    public void shouldReadJsonLinesTheSameWay() throws Exception {
        var frame = Frame.read(file("rows.jsonl", "{\"a\": 1, \"b\": \"x\"}\n{\"a\": null, \"b\": \"y\"}\n"), List.of(),
                Progress.NONE);
        assertThat(frame.columns()).containsExactly("a", "b");
        assertThat(frame.isWhole(0)).isTrue();
        assertThat(frame.number(0, 1)).isNaN();
        assertThat(frame.text(1, 1)).isEqualTo("y");
    }

    @Test
    public void shouldRefuseADropColumnTheFileLacks() throws Exception {
        var rows = file("rows.csv", "a,b\n1,2\n");
        assertThatThrownBy(() -> Frame.read(rows, List.of("c"), Progress.NONE)).isInstanceOf(InputException.class)
                .hasMessage(rows + " has no column 'c' (columns: a, b)");
    }

    @Test
    public void shouldSliceSelectAndReplaceWithoutChangingTheOriginal() {
        var frame = HttpScorerTest.rows(5);
        var slice = frame.rows(1, 4);
        assertThat(slice.rows()).isEqualTo(3);
        assertThat(slice.number(0, 0)).isEqualTo(2.0);
        var selected = frame.select(new int[] {4, 0});
        assertThat(selected.number(0, 0)).isEqualTo(5.0);
        assertThat(selected.text(1, 1)).isEqualTo("north");
        var changed = slice.withNumbers(0, new double[] {0.5, Double.NaN, 7});
        assertThat(changed.number(0, 0)).isEqualTo(0.5);
        assertThat(changed.isWhole(0)).isFalse();
        assertThat(frame.number(0, 1)).isEqualTo(2.0);
        var texts = slice.withTexts(1, new String[] {null, "x", "y"});
        assertThat(texts.text(1, 0)).isNull();
        assertThat(frame.text(1, 1)).isEqualTo("south");
        assertThatThrownBy(() -> frame.rows(3, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    public void shouldWriteCsvThatReadsBackToTheSameValues() throws Exception {
        var original = Frame.read(file("rows.csv", "id,p,region\n1,0.30000000000000004,\"a,\"\"b\"\"\"\n2,,north\n"),
                List.of(), Progress.NONE).plusNumbers("mlcd_score", new double[] {0.1, 1e-20});
        var out = folder.getRoot().toPath().resolve("out.csv");

        original.writeCsv(out);

        assertThat(Files.readString(out)).isEqualTo("id,p,region,mlcd_score\n"
                + "1,0.30000000000000004,\"a,\"\"b\"\"\",0.1\n"
                + "2,,north,1.0E-20\n");
        var back = Frame.read(out, List.of(), Progress.NONE);
        assertThat(back.number(1, 0)).isEqualTo(0.30000000000000004);
        assertThat(back.number(3, 1)).isEqualTo(1e-20);
        assertThat(back.text(2, 0)).isEqualTo("a,\"b\"");
        assertThatThrownBy(() -> original.plusTexts("id", new String[] {"x", "y"})).isInstanceOf(InputException.class)
                .hasMessage("there is a column 'id' already");
    }
}
