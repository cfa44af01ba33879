package io.mlcd.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcd.drift.ColumnType;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.gate.Severity;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Schema inference against pandas on the same files (src/test/python/make_schema_reference.py,
 * run here through the project's Python): completeness, min and max, value lengths, uniqueness
 * (also across two files) and domains, from the data and from its profiles.
 */
public class SchemaInferenceReferenceTest {
    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static Path folder;
    private static JsonNode expected;

    @BeforeClass
    public static void makeReference() throws IOException, InterruptedException {
        folder = FOLDER.getRoot().toPath();
        var python = System.getProperty("mlcd.python", Path.of("../.venv/bin/python").toString());
        var process = new ProcessBuilder(python, Path.of("src/test/python/make_schema_reference.py").toString(),
                folder.toString()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
    }

    private static List<Path> parts() {
        return List.of(folder.resolve("part1.csv"), folder.resolve("part2.csv"));
    }

    @Test
    public void shouldInferWhatPandasObservesFromData() {
        var schema = new SchemaInference(InferenceOptions.defaults()).infer(parts(), Progress.NONE);

        var softly = new SoftAssertions();
        var rows = expected.path("rows").asLong();
        softly.assertThat(schema.rows()).contains(new Constraint.Rows(rows / 2, rows * 3 / 2, Severity.FAIL, true));
        assertThat(schema.columnNames()).containsExactly("id", "age", "income", "region", "name", "code", "flag",
                "across", "many", "hostile");
        expected.path("columns").fields().forEachRemaining(entry -> check(softly, schema.column(entry.getKey())
                .orElseThrow(), entry.getValue()));
        softly.assertAll();
    }

    private static void check(final SoftAssertions softly, final ColumnSchema column, final JsonNode expected) {
        var name = column.name();
        var wanted = new ArrayList<Constraint.OnColumn>();
        wanted.add(new Constraint.Completeness(name, expected.path("completeness").asDouble(), Severity.FAIL, true));
        var whole = expected.has("min") && expected.path("min").asDouble() == Math.rint(expected.path("min").asDouble())
                && !name.equals("income");
        if (expected.has("min")) {
            softly.assertThat(column.type()).as(name).isEqualTo(ColumnType.NUMERIC);
            wanted.add(new Constraint.Range(name, new Bounds(expected.path("min").asDouble(),
                    expected.path("max").asDouble()), Severity.FAIL, true));
        }
        else if (name.equals("flag")) {
            softly.assertThat(column.type()).as(name).isEqualTo(ColumnType.BOOLEAN);
        }
        else {
            softly.assertThat(column.type()).as(name).isEqualTo(ColumnType.CATEGORICAL);
            var unique = expected.path("unique").asBoolean();
            if (!unique && expected.path("distinct").asInt() <= InferenceOptions.MAX_DOMAIN) {
                var values = new ArrayList<String>();
                expected.path("values").forEach(value -> values.add(value.asText()));
                wanted.add(new Constraint.Domain(name, values, Severity.FAIL, true));
            }
            else {
                wanted.add(new Constraint.Length(name, expected.path("len_min").asLong(),
                        expected.path("len_max").asLong(), Severity.FAIL, true));
            }
        }
        if (expected.path("unique").asBoolean() && (whole || !expected.has("min"))) {
            wanted.add(new Constraint.Unique(name, Severity.FAIL, true));
        }
        softly.assertThat(column.constraints()).as(name).containsExactlyElementsOf(wanted);
    }

    @Test
    public void shouldCheckTheExpectationsThemselves() {
        // the reference must exercise each rule: a domain, none past the cap, unique across files lost
        var columns = expected.path("columns");
        assertThat(columns.path("region").path("distinct").asInt()).isEqualTo(4);
        assertThat(columns.path("many").path("distinct").asInt()).isGreaterThan(InferenceOptions.MAX_DOMAIN);
        assertThat(columns.path("across").path("unique").asBoolean()).isFalse();
        assertThat(columns.path("code").path("unique").asBoolean()).isTrue();
        assertThat(columns.path("age").path("completeness").asDouble()).isBetween(0.5, 0.99);
    }

    @Test
    public void shouldInferTheSameConstraintsFromProfilesOfTheData() throws IOException {
        var profiles = new ArrayList<Path>();
        for (Path part : parts()) {
            var profile = folder.resolve(part.getFileName() + ".profile.json");
            ProfileJson.write(new Profiler(Progress.NONE, Map.of()).profile(part), profile);
            profiles.add(profile);
        }
        var inference = new SchemaInference(InferenceOptions.defaults());

        var fromProfiles = inference.infer(profiles, Progress.NONE);

        assertThat(fromProfiles.constraints()).isEqualTo(inference.infer(parts(), Progress.NONE).constraints());
    }

    @Test
    public void shouldReadBackTheInferredSchema() throws IOException {
        var schema = new SchemaInference(InferenceOptions.defaults()).infer(parts(), Progress.NONE);
        var file = folder.resolve("schema.yaml");
        java.nio.file.Files.writeString(file, SchemaYaml.write(schema, "inferred"));

        assertThat(SchemaYaml.read(file)).isEqualTo(schema);
        assertThat(schema.column("hostile").flatMap(c -> c.constraints().stream()
                .filter(Constraint.Domain.class::isInstance).findFirst()).map(d -> ((Constraint.Domain) d).values()))
                .isEqualTo(Optional.of(List.of("#hash", "- dash", "a: b # c", "plain", "say \"hi\"", "x, y")));
    }
}
