package io.mlcd.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ProfilerTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldInferTypesAndCountMissingValuesAsPandasDoes() throws IOException {
        var file = folder.getRoot().toPath().resolve("d.jsonl");
        Files.writeString(file, """
                {"x": 1.5, "flag": true, "city": "Graz", "code": "07"}
                {"x": null, "flag": "FALSE", "city": "NA", "code": "12"}
                {"x": "NaN", "flag": "True", "city": "Linz", "code": "x1"}
                {"x": -0.0, "flag": null, "city": "", "code": "07"}
                {"x": "inf", "flag": "false", "city": "Graz", "code": "12"}
                """);
        var profile = new Profiler(Progress.NONE, Map.of()).profile(file);

        assertThat(profile.rows()).isEqualTo(5);
        var x = profile.column("x").orElseThrow();
        assertThat(x.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(x.count()).isEqualTo(2);
        assertThat(x.missing()).isEqualTo(3);
        assertThat(x.numericProfile().orElseThrow().distinct().orElseThrow()).containsOnlyKeys(0.0, 1.5);
        var flag = profile.column("flag").orElseThrow();
        assertThat(flag.type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(flag.categoricalProfile().orElseThrow().counts()).containsEntry("true", 2L).containsEntry("false", 2L);
        var city = profile.column("city").orElseThrow();
        assertThat(city.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(city.missing()).isEqualTo(2);
        assertThat(city.categoricalProfile().orElseThrow().counts()).containsExactly(Map.entry("Graz", 2L),
                Map.entry("Linz", 1L));
        assertThat(profile.column("code").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    public void shouldHonourGivenTypesAndKeepProfilesSmall() throws IOException {
        var file = folder.getRoot().toPath().resolve("big.csv");
        var text = new StringBuilder("id,value,group\n");
        for (int i = 0; i < 200_000; i++) {
            text.append(i).append(',').append(Math.sin(i) * 100).append(',').append("g").append(i % 5000).append('\n');
        }
        Files.writeString(file, text);
        var profile = new Profiler(Progress.NONE, Map.of("id", ColumnType.CATEGORICAL)).profile(file);

        assertThat(profile.column("id").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
        var id = profile.column("id").orElseThrow().categoricalProfile().orElseThrow();
        assertThat(id.exact()).isFalse();
        assertThat(id.counts()).hasSizeLessThanOrEqualTo(CategoricalProfile.FREQUENT_LIMIT);
        assertThat(id.total()).isEqualTo(200_000);
        var value = profile.column("value").orElseThrow().numericProfile().orElseThrow();
        assertThat(value.exact()).isEmpty();
        assertThat(value.distinct()).isEmpty();
        assertThat(profile.column("group").orElseThrow().categoricalProfile().orElseThrow().exact()).isTrue();
        var written = folder.getRoot().toPath().resolve("p.json");
        ProfileJson.write(profile, written);
        assertThat(Files.size(written)).isLessThan(200_000);
    }
}
