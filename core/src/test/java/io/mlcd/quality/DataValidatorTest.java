package io.mlcd.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DataValidatorTest {
    private static final String[] REGIONS = {"east", "north", "south", "west"};

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldFindNoAnomalyInAMillionCleanRowsAgainstASchemaInferredFromASampleOfThem() throws IOException {
        var data = folder.getRoot().toPath().resolve("clean.csv");
        var sample = folder.getRoot().toPath().resolve("sample.csv");
        var random = new Random(2026);
        try (BufferedWriter all = Files.newBufferedWriter(data, StandardCharsets.UTF_8);
                BufferedWriter some = Files.newBufferedWriter(sample, StandardCharsets.UTF_8)) {
            var header = "id,age,income,region,active,score\n";
            all.write(header);
            some.write(header);
            for (int i = 0; i < 1_000_000; i++) {
                var row = String.format(java.util.Locale.ROOT, "u%07d,%d,%.1f,%s,%s,%s%n", i, 18 + random.nextInt(60),
                        random.nextInt(10_001) / 10.0, REGIONS[random.nextInt(4)], random.nextBoolean(),
                        random.nextInt(100) == 0 ? "" : Integer.toString(random.nextInt(1000)));
                all.write(row);
                if (i < 100_000) {
                    some.write(row);
                }
            }
        }
        var schema = new SchemaInference(new InferenceOptions(50, 0, 10, Map.of())).infer(List.of(sample),
                Progress.NONE);

        var result = new DataValidator(schema, Optional.empty(), new Policy(List.of()), MetricHistory.NONE, "batch")
                .validate(List.of(data), Progress.NONE);

        assertThat(result.anomalies()).isEmpty();
        assertThat(result.constraints()).allSatisfy(constraint -> assertThat(constraint.outcome())
                .as(constraint.message()).isEqualTo(Outcome.PASSED));
        assertThat(result.constraints()).extracting(ConstraintResult::name).contains("unique[id]",
                "domain[region]", "range[age] in [18, 77]", "length[id] in [8, 8]");
        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.profile().rows()).isEqualTo(1_000_000);
    }

    @Test
    public void shouldDecideFromAnExactProfileAsFromTheDataButLeaveAKeyOfSeveralColumnsAnError() throws IOException {
        var data = write("batch.csv", "id,day,age,region\n", 3000, i -> "c" + i + "," + (i % 28 + 1) + ","
                + (i % 7 == 0 ? 99 : 20 + i % 50) + "," + (i % 100 == 0 ? "centre" : REGIONS[i % 4]));
        var schema = schema("""
                schema_version: 1
                primary_key: [id, day]
                columns:
                  id: {type: categorical, unique: true, length: {min: 2, max: 4}}
                  day: {type: numeric, range: {min: 1, max: 28}}
                  age: {type: numeric, range: {min: 18, max: 95}, between: {min: 20, max: 60, share: 0.8},
                        quantiles: [{q: 0.5, min: 30, max: 60}], mean: {min: 30, max: 60}}
                  region: {type: categorical, domain: [east, north, south, west], pattern: '^[a-z]{4,5}$'}
                """);
        var fromData = validate(schema, List.of(data));
        var profile = profileOf(data, schema);

        var fromProfile = validate(schema, List.of(profile));

        var byName = fromProfile.constraints().stream().collect(Collectors.toMap(ConstraintResult::name,
                Function.identity()));
        for (ConstraintResult expected : fromData.constraints()) {
            var actual = byName.get(expected.name());
            if (expected.name().startsWith("primary_key")) {
                assertThat(actual.outcome()).isEqualTo(Outcome.ERROR);
                assertThat(actual.message()).startsWith("needs the data itself");
                continue;
            }
            assertThat(actual.outcome()).as(expected.name()).isEqualTo(expected.outcome());
            assertThat(actual.count()).as(expected.name()).isEqualTo(expected.count());
            assertThat(actual.observed()).as(expected.name()).isEqualTo(expected.observed());
            assertThat(actual.exact()).as(expected.name()).isTrue();
        }
        assertThat(fromData.constraints()).extracting(ConstraintResult::name, ConstraintResult::outcome).contains(
                org.assertj.core.api.Assertions.tuple("domain[region]", Outcome.FAILED),
                org.assertj.core.api.Assertions.tuple("range[age] in [18, 95]", Outcome.FAILED),
                org.assertj.core.api.Assertions.tuple("primary_key[id, day]", Outcome.PASSED));
        assertThat(fromProfile.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    public void shouldDecideFromSketchesOnlyWhatTheirErrorBoundAllows() throws IOException {
        // 40,000 rows: numeric columns past the exact cap (sketch), an id column past the exact value counts
        var random = new Random(5);
        var data = write("big.csv", "id,x,shade\n", 40_000, i -> "k" + i + "," + (i == 17 ? 1000.5 : random.nextGaussian()
                * 10 + 50) + "," + (random.nextInt(20) == 0 ? "grey" : "blue"));
        var schema = schema("""
                schema_version: 1
                columns:
                  id: {type: categorical, unique: true, domain: [k1, k2]}
                  x: {type: numeric, range: {min: 0, max: 200}, between: {min: 20, max: 80, share: 0.9},
                      non_negative: true, quantiles: [{q: 0.5, min: 45, max: 55}, {q: 0.51, min: 50.25, max: 60}]}
                  shade: {type: categorical, domain: [blue, grey]}
                """);
        var result = validate(schema, List.of(profileOf(data, schema)));
        var byName = result.constraints().stream().collect(Collectors.toMap(ConstraintResult::name,
                Function.identity()));

        // the maximum is exact: 1000.5 is outside for sure, the count is the sketch's estimate
        var range = byName.get("range[x] in [0, 200]");
        assertThat(range.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(range.exact()).isFalse();
        assertThat(range.examples()).containsExactly("1000.5");
        // ~99.7% within [20, 80], far above 0.9 even with the error counted against it
        var between = byName.get("between[x] in [20, 80] for 0.9");
        assertThat(between.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(between.exact()).isFalse();
        assertThat(between.errorBound()).isPositive();
        assertThat(byName.get("quantile[x, 0.5] in [45, 55]").outcome()).isEqualTo(Outcome.PASSED);
        // the 0.51-quantile is about 50.25: within the sketch's rank error of the bound, so it cannot pass
        var tight = byName.get("quantile[x, 0.51] in [50.25, 60]");
        assertThat(tight.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(tight.errorBound()).isPositive();
        // 40,000 distinct ids: the profile keeps only the most frequent, so neither repeats nor domain are known
        assertThat(byName.get("unique[id]").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(byName.get("unique[id]").message()).startsWith("needs the data itself");
        assertThat(byName.get("domain[id]").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(byName.get("domain[shade]").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(byName.get("domain[shade]").exact()).isTrue();
        assertThat(result.anomalies()).extracting(Anomaly::constraint).containsExactly("range[x] in [0, 200]",
                "quantile[x, 0.51] in [50.25, 60]");
    }

    @Test
    public void shouldMeasureSkewAgainstTheReferenceExactlyFromDataAndConservativelyFromASketch() throws IOException {
        var random = new Random(9);
        var reference = write("ref.csv", "x,c\n", 30_000, i -> random.nextGaussian() + "," + (i % 3 == 0 ? "a" : "b"));
        var current = write("cur.csv", "x,c\n", 30_000, i -> (random.nextGaussian() + 0.05) + "," + (i % 2 == 0 ? "a"
                : "b"));
        var schema = schema("""
                schema_version: 1
                columns:
                  x: {type: numeric, skew: {jensen_shannon: 0.01}}
                  c: {type: categorical, skew: {l_infinity: 0.2}}
                """);
        var ref = DataValidator.reference(List.of(reference), schema, Progress.NONE);
        var validator = new DataValidator(schema, Optional.of(ref), new Policy(List.of()), MetricHistory.NONE, "batch");

        var fromData = validator.validate(List.of(current), Progress.NONE);
        var fromProfile = validator.validate(List.of(profileOf(current, schema)), Progress.NONE);

        var dataSkew = fromData.constraints().stream().filter(c -> c.name().equals("skew[x] <= 0.01")).findFirst()
                .orElseThrow();
        assertThat(dataSkew.exact()).isTrue();
        assertThat(dataSkew.outcome()).isEqualTo(Outcome.PASSED);
        var profileSkew = fromProfile.constraints().stream().filter(c -> c.name().equals("skew[x] <= 0.01"))
                .findFirst().orElseThrow();
        assertThat(profileSkew.exact()).isFalse();
        assertThat(profileSkew.observed()).isCloseTo(dataSkew.observed(), within(0.005));
        assertThat(profileSkew.observed() + profileSkew.errorBound()).isGreaterThan(dataSkew.observed());
        var categorical = fromData.constraints().stream().filter(c -> c.name().equals("skew[c] <= 0.2")).findFirst()
                .orElseThrow();
        assertThat(categorical.observed()).isCloseTo(0.5 - 1.0 / 3, within(1e-4));
        assertThat(categorical.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(fromData.metrics().asMap()).containsKey("skew[x]").containsKey("skew[c]");
    }

    @Test
    public void shouldCompareWithTheHistoryAndSayWhenThereIsNoEarlierRecord() throws IOException {
        var data = write("b.csv", "n,t\n", 100, i -> (i % 10 == 0 ? "" : Integer.toString(i)) + ",x");
        var schema = schema("schema_version: 1\ncolumns:\n  n: {type: numeric}\n  t: {type: categorical}\n");
        var gates = new GateParser(new DataCatalog()).policy(List.of("row_count_change <= 0.5",
                "completeness_change[n] <= 0.01"), List.of("mean_change[n] <= 0.1"));
        var history = new MetricHistory(3, Map.of("data.prod.row_count", List.of(300.0, 200.0, 100.0),
                "data.prod.completeness.n", List.of(0.9, 0.92, 0.94), "data.prod.mean.n", List.of(50.0)));

        var result = new DataValidator(schema, Optional.empty(), gates, history, "prod").validate(List.of(data),
                Progress.NONE);

        assertThat(result.metrics().asMap()).containsEntry("row_count_change", 0.5);
        assertThat(result.metrics().asMap().get("mean_change[n]")).isCloseTo(0, within(1e-12));
        assertThat(result.metrics().asMap().get("completeness_change[n]")).isCloseTo(0.02, within(1e-12));
        assertThat(result.metrics().asMap()).containsEntry("completeness_change[t]", 0.0);
        assertThat(result.metrics().note(io.mlcd.gate.MetricKey.grouped("completeness_change", "t")))
                .contains("no earlier record of data.prod.completeness.t");
        assertThat(result.gates().subList(result.constraints().size(), result.gates().size()))
                .extracting(r -> r.gate().expression() + " " + r.outcome())
                .containsExactly("row_count_change <= 0.5 PASSED", "completeness_change[n] <= 0.01 FAILED",
                        "mean_change[n] <= 0.1 PASSED");
        assertThat(result.historyPoints()).containsOnlyKeys("data.prod.row_count", "data.prod.completeness.n",
                "data.prod.completeness.t", "data.prod.mean.n");
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    public void shouldLeaveChangeGatesAnErrorWithoutAHistory() throws IOException {
        var data = write("b.csv", "n\n", 10, Integer::toString);
        var schema = schema("schema_version: 1\ncolumns:\n  n: {type: numeric}\n");
        var gates = new GateParser(new DataCatalog()).policy(List.of("row_count_change <= 0.5"), List.of());

        var result = new DataValidator(schema, Optional.empty(), gates, MetricHistory.NONE, "batch")
                .validate(List.of(data), Progress.NONE);

        var gate = result.gates().get(result.gates().size() - 1);
        assertThat(gate.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(gate.message()).contains("--history N");
    }

    @Test
    public void shouldGiveAWarningForAWarnConstraintAndCountTypeMismatchesWithExamples() throws IOException {
        var data = write("b.csv", "n,flag\n", 200, i -> (i == 3 ? "three" : i == 150 ? "x" : Integer.toString(i)) + ","
                + (i == 5 ? "maybe" : "TRUE"));
        var schema = schema("""
                schema_version: 1
                columns:
                  n: {type: numeric, completeness: {min: 1, severity: warn}}
                  flag: {type: boolean, domain: {values: ['true'], severity: warn}}
                """);

        var result = validate(schema, List.of(data));

        assertThat(result.constraints()).extracting(ConstraintResult::name, ConstraintResult::outcome,
                ConstraintResult::count).containsExactly(
                        org.assertj.core.api.Assertions.tuple("new_columns fail", Outcome.PASSED, 0L),
                        org.assertj.core.api.Assertions.tuple("column[n] present", Outcome.PASSED, 0L),
                        org.assertj.core.api.Assertions.tuple("type[n] numeric", Outcome.FAILED, 2L),
                        org.assertj.core.api.Assertions.tuple("completeness[n] >= 1", Outcome.PASSED, 0L),
                        org.assertj.core.api.Assertions.tuple("column[flag] present", Outcome.PASSED, 0L),
                        org.assertj.core.api.Assertions.tuple("type[flag] boolean", Outcome.FAILED, 1L),
                        org.assertj.core.api.Assertions.tuple("domain[flag]", Outcome.PASSED, 0L));
        assertThat(result.anomalies().get(0).examples()).containsExactly("three", "x");
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        var lenient = schema("""
                schema_version: 1
                columns:
                  n: {type: numeric, completeness: {min: 1, severity: warn}, range: {min: 0, max: 100, severity: warn}}
                """);
        var warned = validate(lenient, List.of(write("c.csv", "n\n", 200, Integer::toString)));
        assertThat(warned.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(warned.anomalies()).extracting(Anomaly::count, Anomaly::share).containsExactly(
                org.assertj.core.api.Assertions.tuple(99L, 99 / 200.0));
    }

    @Test
    public void shouldRefuseInputThatCannotBeValidated() throws IOException {
        var data = write("b.csv", "n\n", 10, Integer::toString);
        var schema = schema("schema_version: 1\ncolumns:\n  n: {type: numeric, skew: {jensen_shannon: 0.1}}\n");
        var profile = profileOf(data, schema);
        var none = new Policy(List.of());

        assertThatThrownBy(() -> validate(schema, List.of(data, profile))).isInstanceOf(InputException.class)
                .hasMessageStartingWith("give the batch as data files or as profiles, not both");
        assertThatThrownBy(() -> new DataValidator(schema, Optional.empty(), new GateParser(new DataCatalog())
                .policy(List.of("completeness[m] >= 1"), List.of()), MetricHistory.NONE, "batch"))
                .isInstanceOf(InputException.class)
                .hasMessage("gate 'completeness[m] >= 1' names column 'm', which the schema does not name (columns: n)");
        var otherReference = write("r.csv", "k\n", 10, Integer::toString);
        assertThatThrownBy(() -> new DataValidator(schema, Optional.of(DataValidator.reference(List.of(otherReference),
                schema, Progress.NONE)), none, MetricHistory.NONE, "batch")).isInstanceOf(InputException.class)
                .hasMessageContaining("skew[n]: the reference").hasMessageContaining("has no column 'n'");
        Files.writeString(profile, Files.readString(profile).replace("\"profile_version\":1", "\"profile_version\":2"));
        assertThatThrownBy(() -> validate(schema, List.of(profile))).isInstanceOf(InputException.class)
                .hasMessageContaining("has version 2; this mlcd reads version 1");
    }

    private DataValidationResult validate(final DataSchema schema, final List<Path> inputs) {
        return new DataValidator(schema, Optional.empty(), new Policy(List.of()), MetricHistory.NONE, "batch")
                .validate(inputs, Progress.NONE);
    }

    private Path profileOf(final Path data, final DataSchema schema) {
        var types = new java.util.HashMap<String, ColumnType>(schema.types());
        var profile = new Profiler(Progress.NONE, types).profile(data);
        var file = data.resolveSibling(data.getFileName() + ".profile.json");
        ProfileJson.write(profile, file);
        return file;
    }

    private DataSchema schema(final String yaml) throws IOException {
        var file = folder.newFile();
        Files.writeString(file.toPath(), yaml);
        return SchemaYaml.read(file.toPath());
    }

    private Path write(final String name, final String header, final int rows,
            final java.util.function.IntFunction<String> row) throws IOException {
        var file = folder.getRoot().toPath().resolve(name);
        var text = new StringBuilder(header);
        for (int i = 0; i < rows; i++) {
            text.append(row.apply(i)).append('\n');
        }
        Files.writeString(file, text);
        return file;
    }
}
