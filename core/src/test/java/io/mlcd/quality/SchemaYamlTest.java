package io.mlcd.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.drift.ColumnType;
import io.mlcd.gate.Severity;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SchemaYamlTest {
    private static final String EXAMPLE = """
            # an example
            schema_version: 1
            rows: {min: 10000, max: 30000}  # inferred: 20,000 observed, ±50%
            new_columns: warn
            primary_key: [customer_id, day]
            columns:
              customer_id:
                type: categorical
                unique: {severity: warn}
              day:
                type: numeric
              age:
                # observed: 18 to 95
                type: numeric
                completeness: 1.0  # inferred
                range: {min: 18, max: 95}  # inferred
                between: {min: 18, max: 70, share: 0.95}
                non_negative: true
                mean: {min: 30, max: 50}
                stddev: {max: 20, severity: warn}
                quantiles: [{q: 0.9, max: 80}, {q: 0.5, min: 35, max: 45}]
                skew: {jensen_shannon: 0.1}
              region:
                type: categorical
                completeness: {min: 0.99, severity: warn}
                domain: [west, east, north, south]
                length: {min: 4, max: 5}
                pattern: '^[a-z]+$'
                optional: true
              flag:
                type: boolean
                domain: {values: [true, 'false'], severity: warn}
                skew: {l_infinity: 0.2}
            """;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(final String yaml) throws IOException {
        var file = folder.getRoot().toPath().resolve("schema.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private DataSchema example() throws IOException {
        return SchemaYaml.read(write(EXAMPLE));
    }

    @Test
    public void shouldReadEveryConstraintInShortAndLongForm() throws IOException {
        var schema = example();

        assertThat(schema.rows()).contains(new Constraint.Rows(10_000, 30_000, Severity.FAIL, true));
        assertThat(schema.newColumns()).isEqualTo(DataSchema.NewColumns.WARN);
        assertThat(schema.primaryKey()).contains(new Constraint.PrimaryKey(List.of("customer_id", "day"),
                Severity.FAIL, false));
        assertThat(schema.columnNames()).containsExactly("customer_id", "day", "age", "region", "flag");
        var age = schema.column("age").orElseThrow();
        assertThat(age.notes()).containsExactly("observed: 18 to 95");
        assertThat(age.constraints()).containsExactly(
                new Constraint.Completeness("age", 1.0, Severity.FAIL, true),
                new Constraint.Range("age", new Bounds(18, 95), Severity.FAIL, true),
                new Constraint.Between("age", new Bounds(18, 70), 0.95, Severity.FAIL, false),
                new Constraint.NonNegative("age", Severity.FAIL, false),
                new Constraint.Mean("age", new Bounds(30, 50), Severity.FAIL, false),
                new Constraint.Stddev("age", Bounds.atMost(20), Severity.WARN, false),
                new Constraint.Quantile("age", 0.5, new Bounds(35, 45), Severity.FAIL, false),
                new Constraint.Quantile("age", 0.9, Bounds.atMost(80), Severity.FAIL, false),
                new Constraint.Skew("age", Constraint.Skew.Measure.JENSEN_SHANNON, 0.1, Severity.FAIL, false));
        var region = schema.column("region").orElseThrow();
        assertThat(region.optional()).isTrue();
        assertThat(region.constraints()).containsExactly(
                new Constraint.Completeness("region", 0.99, Severity.WARN, false),
                new Constraint.Domain("region", List.of("east", "north", "south", "west"), Severity.FAIL, false),
                new Constraint.Length("region", 4, 5, Severity.FAIL, false),
                new Constraint.PatternMatch("region", Pattern.compile("^[a-z]+$"), 1.0, Severity.FAIL, false));
        assertThat(schema.column("flag").orElseThrow().constraints()).containsExactly(
                new Constraint.Domain("flag", List.of("false", "true"), Severity.WARN, false),
                new Constraint.Skew("flag", Constraint.Skew.Measure.L_INFINITY, 0.2, Severity.FAIL, false));
        assertThat(schema.column("customer_id").orElseThrow().constraints())
                .containsExactly(new Constraint.Unique("customer_id", Severity.WARN, false));
    }

    @Test
    public void shouldNameConstraintsAsReportsDo() throws IOException {
        assertThat(example().constraints()).extracting(Constraint::name).containsExactly(
                "rows in [10000, 30000]", "primary_key[customer_id, day]", "unique[customer_id]",
                "completeness[age] >= 1", "range[age] in [18, 95]", "between[age] in [18, 70] for 0.95",
                "non_negative[age]", "mean[age] in [30, 50]", "stddev[age] <= 20", "quantile[age, 0.5] in [35, 45]",
                "quantile[age, 0.9] <= 80", "skew[age] <= 0.1", "completeness[region] >= 0.99", "domain[region]",
                "length[region] in [4, 5]", "pattern[region]", "domain[flag]", "skew[flag] <= 0.2");
    }

    @Test
    public void shouldReadBackWhatItWrites() throws IOException {
        var schema = example();

        var yaml = SchemaYaml.write(schema, "mlcd data schema\nsecond line");
        var again = SchemaYaml.read(write(yaml));

        assertThat(again).isEqualTo(schema);
        assertThat(SchemaYaml.write(again, "mlcd data schema\nsecond line")).isEqualTo(yaml);
    }

    @Test
    public void shouldWriteOneColumnABlockInSchemaOrderWithInferredMarks() throws IOException {
        var yaml = SchemaYaml.write(example(), "mlcd data schema");

        assertThat(yaml).startsWith("""
                # mlcd data schema
                schema_version: 1
                rows: {min: 10000, max: 30000}  # inferred
                new_columns: warn  # fail | warn | ignore: a batch column the schema does not name
                primary_key: [customer_id, day]
                columns:
                  customer_id:
                    type: categorical
                    unique: {severity: warn}

                  day:
                    type: numeric

                  age:
                    # observed: 18 to 95
                    type: numeric
                    completeness: 1  # inferred
                    range: {min: 18, max: 95}  # inferred
                    between: {min: 18, max: 70, share: 0.95}
                    non_negative: true
                    mean: {min: 30, max: 50}
                    stddev: {max: 20, severity: warn}
                    quantiles:
                      - {q: 0.5, min: 35, max: 45}
                      - {q: 0.9, max: 80}
                    skew: {jensen_shannon: 0.1}
                """);
        assertThat(yaml).contains("""
                  region:
                    type: categorical
                    optional: true
                    completeness: {min: 0.99, severity: warn}
                    domain: [east, north, south, west]
                    length: {min: 4, max: 5}
                    pattern: "^[a-z]+$"
                """);
    }

    @Test
    public void shouldRoundTripHostileNamesValuesAndNumbers() throws IOException {
        var names = List.of("a: b # c", "line\nbreak", "tab\there", "'quote\"", "back\\slash", " lead", "trail ",
                "", "true", "null", "~", "1e5", "0x10", "-", "? x", "[x]", "{x}", "&a", "*a", "!tag", "%x", "@x", "`x",
                "é ü 中文 😀", "nel\u0085ls\u2028ps\u2029", "bom\uFEFF", "ctrl\u0001\u001b[31m", "x".repeat(2_000));
        var columns = new java.util.ArrayList<ColumnSchema>();
        for (int i = 0; i < names.size(); i++) {
            var name = names.get(i);
            columns.add(new ColumnSchema(name, ColumnType.CATEGORICAL, i % 2 == 0, List.of(
                    new Constraint.Domain(name, names, Severity.FAIL, true),
                    new Constraint.PatternMatch(name, Pattern.compile(Pattern.quote(name)), 0.5, Severity.WARN, false)),
                    List.of("note about " + name)));
        }
        columns.add(new ColumnSchema("n", ColumnType.NUMERIC, false, List.of(
                new Constraint.Range("n", new Bounds(-1e-300, 1.7976931348623157e308), Severity.FAIL, true),
                new Constraint.Mean("n", new Bounds(0.1 + 0.2, 1e15 + 0.5), Severity.WARN, false),
                new Constraint.Stddev("n", new Bounds(-0.0, 123456789.123456789), Severity.FAIL, false),
                new Constraint.Quantile("n", 1e-5, Bounds.atLeast(-4.9e-324), Severity.FAIL, false)), List.of()));
        var schema = new DataSchema(Optional.of(new Constraint.Rows(0, Long.MAX_VALUE, Severity.WARN, false)),
                DataSchema.NewColumns.IGNORE, Optional.of(new Constraint.PrimaryKey(names, Severity.WARN, true)),
                columns, List.of("dataset note", "# hash"));

        var yaml = SchemaYaml.write(schema, "header with\ttab and \u001b escape");

        assertThat(SchemaYaml.read(write(yaml))).isEqualTo(schema);
    }

    @Test
    public void shouldReadATextGivenWhole() {
        var schema = SchemaYaml.parse(Path.of("inline"), "schema_version: 1\ncolumns:\n  a: {type: numeric}\n");
        assertThat(schema.columns()).containsExactly(new ColumnSchema("a", ColumnType.NUMERIC, List.of()));
        assertThat(schema.newColumns()).isEqualTo(DataSchema.NewColumns.FAIL);
        assertThat(schema.rows()).isEmpty();
    }

    private void assertRefused(final String yaml, final String message) throws IOException {
        var file = write(yaml);
        assertThatThrownBy(() -> SchemaYaml.read(file)).isInstanceOf(InputException.class)
                .hasMessage("schema file " + file + message).hasMessageNotContaining("\n");
    }

    private void assertColumnRefused(final String column, final String message) throws IOException {
        assertRefused("schema_version: 1\ncolumns:\n  c:\n" + column.indent(4), ", column 'c', " + message);
    }

    @Test
    public void shouldRefuseAnUnknownKeyNamingItsPlace() throws IOException {
        assertColumnRefused("type: numeric\nrnage: {min: 1}", "key 'rnage': unknown key (expected between, "
                + "completeness, domain, length, mean, non_negative, optional, pattern, quantiles, range, skew, stddev, "
                + "type, unique)");
        assertColumnRefused("type: numeric\nrange: {min: 1, mx: 2}", "key 'range.mx': unknown key (expected max, min, "
                + "severity)");
        assertRefused("schema_version: 1\ncolumn: {}\n", ", key 'column': unknown key (expected columns, new_columns, "
                + "primary_key, rows, schema_version)");
    }

    @Test
    public void shouldRefuseWrongTypes() throws IOException {
        assertColumnRefused("type: numeric\nrange: 5", "key 'range': expected a mapping {min: ..., max: ...}, found 5");
        assertColumnRefused("type: numeric\nrange: {min: '5'}", "key 'range.min': expected a number, found '5'");
        assertColumnRefused("type: numeric\noptional: yes", "key 'optional': expected true or false, found 'yes'");
        assertColumnRefused("type: text", "key 'type': 'text' is not numeric, categorical or boolean");
        assertColumnRefused("completeness: 1", "key 'type': missing (numeric, categorical or boolean)");
        assertColumnRefused("type: categorical\ndomain: [a, 1]",
                "key 'domain': value 1 is not text; quote it ('1') so that it means the text in the data");
        assertColumnRefused("type: categorical\nlength: {min: 1.5}", "key 'length.min': expected a whole number, "
                + "found 1.5");
        assertColumnRefused("type: boolean\ndomain: [yes]", "key 'domain': 'yes' is not a value of a boolean column "
                + "(true or false)");
        assertRefused("schema_version: 1\ncolumns: [a, b]\n", ", key 'columns': expected a mapping of column name to "
                + "its constraints, found a list");
        assertRefused("schema_version: 1\nrows: {min: 1}\nnew_columns: fatal\ncolumns: {}\n",
                ", key 'new_columns': 'fatal' is not fail, warn or ignore");
        assertRefused("schema_version: 1\nprimary_key: a\ncolumns: {}\n", ", key 'primary_key': expected a list of "
                + "column names or {columns: [...], severity: warn}, found 'a'");
    }

    @Test
    public void shouldRefuseADuplicateKey() throws IOException {
        assertRefused("schema_version: 1\ncolumns:\n  a:\n    type: numeric\n    type: categorical\n",
                ", line 5, column 5: duplicate key 'type' (first on line 4)");
        assertRefused("schema_version: 1\ncolumns:\n  a: {type: numeric}\n  a: {type: numeric}\n",
                ", line 4, column 3: duplicate key 'a' (first on line 3)");
    }

    @Test
    public void shouldRefuseARegexThatDoesNotCompile() throws IOException {
        assertColumnRefused("type: categorical\npattern: '[a-z'", "key 'pattern': '[a-z' is not a Java regular "
                + "expression: Unclosed character class at index 3");
        assertColumnRefused("type: categorical\npattern: {regex: '(?<x'}", "key 'pattern': '(?<x' is not a Java "
                + "regular expression: named capturing group is missing trailing '>' at index 4");
    }

    @Test
    public void shouldRefuseMinAboveMax() throws IOException {
        assertColumnRefused("type: numeric\nrange: {min: 95, max: 18}", "key 'range': min 95 is above max 18");
        assertColumnRefused("type: categorical\nlength: {min: 5, max: 4}", "key 'length': min 5 is above max 4");
        assertRefused("schema_version: 1\nrows: {min: 3, max: 2}\ncolumns: {}\n", ", key 'rows': min 3 is above max 2");
        assertColumnRefused("type: numeric\nquantiles: [{q: 0.5, min: 2, max: 1}]",
                "key 'quantiles[0]': min 2 is above max 1");
    }

    @Test
    public void shouldRefuseSharesOutsideZeroToOne() throws IOException {
        assertColumnRefused("type: numeric\ncompleteness: 1.5", "key 'completeness': 1.5 is not a share in [0, 1]");
        assertColumnRefused("type: numeric\nbetween: {min: 1, share: -0.1}",
                "key 'between.share': -0.1 is not a share in [0, 1]");
        assertColumnRefused("type: categorical\npattern: {regex: a, share: 2}",
                "key 'pattern.share': 2 is not a share in [0, 1]");
        assertColumnRefused("type: numeric\nquantiles: [{q: 50, max: 1}]", "key 'quantiles[0].q': 50 is not a share "
                + "in [0, 1]");
        assertColumnRefused("type: numeric\nskew: {jensen_shannon: 1.1}", "key 'skew.jensen_shannon': 1.1 is not a share "
                + "in [0, 1]");
    }

    @Test
    public void shouldRefuseAConstraintOnTheWrongColumnType() throws IOException {
        assertColumnRefused("type: numeric\npattern: '^a$'", "key 'pattern': not for a numeric column (only categorical "
                + "columns)");
        assertColumnRefused("type: categorical\nrange: {min: 0}", "key 'range': not for a categorical column (only "
                + "numeric columns)");
        assertColumnRefused("type: numeric\ndomain: ['1']", "key 'domain': not for a numeric column (only boolean or "
                + "categorical columns)");
        assertColumnRefused("type: categorical\nskew: {jensen_shannon: 0.1}", "key 'skew': not for a categorical "
                + "column (only numeric columns)");
    }

    @Test
    public void shouldRefuseAnUnknownSeverity() throws IOException {
        assertColumnRefused("type: numeric\nunique: {severity: fatal}", "key 'unique.severity': 'fatal' is not fail "
                + "or warn");
        assertColumnRefused("type: numeric\ncompleteness: {min: 1, severity: WARN}",
                "key 'completeness.severity': 'WARN' is not fail or warn");
    }

    @Test
    public void shouldRefuseASchemaVersionOtherThanOne() throws IOException {
        assertRefused("schema_version: 2\ncolumns: {}\n", ": schema_version 2 is not supported; this mlcd reads "
                + "version 1");
        assertRefused("schema_version: '1'\ncolumns: {}\n", ": schema_version \"1\" is not supported; this mlcd reads "
                + "version 1");
        assertRefused("columns: {}\n", ": schema_version is missing (write schema_version: 1 first)");
    }

    @Test
    public void shouldRefuseAPrimaryKeyOnAColumnTheSchemaDoesNotName() throws IOException {
        assertRefused("schema_version: 1\nprimary_key: [id, day]\ncolumns:\n  id: {type: numeric}\n",
                ", key 'primary_key': column 'day' is not in the schema's columns");
    }

    @Test
    public void shouldRefuseEmptyAndOddDocuments() throws IOException {
        assertRefused("", " is empty");
        assertRefused("- a\n", ": expected a mapping with schema_version and columns, found a list");
        assertColumnRefused("type: numeric\nrange: {}", "key 'range': give min, max or both");
        assertColumnRefused("type: numeric\nskew: {jensen_shannon: 0.1, l_infinity: 0.1}", "key 'skew': give one of "
                + "jensen_shannon (numeric columns) or l_infinity (categorical, boolean)");
        assertColumnRefused("type: categorical\ndomain: [a, a]", "key 'domain': a value is listed twice");
        assertRefused("schema_version: 1\ncolumns:\n  c:\n    type: numeric\n    quantiles: [{q: 0.5, max: 1}, "
                + "{q: 0.5, max: 2}]\n", ", column 'c': quantiles: given twice for q 0.5");
        var huge = write("schema_version: 1\ncolumns:\n  c: {type: numeric, range: {min: 1" + "0".repeat(400) + "}}\n");
        assertThatThrownBy(() -> SchemaYaml.read(huge)).isInstanceOf(InputException.class)
                .hasMessageContaining(", column 'c', key 'range.min': 1000").hasMessageContaining("... [cut ")
                .hasMessageEndingWith(" is too large");
    }

    @Test
    public void shouldReadOrRefuseWithOneLineWhateverTheEdit() throws IOException {
        var random = new java.util.Random(13);
        var alphabet = "{}[]:,#'\"-?&*!|>%@` \n\tab01.e-\\";
        var read = 0;
        for (int i = 0; i < 1_000; i++) {
            var text = new StringBuilder(EXAMPLE);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                var at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            var file = write(text.toString());
            try {
                var schema = SchemaYaml.read(file);
                assertThat(SchemaYaml.read(write(SchemaYaml.write(schema, "")))).as(text.toString()).isEqualTo(schema);
                read++;
            }
            catch (InputException e) {
                assertThat(e.getMessage()).as(text.toString()).startsWith("schema file " + file).doesNotContain("\n");
            }
        }
        assertThat(read).as("edits that still read").isBetween(50, 950);
    }

    @Test
    public void shouldKeepOneLineForAHostileColumnName() throws IOException {
        var file = write("schema_version: 1\ncolumns:\n  \"evil\\nname\\e[31m\":\n    type: nope\n");
        assertThatThrownBy(() -> SchemaYaml.read(file)).isInstanceOf(InputException.class)
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u001b").hasMessageContaining("evil\\nname");
    }
}
