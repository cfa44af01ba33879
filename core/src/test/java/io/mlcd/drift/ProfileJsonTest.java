package io.mlcd.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A profile is checked as it is read: a damaged or edited profile is an input error naming what
 * does not fit, never a column whose drift a wrong count, spread or sketch would hide.
 */
public class ProfileJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private ObjectNode valid;

    /** x: 1.5, 2.5, 2.5, 4.0 (mean 2.625, m2 3.1875); city: Graz 2, Linz 1, one missing; flag: true 3, false 1. */
    @Before
    public void profileData() throws IOException {
        var data = folder.getRoot().toPath().resolve("d.csv");
        Files.writeString(data, "x,city,flag\n1.5,Graz,true\n2.5,Linz,false\n2.5,Graz,true\n4.0,,true\n");
        var file = folder.getRoot().toPath().resolve("valid.json");
        ProfileJson.write(new Profiler(Progress.NONE, Map.of()).profile(data), file);
        valid = (ObjectNode) JSON.readTree(file.toFile());
    }

    private Path tampered(final Consumer<ObjectNode> change) throws IOException {
        var copy = valid.deepCopy();
        change.accept(copy);
        var file = folder.getRoot().toPath().resolve("tampered.json");
        JSON.writeValue(file.toFile(), copy);
        return file;
    }

    private static ObjectNode column(final ObjectNode profile, final int index) {
        return (ObjectNode) profile.get("columns").get(index);
    }

    private static ObjectNode x(final ObjectNode profile) {
        return (ObjectNode) column(profile, 0).get("numeric");
    }

    private static ObjectNode summary(final ObjectNode profile) {
        return (ObjectNode) x(profile).get("summary");
    }

    private static ObjectNode cityCounts(final ObjectNode profile) {
        return (ObjectNode) column(profile, 1).get("categorical").get("counts");
    }

    @Test
    public void shouldReadWhatItWrote() throws IOException {
        var profile = ProfileJson.read(tampered(unchanged -> { }));
        assertThat(profile.rows()).isEqualTo(4);
        assertThat(profile.columnNames()).containsExactly("x", "city", "flag");
        var x = profile.column("x").orElseThrow().numericProfile().orElseThrow();
        assertThat(x.summary()).isEqualTo(new NumericSummary(4, 2.625, 3.1875, 1.5, 4.0));
        assertThat(x.exact().orElseThrow()).containsExactly(1.5, 2.5, 2.5, 4.0);
        assertThat(x.distinct().orElseThrow()).containsExactly(Map.entry(1.5, 1L), Map.entry(2.5, 2L), Map.entry(4.0, 1L));
    }

    @Test
    public void shouldRejectCountsThatAreNotCountsOrDoNotAddUp() throws IOException {
        var cases = new LinkedHashMap<String, Consumer<ObjectNode>>();
        cases.put("'rows' must be a whole number >= 0, got -1", p -> p.put("rows", -1));
        cases.put("a profile of no rows", p -> p.put("rows", 0));
        cases.put("column 'x' has 4 values and 0 missing, but the profile has 5 rows", p -> p.put("rows", 5));
        cases.put("column 'x': 'count' must be a whole number >= 0, got -4", p -> column(p, 0).put("count", -4));
        cases.put("column 'x': 'count' must be a whole number >= 0, got 4.5", p -> column(p, 0).put("count", 4.5));
        cases.put("column 'x': 'count' must be a whole number >= 0, got \"4\"", p -> column(p, 0).put("count", "4"));
        cases.put("column 'x': 'count' must be a whole number >= 0, got 100000000000000000000",
                p -> column(p, 0).put("count", new BigInteger("100000000000000000000")));
        cases.put("column 'x': count 4, missing 0, unparseable 1: counts must be >= 0 and the unparseable values are "
                + "among the missing", p -> column(p, 0).put("unparseable", 1));
        cases.put("column 'city': the value counts add up to 6, the column counts 3", p -> cityCounts(p).put("Graz", 5));
        cases.put("column 'city': value counts must be > 0 and 'other' >= 0", p -> cityCounts(p).put("Wien", 0));
        cases.put("column 'city': 'other' must be a whole number >= 0, got -2",
                p -> ((ObjectNode) column(p, 1).get("categorical")).put("other", -2));
        cases.put("column 'city': exact value counts with 1 other values",
                p -> ((ObjectNode) column(p, 1).get("categorical")).put("other", 1));
        cases.put("column 'flag': a boolean column counts values other than true and false: [true, yes]", p -> {
            var counts = (ObjectNode) column(p, 2).get("categorical").get("counts");
            counts.remove("false");
            counts.put("yes", 1);
        });
        cases.put("column 'x': the quantile sketch holds 4 values, the summary 3", p -> summary(p).put("count", 3));
        cases.put("column 'x': 3 exact values for a column of 4", p -> ((ArrayNode) x(p).get("exact")).remove(3));
        cases.put("column 'x': the distinct values count 3 values, the summary 4",
                p -> ((ArrayNode) x(p).get("distinct").get(1)).set(1, 1));
        cases.put("column 'x': distinct value 1.5 is listed twice",
                p -> ((ArrayNode) x(p).get("distinct")).insertArray(0).add(1.5).add(1));
        cases.put("column 'x': 'distinct' must hold [value, count] pairs, got [1.5]",
                p -> ((ArrayNode) x(p).get("distinct")).insertArray(0).add(1.5));
        cases.put("column 'x' appears twice", p -> ((ArrayNode) p.get("columns")).add(column(p, 0).deepCopy()));
        cases.put("a profile without columns", p -> ((ArrayNode) p.get("columns")).removeAll());
        assertRejected(cases);
    }

    @Test
    public void shouldRejectMomentsAndSketchesThatDoNotFitTogether() throws IOException {
        var cases = new LinkedHashMap<String, Consumer<ObjectNode>>();
        // an inflated spread would shrink the Wasserstein distance (divided by the std) and hide drift
        cases.put("column 'x': m2 1000.0 is not a spread 4 values within [1.5, 4.0] can have",
                p -> summary(p).put("m2", 1000.0));
        cases.put("column 'x': m2 -1.0 is not a spread 4 values within [1.5, 4.0] can have",
                p -> summary(p).put("m2", -1.0));
        cases.put("column 'x': min 5.0 is above max 4.0", p -> summary(p).put("min", 5.0));
        cases.put("column 'x': mean 10.0 is outside [min, max] = [1.5, 4.0]", p -> summary(p).put("mean", 10.0));
        cases.put("column 'x': 'mean' must be a finite number, got \"NaN\"", p -> summary(p).put("mean", "NaN"));
        cases.put("column 'x': the quantile sketch spans [1.5, 4.0], the summary [1.0, 4.0]",
                p -> summary(p).put("min", 1.0));
        cases.put("column 'x': the quantile sketch cannot be read", p -> x(p).put("sketch", "not base64!"));
        cases.put("column 'x': exact value 9.0 is outside [min, max]",
                p -> ((ArrayNode) x(p).get("exact")).set(3, 9.0));
        cases.put("column 'x': the exact values have mean 2.125, the summary 2.625",
                p -> ((ArrayNode) x(p).get("exact")).set(1, 1.5).set(2, 1.5));
        cases.put("column 'x': 'exact[0]' must be a finite number, got \"a\"",
                p -> ((ArrayNode) x(p).get("exact")).set(0, "a"));
        cases.put("column 'x': the distinct values have mean 2.375, the summary 2.625", p -> {
            var distinct = (ArrayNode) x(p).get("distinct");
            ((ArrayNode) distinct.get(0)).set(1, 2);
            ((ArrayNode) distinct.get(1)).set(1, 1);
        });
        cases.put("column 'x': no column type text", p -> column(p, 0).put("type", "text"));
        cases.put("column 'x': missing 'categorical'", p -> column(p, 0).put("type", "categorical"));
        cases.put("column 'x': missing 'summary'", p -> x(p).remove("summary"));
        assertRejected(cases);
    }

    private void assertRejected(final Map<String, Consumer<ObjectNode>> cases) throws IOException {
        for (var each : cases.entrySet()) {
            var file = tampered(each.getValue());
            assertThatThrownBy(() -> ProfileJson.read(file)).as(each.getKey()).isInstanceOf(InputException.class)
                    .hasMessage("profile " + file + " is corrupt: " + each.getKey());
        }
    }

    @Test
    public void shouldRejectSketchesThatCannotBeRead() throws IOException {
        // nine zero bytes, a sketch cut short, and one of another kind of sketch
        for (String sketch : new String[] {"AAAAAAAAAAAA", valid.at("/columns/0/numeric/sketch").asText().substring(0, 20),
            "AgMIGAAAAAA="}) {
            var file = tampered(p -> x(p).put("sketch", sketch));
            assertThatThrownBy(() -> ProfileJson.read(file)).as(sketch)
                    .hasMessage("profile " + file + " is corrupt: column 'x': the quantile sketch cannot be read");
        }
    }

    @Test
    public void shouldRejectFilesThatAreNotProfiles() throws IOException {
        var file = folder.getRoot().toPath().resolve("p.json");
        var text = JSON.writeValueAsString(valid);
        Files.writeString(file, text.replace("\"rows\":4", "\"rows\":4,\"rows\":400"));
        assertThatThrownBy(() -> ProfileJson.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + " is not a profile: not valid JSON (line 1: Duplicate field 'rows')");
        Files.writeString(file, text + "\n{}");
        assertThatThrownBy(() -> ProfileJson.read(file))
                .hasMessage(file + " is not a profile: line 2: more JSON after the profile");
        Files.writeString(file, "");
        assertThatThrownBy(() -> ProfileJson.read(file))
                .hasMessage(file + " is empty: expected a profile written by mlcd profile");
        Files.write(file, text.replace("Linz", "L\u00E4nd").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ProfileJson.read(file)).hasMessageStartingWith(file + ", line 1: not UTF-8 text (0xE4 at");
        Files.writeString(file, "{\"profile_version\": \"1\"}");
        assertThatThrownBy(() -> ProfileJson.read(file))
                .hasMessage("profile " + file + " has version \"1\"; this mlcd reads version 1");
        Files.writeString(file, "{\"profile_version\": 1.0}");
        assertThatThrownBy(() -> ProfileJson.read(file))
                .hasMessage("profile " + file + " has version 1.0; this mlcd reads version 1");
        Files.writeString(file, "[]");
        assertThatThrownBy(() -> ProfileJson.read(file))
                .hasMessage(file + " is not a profile: no profile_version (write one with mlcd profile)");
        var directory = folder.newFolder("profile.json").toPath();
        assertThatThrownBy(() -> ProfileJson.read(directory)).hasMessage(directory + " is a directory, not a file");
        var missing = folder.getRoot().toPath().resolve("missing.json");
        assertThatThrownBy(() -> ProfileJson.read(missing)).hasMessage(missing + " does not exist");
        var unreadable = io.mlcd.data.UnreadableFile.in(folder);
        assertThatThrownBy(() -> ProfileJson.read(unreadable)).hasMessage(unreadable + " cannot be read: permission denied");
    }
}
