package io.mlcd.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.gate.Severity;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SchemaInferenceTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(final String name, final String text) throws IOException {
        var file = folder.getRoot().toPath().resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static DataSchema infer(final InferenceOptions options, final Path... inputs) {
        return new SchemaInference(options).infer(List.of(inputs), Progress.NONE);
    }

    @Test
    public void shouldWidenRangesByTheMarginWithoutCrossingZeroAndRoundWholeColumnsOutward() throws IOException {
        var data = write("d.csv", "count,ratio,delta\n0,0.25,-1\n10,0.5,1\n4,0.75,0\n");

        var schema = infer(new InferenceOptions(50, 0.25, 0.5, Map.of()), data);

        assertThat(schema.constraints()).filteredOn(Constraint.Range.class::isInstance).extracting(Constraint::name)
                .containsExactly("range[count] in [0, 13]", "range[ratio] in [0.125, 0.875]", "range[delta] in [-2, 2]");
    }

    @Test
    public void shouldRequireCompletenessByTheLowerEndOfItsInterval() {
        assertThat(SchemaInference.wilsonLower(100, 100)).isCloseTo(0.862, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(SchemaInference.wilsonLower(9_900, 10_000)).isCloseTo(0.98516, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(SchemaInference.wilsonLower(1, 10_000)).isGreaterThanOrEqualTo(0).isLessThan(1e-4);
    }

    @Test
    public void shouldSayWhyAConstraintWasNotInferred() throws IOException {
        var text = new StringBuilder("sparse,empty,word\n");
        for (int i = 0; i < 1_000; i++) {
            text.append(i == 0 ? "x" : "").append(",,w").append(i % 7).append('\n');
        }
        var schema = infer(new InferenceOptions(5, 0, 0.5, Map.of("empty", ColumnType.NUMERIC)),
                write("d.csv", text.toString()));

        assertThat(schema.column("sparse").orElseThrow().notes()).containsExactly(
                "observed: 1 of 1,000 rows present, 1 distinct values",
                "no completeness: present in 0.1% of rows, too few to require");
        assertThat(schema.column("empty").orElseThrow().notes()).containsExactly(
                "observed: 0 of 1,000 rows present", "no completeness: present in 0% of rows, too few to require",
                "no value constraints: the column has no value");
        assertThat(schema.column("empty").orElseThrow().constraints()).isEmpty();
        assertThat(schema.column("word").orElseThrow().notes()).contains("no domain: 7 distinct values, more than 5 "
                + "(--max-domain)");
        assertThat(schema.column("word").orElseThrow().constraints()).contains(new Constraint.Length("word", 2, 2,
                Severity.FAIL, true));
    }

    @Test
    public void shouldNotInferUniqueForFractionsOrFromValuesAProfileDidNotKeep() throws IOException {
        var text = new StringBuilder("ratio,key\n");
        for (int i = 0; i < 12_000; i++) {
            text.append(i + 0.5).append(",k").append(i).append('\n');
        }
        var data = write("d.csv", text.toString());
        var profile = folder.getRoot().toPath().resolve("d.json");
        ProfileJson.write(new Profiler(Progress.NONE, Map.of()).profile(data), profile);

        var fromData = infer(InferenceOptions.defaults(), data);
        var fromProfile = infer(InferenceOptions.defaults(), profile);

        assertThat(fromData.constraints()).extracting(Constraint::name).contains("unique[key]")
                .doesNotContain("unique[ratio]");
        assertThat(fromData.column("key").orElseThrow().constraints()).contains(new Constraint.Length("key", 2, 6,
                Severity.FAIL, true));
        assertThat(fromProfile.column("key").orElseThrow().constraints()).extracting(Constraint::key)
                .containsExactly("completeness");
        assertThat(fromProfile.column("key").orElseThrow().notes()).contains("no domain: more than 10,000 distinct "
                + "values", "no length or unique: the profile keeps only the most frequent values; infer from the data "
                + "to have them");
    }

    @Test
    public void shouldFindAValueRepeatedInALaterFile() throws IOException {
        var first = write("a.csv", "id\n1\n2\n");
        var second = write("b.csv", "id\n3\n2\n");
        var third = write("c.csv", "id\n4\n5\n");

        assertThat(infer(InferenceOptions.defaults(), first, second).constraints()).extracting(Constraint::name)
                .doesNotContain("unique[id]");
        assertThat(infer(InferenceOptions.defaults(), first, third).constraints()).extracting(Constraint::name)
                .contains("unique[id]");
    }

    @Test
    public void shouldReadLaterFilesWithTheFirstFilesTypes() throws IOException {
        // alone, the second file's zip would be numeric; with the first it is one categorical column
        var first = write("a.csv", "zip\nAB1\nAB1\n");
        var second = write("b.csv", "zip\n12345\n12345\n");

        var schema = infer(InferenceOptions.defaults(), first, second);

        assertThat(schema.column("zip").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(schema.column("zip").orElseThrow().constraints()).contains(new Constraint.Domain("zip",
                List.of("12345", "AB1"), Severity.FAIL, true));
    }

    @Test
    public void shouldRefuseATypeAProfileCannotHave() throws IOException {
        var data = write("d.csv", "a\n1\n2\n");
        var profile = folder.getRoot().toPath().resolve("d.json");
        ProfileJson.write(new Profiler(Progress.NONE, Map.of()).profile(data), profile);

        assertThatThrownBy(() -> infer(new InferenceOptions(50, 0, 0.5, Map.of("a", ColumnType.CATEGORICAL)), profile))
                .isInstanceOf(InputException.class).hasMessage("--type a=categorical: the profile " + profile
                        + " has the column as numeric; a profile's types are fixed when it is made (mlcd profile --type)");
        assertThatThrownBy(() -> infer(new InferenceOptions(50, 0, 0.5, Map.of("b", ColumnType.NUMERIC)), profile))
                .isInstanceOf(InputException.class).hasMessage("--type names column 'b', which the profile " + profile
                        + " does not have");
    }

    @Test
    public void shouldTellRepeatedValuesByNumberAndText() {
        var hashes = new ValueHashes();
        for (int i = 0; i < 100_000; i++) {
            assertThat(hashes.add(ValueHashes.ofNumber(i))).isTrue();
        }
        assertThat(hashes.add(ValueHashes.ofNumber(5))).isFalse();
        assertThat(hashes.add(ValueHashes.ofNumber(-0.0))).isFalse();
        assertThat(hashes.size()).isEqualTo(100_000);
        var texts = new ValueHashes();
        for (String text : List.of("", "a", "b", "ab", "ba", "\u0000", "\u0000\u0000")) {
            assertThat(texts.add(ValueHashes.ofText(text.toCharArray(), 0, text.length()))).as(text).isTrue();
        }
        assertThat(texts.add(ValueHashes.ofText("xab".toCharArray(), 1, 2))).isFalse();
    }
}
