package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.gate.GateParser;
import io.mlcd.quality.DataCatalog;
import io.mlcd.quality.DataValidator;
import io.mlcd.quality.MetricHistory;
import io.mlcd.quality.SchemaYaml;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DataValidationJsonTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldWriteAnomaliesConstraintsUserGatesHistoryAndColumns() throws IOException {
        var data = folder.getRoot().toPath().resolve("b.csv");
        var text = new StringBuilder("age,region,extra\n");
        for (int i = 0; i < 50; i++) {
            text.append(i == 0 ? "" : Integer.toString(10 + i)).append(',').append(i % 10 == 0 ? "moon" : "east")
                    .append(",x\n");
        }
        Files.writeString(data, text);
        var schemaFile = folder.getRoot().toPath().resolve("s.yaml");
        Files.writeString(schemaFile, """
                schema_version: 1
                columns:
                  age: {type: numeric, range: {min: 18, max: 95}}
                  region: {type: categorical, domain: [east, west]}
                """);
        var policy = new GateParser(new DataCatalog()).policy(List.of("row_count_change <= 0.5"), List.of());
        var history = new MetricHistory(2, Map.of("data.batch.row_count", List.of(40.0, 60.0)));
        var result = new DataValidator(SchemaYaml.read(schemaFile), Optional.empty(), policy, history, "batch", "s.yaml")
                .validate(List.of(data), Progress.NONE);

        var json = DataValidationJson.of(result, Instant.parse("2026-12-04T00:00:00Z"));

        assertThat(json.path("schema").asText()).isEqualTo("mlcd.validate-data/1");
        assertThat(json.path("inputs").toString()).isEqualTo("{\"data\":[\"b.csv\"],\"schema\":\"s.yaml\","
                + "\"reference\":null,\"dataset\":\"batch\",\"rows\":50,\"profiles\":false}");
        assertThat(json.path("anomalies")).extracting(node -> node.path("type").asText()).containsExactly(
                "new_column", "out_of_range", "out_of_domain");
        var range = json.path("anomalies").get(1);
        assertThat(range.path("count").asLong()).isEqualTo(7);
        assertThat(range.path("share").asDouble()).isEqualTo(7 / 50.0);
        assertThat(range.path("examples").toString()).isEqualTo("[\"11\",\"12\",\"13\",\"14\",\"15\"]");
        assertThat(json.path("constraints")).extracting(node -> node.path("name").asText()).containsExactly(
                "new_columns fail", "column[age] present", "type[age] numeric", "range[age] in [18, 95]",
                "column[region] present", "domain[region]");
        assertThat(json.path("gates")).hasSize(1);
        assertThat(json.path("gates").get(0).path("expression").asText()).isEqualTo("row_count_change <= 0.5");
        assertThat(json.path("metrics").path("row_count_change").asDouble()).isEqualTo(0.0);
        var series = json.path("history").path("series").path("data.batch.row_count");
        assertThat(series.toString()).isEqualTo("{\"earlier\":[40.0,60.0],\"current\":50.0,\"change\":0.0}");
        assertThat(json.path("history").path("series").path("data.batch.completeness.age").path("note").asText())
                .isEqualTo("no earlier record");
        var age = json.path("columns").get(0);
        assertThat(age.path("missing").asLong()).isEqualTo(1);
        assertThat(age.path("numeric").path("histogram").path("counts")).hasSize(10);
        var region = json.path("columns").get(1).path("categorical");
        assertThat(region.path("values").toString()).isEqualTo("[{\"value\":\"east\",\"count\":45,\"in_domain\":true},"
                + "{\"value\":\"moon\",\"count\":5,\"in_domain\":false}]");
        assertThat(json.path("columns").get(2).path("schema_type").isNull()).isTrue();
    }
}
