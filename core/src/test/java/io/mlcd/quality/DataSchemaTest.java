package io.mlcd.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.drift.ColumnType;
import io.mlcd.gate.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.Test;

public class DataSchemaTest {
    private static final Severity FAIL = Severity.FAIL;

    @Test
    public void shouldOrderConstraintsAsTheSchemaListsThem() {
        var column = new ColumnSchema("age", ColumnType.NUMERIC, List.of(
                new Constraint.Unique("age", FAIL, false),
                new Constraint.Quantile("age", 0.9, Bounds.atMost(1), FAIL, false),
                new Constraint.Range("age", new Bounds(0, 1), FAIL, true),
                new Constraint.Quantile("age", 0.1, Bounds.atLeast(0), FAIL, false),
                new Constraint.Completeness("age", 0.5, FAIL, true)));

        assertThat(column.constraints()).extracting(Constraint::name).containsExactly("completeness[age] >= 0.5",
                "range[age] in [0, 1]", "quantile[age, 0.1] >= 0", "quantile[age, 0.9] <= 1", "unique[age]");
    }

    @Test
    public void shouldRefuseAConstraintOfAnotherColumnOrType() {
        assertThatThrownBy(() -> new ColumnSchema("a", ColumnType.NUMERIC, List.of(new Constraint.Unique("b", FAIL,
                false)))).hasMessage("unique: constraint on column 'b' given for column 'a'");
        assertThatThrownBy(() -> new ColumnSchema("a", ColumnType.BOOLEAN, List.of(new Constraint.Length("a", 1, 2,
                FAIL, false)))).hasMessage("length: not for a boolean column");
        assertThatThrownBy(() -> new ColumnSchema("a", ColumnType.NUMERIC, List.of(new Constraint.Unique("a", FAIL,
                false), new Constraint.Unique("a", Severity.WARN, false)))).hasMessage("unique: given twice");
    }

    @Test
    public void shouldRefuseBadValues() {
        assertThatThrownBy(() -> new Bounds(2, 1)).hasMessage("min 2 is above max 1");
        assertThatThrownBy(() -> new Bounds(Double.NaN, 1)).hasMessage("a bound is not a number");
        assertThatThrownBy(() -> new Constraint.Completeness("a", 1.01, FAIL, false))
                .hasMessage("completeness 1.01 is not a share in [0, 1]");
        assertThatThrownBy(() -> new Constraint.Between("a", Bounds.ANY, Double.NaN, FAIL, false))
                .hasMessage("share NaN is not a share in [0, 1]");
        assertThatThrownBy(() -> new Constraint.Length("a", -1, 2, FAIL, false)).hasMessage("min -1 is below 0");
        assertThatThrownBy(() -> new Constraint.Rows(5, 4, FAIL, false)).hasMessage("min 5 is above max 4");
        assertThatThrownBy(() -> new Constraint.Domain("a", List.of("x", "x"), FAIL, false))
                .hasMessage("a value is listed twice");
        assertThatThrownBy(() -> new Constraint.Domain("a", List.of(), FAIL, false))
                .hasMessage("the domain lists no value");
        assertThatThrownBy(() -> new Constraint.PrimaryKey(List.of("a", "a"), FAIL, false))
                .hasMessage("a column is listed twice");
    }

    @Test
    public void shouldRefuseDuplicateColumnsAndAKeyOnAnUnknownColumn() {
        var a = new ColumnSchema("a", ColumnType.NUMERIC, List.of());
        assertThatThrownBy(() -> new DataSchema(Optional.empty(), DataSchema.NewColumns.FAIL, Optional.empty(),
                List.of(a, a), List.of())).hasMessage("column 'a' is given twice");
        assertThatThrownBy(() -> new DataSchema(Optional.empty(), DataSchema.NewColumns.FAIL, Optional.of(
                new Constraint.PrimaryKey(List.of("a", "b"), FAIL, false)), List.of(a), List.of()))
                .hasMessage("primary_key: column 'b' is not in the schema");
    }

    @Test
    public void shouldNameBoundsAndNumbersShortly() {
        assertThat(new Constraint.Mean("m", Bounds.atLeast(0.1 + 0.2), FAIL, false).name())
                .isEqualTo("mean[m] >= 0.30000000000000004");
        assertThat(new Constraint.Stddev("m", new Bounds(1e-7, 2.5e20), FAIL, false).name())
                .isEqualTo("stddev[m] in [1.0E-7, 2.5E20]");
        assertThat(new Constraint.Rows(10, Long.MAX_VALUE, FAIL, false).name()).isEqualTo("rows >= 10");
        assertThat(new Constraint.PatternMatch("p", Pattern.compile("^a"), 0.99, FAIL, false).name())
                .isEqualTo("pattern[p] for 0.99");
        assertThat(new Constraint.Skew("s", Constraint.Skew.Measure.L_INFINITY, 0.2, FAIL, false).name())
                .isEqualTo("skew[s] <= 0.2");
    }

    @Test
    public void shouldComparePatternsByTheirSource() {
        var one = new Constraint.PatternMatch("p", Pattern.compile("^[a-z]+$"), 1, FAIL, false);
        var same = new Constraint.PatternMatch("p", Pattern.compile("^[a-z]+$"), 1, FAIL, false);
        var other = new Constraint.PatternMatch("p", Pattern.compile("^[a-z]*$"), 1, FAIL, false);

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
        assertThat(one.source()).isEqualTo("^[a-z]+$");
    }

    @Test
    public void shouldGiveTypesAndConstraintsInSchemaOrder() {
        var schema = new DataSchema(Optional.of(new Constraint.Rows(1, 2, FAIL, true)), DataSchema.NewColumns.IGNORE,
                Optional.of(new Constraint.PrimaryKey(List.of("b"), Severity.WARN, false)), List.of(
                        new ColumnSchema("b", ColumnType.CATEGORICAL, List.of(new Constraint.Unique("b", FAIL, true))),
                        new ColumnSchema("a", ColumnType.BOOLEAN, List.of())), List.of("line\nbreak"));

        assertThat(schema.types().keySet()).containsExactly("b", "a");
        assertThat(schema.constraints()).extracting(Constraint::name).containsExactly("rows in [1, 2]",
                "primary_key[b]", "unique[b]");
        assertThat(schema.newColumns().severity()).isEmpty();
        assertThat(schema.notes()).containsExactly("line\\nbreak");
    }
}
