package io.mlcd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Bytes that are not UTF-8 stop every reader with the file and line, where a lenient decoder
 * would turn them into U+FFFD and merge different values into one.
 */
public class Utf8ReaderTest {
    private static final String HINT = "; mlcd reads UTF-8 only: convert the file, e.g. iconv -f ISO-8859-1 -t UTF-8";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(final String name, final byte[]... parts) throws IOException {
        var bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.write(part);
        }
        var file = folder.getRoot().toPath().resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final int... values) {
        var result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static List<String> column(final Path file, final int column) {
        try (var source = Tables.open(file, Progress.NONE)) {
            var values = new ArrayList<String>();
            while (source.next()) {
                values.add(source.field(column));
            }
            return values;
        }
    }

    @Test
    public void shouldRejectLatin1ValuesInCsvWithLineAndByte() throws IOException {
        // "Ä" and "Ö" in Latin-1: decoded leniently both become U+FFFD, one group instead of two
        var file = write("p.csv", utf8("label,score,group\n1,0.9,"), bytes(0xC4), utf8("\n0,0.1,"), bytes(0xD6),
                utf8("\n"));
        assertThatThrownBy(() -> column(file, 2)).isInstanceOf(InputException.class)
                .hasMessage(file + ", line 2: not UTF-8 text (0xC4 at byte 24)" + HINT);
    }

    @Test
    public void shouldRejectLatin1ValuesInJsonLinesWithLine() throws IOException {
        var file = write("p.jsonl", utf8("{\"group\": \"A\"}\n{\"group\": \""), bytes(0xC4), utf8("\"}\n"));
        assertThatThrownBy(() -> column(file, 0)).isInstanceOf(InputException.class)
                .hasMessage(file + ", line 2: not UTF-8 text (0xC4 at byte 26)" + HINT);
    }

    @Test
    public void shouldRejectEveryKindOfInvalidSequence() throws IOException {
        var cases = new java.util.LinkedHashMap<String, byte[]>();
        cases.put("0x80", bytes(0x80)); // a continuation byte without a start
        cases.put("0xC0", bytes(0xC0, 0x80)); // overlong encoding of NUL
        cases.put("0xED", bytes(0xED, 0xA0, 0x80)); // a UTF-16 surrogate encoded in UTF-8
        cases.put("0xF4", bytes(0xF4, 0x90, 0x80, 0x80)); // beyond U+10FFFF
        cases.put("0xE2", bytes(0xE2, 0x28, 0xA1)); // a start byte followed by ASCII
        for (var each : cases.entrySet()) {
            var file = write("bad.csv", utf8("a\nok\n"), each.getValue(), utf8("\n"));
            assertThatThrownBy(() -> column(file, 0)).as(each.getKey())
                    .hasMessageStartingWith(file + ", line 3: not UTF-8 text (" + each.getKey());
        }
        var cut = write("cut.csv", utf8("a\nok\n"), bytes(0xE2, 0x82));
        assertThatThrownBy(() -> column(cut, 0)).hasMessage(cut + ", line 3: not UTF-8 text (0xE2 0x82 at byte 5)" + HINT);
    }

    @Test
    public void shouldNameUtf16AsSuch() throws IOException {
        var file = write("u16.csv", "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> Tables.open(file, Progress.NONE)).hasMessage(file + ", line 1: not UTF-8 text (0xFF at "
                + "byte 0: a UTF-16 byte order mark); mlcd reads UTF-8 only: convert the file, e.g. iconv -f UTF-16 -t UTF-8");
    }

    @Test
    public void shouldCountLinesAsTheParsersDo() throws IOException {
        var crlf = write("crlf.csv", utf8("a\r\nx\r\n\"two\r\nlines\"\r\n"), bytes(0xFF), utf8("\r\n"));
        assertThatThrownBy(() -> column(crlf, 0)).hasMessageStartingWith(crlf + ", line 5: not UTF-8 text (0xFF at byte 20)");
        var cr = write("cr.csv", utf8("a\rx\ry\r"), bytes(0xFF));
        assertThatThrownBy(() -> column(cr, 0)).hasMessageStartingWith(cr + ", line 4: not UTF-8 text");
    }

    @Test
    public void shouldHandOutTheRowsBeforeTheBadBytesFirst() throws IOException {
        var file = write("late.csv", utf8("a\n" + "x\n".repeat(40_000)), bytes(0xC4), utf8("\n"));
        try (var source = Tables.open(file, Progress.NONE)) {
            for (int i = 0; i < 40_000; i++) {
                assertThat(source.next()).isTrue();
                assertThat(source.field(0)).isEqualTo("x");
            }
            assertThatThrownBy(source::next).hasMessageStartingWith(file + ", line 40002: not UTF-8 text (0xC4 at byte 80002)");
        }
    }

    @Test
    public void shouldReadMultiByteCharactersAcrossBufferBoundaries() throws IOException {
        // 3- and 4-byte characters at every offset around the 64 KiB boundaries of the reader
        var text = new StringBuilder("name\n");
        var expected = new ArrayList<String>();
        for (int i = 0; i < 30_000; i++) {
            var value = "Ä日" + "x".repeat(i % 3) + "\uD83D\uDE00";
            text.append(value).append('\n');
            expected.add(value);
        }
        var file = write("wide.csv", utf8(text.toString()));
        assertThat(Files.size(file)).isGreaterThan(3 * 65_536);
        assertThat(column(file, 0)).isEqualTo(expected);
    }

    @Test
    public void shouldSkipAUtf8ByteOrderMarkInEveryFormat() throws IOException {
        var csv = write("bom.csv", bytes(0xEF, 0xBB, 0xBF), utf8("id,value\n1,Ä\n"));
        try (var source = Tables.open(csv, Progress.NONE)) {
            assertThat(source.header()).containsExactly("id", "value");
        }
        assertThat(column(csv, 1)).containsExactly("Ä");
        var jsonl = write("bom.jsonl", bytes(0xEF, 0xBB, 0xBF), utf8("{\"id\": 1}\n"));
        try (var source = Tables.open(jsonl, Progress.NONE)) {
            assertThat(source.header()).containsExactly("id");
        }
        var onlyMark = write("mark.csv", bytes(0xEF, 0xBB, 0xBF));
        assertThatThrownBy(() -> Tables.open(onlyMark, Progress.NONE))
                .hasMessage(onlyMark + " is empty: expected a header row with column names");
    }
}
