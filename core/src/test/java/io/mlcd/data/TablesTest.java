package io.mlcd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TablesTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(final String name, final String content) throws IOException {
        var file = folder.getRoot().toPath().resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static List<List<String>> readAll(final RecordSource source) {
        var rows = new ArrayList<List<String>>();
        while (source.next()) {
            var row = new ArrayList<String>();
            for (int i = 0; i < source.header().size(); i++) {
                row.add(source.field(i));
            }
            row.add(Long.toString(source.line()));
            rows.add(row);
        }
        return rows;
    }

    @Test
    public void shouldReadCsvWithQuotesAndLineNumbers() throws IOException {
        var file = write("p.csv", "\uFEFFid,label,note\n1,a,\"x, y\"\n2,b,\"two\nlines\"\n3,c,\n");
        try (var source = Tables.open(file, Progress.NONE)) {
            assertThat(source.header()).containsExactly("id", "label", "note");
            assertThat(readAll(source)).containsExactly(List.of("1", "a", "x, y", "2"),
                    List.of("2", "b", "two\nlines", "3"), List.of("3", "c", "", "5"));
            assertThat(source.rowsRead()).isEqualTo(3);
        }
    }

    @Test
    public void shouldReadJsonLinesWithMissingAndReorderedKeys() throws IOException {
        var file = write("p.jsonl", """
                {"id": "r1", "label": 1, "score": 0.25, "ok": true}
                {"score": 1e-3, "id": "r2", "label": 0, "extra": "ignored"}

                {"id": "r3", "label": null, "score": 0.5, "ok": false}
                """);
        try (var source = Tables.open(file, Progress.NONE)) {
            assertThat(source.header()).containsExactly("id", "label", "score", "ok");
            assertThat(readAll(source)).containsExactly(List.of("r1", "1", "0.25", "true", "1"),
                    List.of("r2", "0", "1e-3", "", "2"), List.of("r3", "", "0.5", "false", "4"));
        }
    }

    @Test
    public void shouldNameMissingColumnsAndListTheOnesThereAre() throws IOException {
        var file = write("p.csv", "id,label\n1,0\n");
        try (var source = Tables.open(file, Progress.NONE)) {
            assertThatThrownBy(() -> source.column("score")).isInstanceOf(InputException.class)
                    .hasMessage(file + " has no column 'score' (columns: id, label)");
        }
    }

    @Test
    public void shouldRejectMissingEmptyDirectoryDeviceAndUnreadableInputs() throws IOException {
        var missing = folder.getRoot().toPath().resolve("nope.csv");
        assertThatThrownBy(() -> Tables.open(missing, Progress.NONE)).hasMessage(missing + " does not exist");
        assertThatThrownBy(() -> Tables.open(folder.getRoot().toPath(), Progress.NONE))
                .hasMessage(folder.getRoot() + " is a directory, not a file");
        assertThatThrownBy(() -> Tables.open(Path.of("/dev/null"), Progress.NONE))
                .hasMessage("/dev/null is not a regular file (a device, pipe or socket); give a file");
        var empty = write("empty.csv", "");
        assertThatThrownBy(() -> Tables.open(empty, Progress.NONE))
                .hasMessage(empty + " is empty: expected a header row with column names");
        var emptyJson = write("empty.jsonl", "\n");
        assertThatThrownBy(() -> Tables.open(emptyJson, Progress.NONE)).hasMessageContaining("is empty");
    }

    @Test
    public void shouldRejectRaggedCsvRows() throws IOException {
        var file = write("p.csv", "a,b\n1,2\n3\n");
        try (var source = Tables.open(file, Progress.NONE)) {
            assertThat(source.next()).isTrue();
            assertThatThrownBy(source::next).isInstanceOf(InputException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("3");
        }
    }

    @Test
    public void shouldRejectBrokenJsonLines() throws IOException {
        var broken = write("b.jsonl", "{\"a\": 1}\n{\"a\": \n");
        try (var source = Tables.open(broken, Progress.NONE)) {
            assertThat(source.next()).isTrue();
            assertThatThrownBy(source::next).hasMessage(broken
                    + ", line 2: not valid JSON: Unexpected end-of-input within/between Object entries");
        }
        var nested = write("n.jsonl", "{\"a\": 1}\n{\"a\": [1, 2]}\n");
        try (var source = Tables.open(nested, Progress.NONE)) {
            source.next();
            assertThatThrownBy(source::next).hasMessage(nested + ", line 2, column 'a': nested values are not supported");
        }
        var array = write("a.jsonl", "[1, 2]\n");
        assertThatThrownBy(() -> Tables.open(array, Progress.NONE))
                .hasMessage(array + ", line 1: expected a JSON object, found an array");
    }

    @Test
    public void shouldRejectDuplicateColumnNames() throws IOException {
        var csv = write("d.csv", "\n\nid,score,id\n1,0.5,2\n");
        assertThatThrownBy(() -> Tables.open(csv, Progress.NONE)).isInstanceOf(InputException.class)
                .hasMessage(csv + ", line 3: column 'id' appears twice in the header (columns 1 and 3)");
        var blanks = write("b.csv", ",a,\n1,2,3\n");
        assertThatThrownBy(() -> Tables.open(blanks, Progress.NONE))
                .hasMessage(blanks + ", line 1: column '' appears twice in the header (columns 1 and 3)");
        var header = write("h.jsonl", "{\"id\": 1, \"score\": 0.5, \"id\": 2}\n");
        assertThatThrownBy(() -> Tables.open(header, Progress.NONE))
                .hasMessage(header + ", line 1: key 'id' appears twice in one object");
        var later = write("l.jsonl", "{\"id\": 1, \"score\": 0.5}\n{\"score\": 0.1,\n \"score\": 0.9}\n");
        try (var source = Tables.open(later, Progress.NONE)) {
            assertThat(source.next()).isTrue();
            assertThatThrownBy(source::next).hasMessage(later + ", line 3: key 'score' appears twice in one object");
        }
    }

    @Test
    public void shouldRejectJsonLinesWithoutColumns() throws IOException {
        var file = write("e.jsonl", "\n{}\n{\"a\": 1}\n");
        assertThatThrownBy(() -> Tables.open(file, Progress.NONE))
                .hasMessage(file + ", line 2: the first object has no keys, so the data has no columns");
    }

    @Test
    public void shouldGiveJsonErrorsWithLineAndWithoutParserInternals() throws IOException {
        var cases = new String[][] {
            {"{\"a\": 007}", "line 2: not valid JSON: Invalid numeric value: Leading zeroes not allowed"},
            {"{\"a\": " + "1".repeat(1001) + "}", "line 2: not valid JSON: Number value length (1001) exceeds the "
                    + "maximum allowed (1000)"},
            {"// note\n{\"a\": 1}", "line 2: not valid JSON: Unexpected character ('/' (code 47)): maybe a "
                    + "(non-standard) comment?"},
            {"{'a': 1}", "line 2: not valid JSON: Unexpected character (''' (code 39)): was expecting double-quote to "
                    + "start field name"},
            {"{\"a\": 1,}", "line 2: not valid JSON: Unexpected character ('}' (code 125)): was expecting "
                    + "double-quote to start field name"},
            {"{\"a\": \"x\u0001\"}", "line 2: not valid JSON: Illegal unquoted character ((CTRL-CHAR, code 1)): has "
                    + "to be escaped using backslash to be included in string value"},
            {"{\"a\": tru}", "line 2: not valid JSON: Unrecognized token 'tru': was expecting (JSON String, Number "
                    + "(or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')"},
            {"}", "line 2: not valid JSON: Unexpected close marker '}': no open Object to close"},
            {"{\"a\": \"open", "line 2: not valid JSON: Illegal unquoted character ((CTRL-CHAR, code 10)): has to "
                    + "be escaped using backslash to be included in string value"},
            {"{\"a\": 1", "line 2: not valid JSON: Unexpected end-of-input: expected close marker for Object"},
            {"{\"a\":", "line 2: not valid JSON: Unexpected end-of-input within/between Object entries"},
            {"\"text\"", "line 2: expected a JSON object, found a string"},
            {"{\"a\": {\"b\": 1}}", "line 2, column 'a': nested values are not supported"},
        };
        for (String[] each : cases) {
            var file = write("j.jsonl", "{\"a\": 1}\n" + each[0] + "\n");
            try (var source = Tables.open(file, Progress.NONE)) {
                assertThat(source.next()).isTrue();
                assertThatThrownBy(source::next).as(each[0]).isInstanceOf(InputException.class)
                        .hasMessage(file + ", " + each[1])
                        .hasMessageNotContainingAny("`", "enable", "Feature", "Jackson", "jackson", "[Source");
            }
        }
    }

    @Test
    public void shouldReadNaNAndInfinityAsPythonWritesThem() throws IOException {
        var file = write("n.jsonl", "{\"x\": NaN}\n{\"x\": -Infinity}\n{\"x\": 1.5}\n");
        try (var source = Tables.open(file, Progress.NONE)) {
            assertThat(readAll(source)).containsExactly(List.of("NaN", "1"), List.of("-Infinity", "2"),
                    List.of("1.5", "3"));
        }
    }

    @Test
    public void shouldReportProgressWithFractionOfFile() throws IOException {
        var content = new StringBuilder("a\n");
        for (int i = 0; i < 200_000; i++) {
            content.append(i).append('\n');
        }
        var file = write("big.csv", content.toString());
        var fractions = new ArrayList<Double>();
        try (var source = Tables.open(file, (name, rows, fraction) -> fractions.add(fraction))) {
            while (source.next()) {
                // read to the end
            }
        }
        assertThat(fractions).hasSizeGreaterThanOrEqualTo(3);
        assertThat(fractions.get(0)).isBetween(0.0, 1.0);
        assertThat(fractions).isSorted();
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
    }
}
