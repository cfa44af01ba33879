package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.data.UnreadableFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.rules.TemporaryFolder;

/**
 * The hostile inputs every command that reads data must refuse, each with the one line that
 * says what is wrong and where. Data files have the columns label, score and g, so that every
 * command can be pointed at them.
 */
final class HostileData {
    private static final String NOT_UTF8 = "; mlcd reads UTF-8 only: convert the file, e.g. iconv -f ISO-8859-1 -t UTF-8";
    private static final String HEADER = "label,score,g\n";

    /** A hostile input and the message (after "mlcd: error: ") that must refuse it. */
    record Case(String what, Path file, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    private final TemporaryFolder folder;

    /**
     * The command refused the case: exit status 2, exactly its one-line message, nothing on
     * stdout, and {@code output} (the report folder or written file) not there.
     */
    static void assertRefused(final CliRun run, final Case each, final Path output) {
        assertThat(run.status()).as(each.what() + ": " + run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).as(each.what()).isEqualTo("mlcd: error: " + each.message() + System.lineSeparator());
        assertThat(run.out()).as(each.what()).isEmpty();
        assertThat(output).as(each.what()).doesNotExist();
    }

    HostileData(final TemporaryFolder folder) {
        this.folder = folder;
    }

    Path write(final String name, final String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(final String name, final byte[] bytes) throws IOException {
        var file = folder.getRoot().toPath().resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] concat(final Object... parts) {
        var bytes = new ByteArrayOutputStream();
        for (Object part : parts) {
            var chunk = part instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) part;
            bytes.write(chunk, 0, chunk.length);
        }
        return bytes.toByteArray();
    }

    /** A good predictions file: every command accepts it. */
    Path good(final String name) throws IOException {
        var text = new StringBuilder(HEADER);
        for (int i = 0; i < 40; i++) {
            text.append(i % 2).append(',').append(i % 2 == 0 ? "0.2" : "0.8").append(',').append(i % 3 == 0 ? "a" : "b")
                    .append('\n');
        }
        return write(name, text.toString());
    }

    /** Data files that are not UTF-8, have a column twice, are broken JSON, have no columns, or cannot be read. */
    List<Case> dataFiles() throws IOException {
        var cases = new ArrayList<Case>();
        var rows = HEADER + "1,0.9,a\n";
        var latin1 = write("latin1.csv", concat(rows + "0,0.1,", new byte[] {(byte) 0xC4}, "\n"));
        cases.add(new Case("Latin-1 CSV", latin1, latin1 + ", line 3: not UTF-8 text (0xC4 at byte "
                + (rows.length() + 6) + ")" + NOT_UTF8));
        var first = "{\"label\": 1, \"score\": 0.9, \"g\": \"a\"}\n";
        var latin1Json = write("latin1.jsonl", concat(first, "{\"label\": 0, \"score\": 0.1, \"g\": \"",
                new byte[] {(byte) 0xD6}, "\"}\n"));
        cases.add(new Case("Latin-1 JSON Lines", latin1Json, latin1Json + ", line 2: not UTF-8 text (0xD6 at byte "
                + (first.length() + 33) + ")" + NOT_UTF8));
        var utf16 = write("utf16.csv", ("\uFEFF" + rows).getBytes(StandardCharsets.UTF_16LE));
        cases.add(new Case("UTF-16 CSV", utf16, utf16 + ", line 1: not UTF-8 text (0xFF at byte 0: a UTF-16 byte order "
                + "mark); mlcd reads UTF-8 only: convert the file, e.g. iconv -f UTF-16 -t UTF-8"));
        var overlong = write("overlong.csv", concat(rows + "0,0.1,", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\n"));
        cases.add(new Case("overlong UTF-8", overlong, overlong + ", line 3: not UTF-8 text (0xC0 at byte "
                + (rows.length() + 6) + ")" + NOT_UTF8));
        var cut = write("cut.csv", concat(rows + "0,0.1,", new byte[] {(byte) 0xE2, (byte) 0x82}));
        cases.add(new Case("UTF-8 cut short at the end", cut, cut + ", line 3: not UTF-8 text (0xE2 0x82 at byte "
                + (rows.length() + 6) + ")" + NOT_UTF8));

        var twice = write("twice.csv", "label,score,g,score\n1,0.9,a,0.1\n");
        cases.add(new Case("a CSV column twice", twice, twice + ", line 1: column 'score' appears twice in the header "
                + "(columns 2 and 4)"));
        var twiceFirst = write("twice-first.jsonl", "{\"label\": 1, \"score\": 0.9, \"g\": \"a\", \"score\": 0.1}\n");
        cases.add(new Case("a JSON key twice in the first line", twiceFirst, twiceFirst
                + ", line 1: key 'score' appears twice in one object"));
        var twiceLater = write("twice-later.jsonl", first + "{\"label\": 0, \"score\": 0.9, \"g\": \"a\", \"score\": 0.1}\n");
        cases.add(new Case("a JSON key twice in a later line", twiceLater, twiceLater
                + ", line 2: key 'score' appears twice in one object"));

        var cutJson = write("cut.jsonl", first + "{\"label\": 0, \"score\":");
        cases.add(new Case("a JSON line cut short", cutJson, cutJson
                + ", line 2: not valid JSON: Unexpected end-of-input within/between Object entries"));
        var longNumber = write("long.jsonl", first + "{\"label\": " + "1".repeat(1001) + ", \"score\": 0.1, \"g\": \"a\"}\n");
        cases.add(new Case("a number longer than the parser allows", longNumber, longNumber
                + ", line 2: not valid JSON: Number value length (1001) exceeds the maximum allowed (1000)"));
        var comment = write("comment.jsonl", first + "// a comment\n");
        cases.add(new Case("a comment in JSON Lines", comment, comment + ", line 2: not valid JSON: Unexpected "
                + "character ('/' (code 47)): maybe a (non-standard) comment?"));
        var array = write("array.jsonl", first + "[0, 0.1, \"a\"]\n");
        cases.add(new Case("an array instead of an object", array, array
                + ", line 2: expected a JSON object, found an array"));
        var noKeys = write("no-keys.jsonl", "{}\n{}\n");
        cases.add(new Case("JSON Lines without keys", noKeys, noKeys
                + ", line 1: the first object has no keys, so the data has no columns"));

        var missing = folder.getRoot().toPath().resolve("missing.csv");
        cases.add(new Case("a missing file", missing, missing + " does not exist"));
        var directory = folder.newFolder("data.csv").toPath();
        cases.add(new Case("a directory", directory, directory + " is a directory, not a file"));
        cases.add(new Case("/dev/null", Path.of("/dev/null"),
                "/dev/null is not a regular file (a device, pipe or socket); give a file"));
        var empty = write("empty.csv", "");
        cases.add(new Case("an empty file", empty, empty + " is empty: expected a header row with column names"));
        var unreadable = UnreadableFile.in(folder);
        cases.add(new Case("an unreadable file", unreadable, unreadable + " cannot be read: permission denied"));
        return cases;
    }

    /** Profile files that are damaged, edited, empty, not UTF-8 or not profiles. */
    List<Case> profiles(final Path data) throws IOException {
        var valid = folder.getRoot().toPath().resolve("valid-profile.json");
        assertThat(CliRun.of("profile", data.toString(), "-o", valid.toString()).status()).isZero();
        var json = new ObjectMapper();
        var profile = (ObjectNode) json.readTree(valid.toFile());
        var text = json.writeValueAsString(profile);
        var cases = new ArrayList<Case>();
        var corrupt = new Object() {
            void add(final String what, final String name, final Consumer<ObjectNode> change, final String message)
                    throws IOException {
                var copy = profile.deepCopy();
                change.accept(copy);
                var file = folder.getRoot().toPath().resolve(name);
                json.writeValue(file.toFile(), copy);
                cases.add(new Case(what, file, "profile " + file + " is corrupt: " + message));
            }
        };
        // score (column 1) holds 0.2 and 0.8, 20 times each: mean 0.5, m2 3.6
        corrupt.add("an inflated spread", "spread.json", p -> summary(p).put("m2", 360.0),
                "column 'score': m2 360.0 is not a spread 40 values within [0.2, 0.8] can have");
        corrupt.add("a negative count", "negative.json", p -> column(p, 1).put("count", -40),
                "column 'score': 'count' must be a whole number >= 0, got -40");
        corrupt.add("counts that do not add up", "counts.json", p -> p.put("rows", 41),
                "column 'label' has 40 values and 0 missing, but the profile has 41 rows");
        corrupt.add("a minimum above the maximum", "min.json", p -> summary(p).put("min", 0.9),
                "column 'score': min 0.9 is above max 0.8");
        corrupt.add("a sketch that does not deserialise", "sketch.json",
                p -> ((ObjectNode) column(p, 1).get("numeric")).put("sketch", "AAAAAAAAAAAA"),
                "column 'score': the quantile sketch cannot be read");
        corrupt.add("value counts that do not add up", "values.json",
                p -> ((ObjectNode) column(p, 2).get("categorical").get("counts")).put("a", 1),
                "column 'g': the value counts add up to 27, the column counts 40");
        corrupt.add("no columns", "no-columns.json", p -> ((ArrayNode) p.get("columns")).removeAll(),
                "a profile without columns");

        var twice = write("twice.json", text.replace("\"rows\":40", "\"rows\":40,\"rows\":4"));
        cases.add(new Case("a key twice", twice, twice + " is not a profile: not valid JSON (line 1: Duplicate field "
                + "'rows')"));
        var future = write("future.json", text.replace("\"profile_version\":1", "\"profile_version\":2"));
        cases.add(new Case("an unknown version", future, "profile " + future + " has version 2; this mlcd reads version 1"));
        var latin1 = write("latin1.json", text.replace("\"g\"", "\"\u00E4\"").getBytes(StandardCharsets.ISO_8859_1));
        cases.add(new Case("a profile that is not UTF-8", latin1, latin1 + ", line 1: not UTF-8 text (0xE4 at byte "
                + (text.indexOf("\"g\"") + 1) + ")" + NOT_UTF8));
        var empty = write("empty.json", "");
        cases.add(new Case("an empty profile", empty, empty + " is empty: expected a profile written by mlcd profile"));
        var more = write("more.json", text + "\n" + text);
        cases.add(new Case("two profiles in one file", more, more + " is not a profile: line 2: more JSON after the "
                + "profile"));
        var missing = folder.getRoot().toPath().resolve("missing.json");
        cases.add(new Case("a missing profile", missing, missing + " does not exist"));
        var directory = folder.newFolder("profile.json").toPath();
        cases.add(new Case("a profile that is a directory", directory, directory + " is a directory, not a file"));
        return cases;
    }

    private static ObjectNode column(final ObjectNode profile, final int index) {
        return (ObjectNode) profile.get("columns").get(index);
    }

    private static ObjectNode summary(final ObjectNode profile) {
        return (ObjectNode) column(profile, 1).get("numeric").get("summary");
    }
}
