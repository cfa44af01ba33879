package io.mlcd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.Test;

public class RowSourceTest {
    private static final StructType SCHEMA = new StructType()
            .add("l", DataTypes.LongType).add("i", DataTypes.IntegerType).add("s", DataTypes.ShortType)
            .add("b", DataTypes.ByteType).add("d", DataTypes.DoubleType).add("f", DataTypes.FloatType)
            .add("dec", DataTypes.createDecimalType(20, 4)).add("flag", DataTypes.BooleanType)
            .add("text", DataTypes.StringType).add("day", DataTypes.DateType).add("at", DataTypes.TimestampType)
            .add("local", DataTypes.TimestampNTZType);

    private static List<List<String>> read(final Iterator<Row> rows) {
        var source = new RowSource("part", SCHEMA, rows);
        var records = new ArrayList<List<String>>();
        while (source.next()) {
            var fields = new ArrayList<String>();
            for (int k = 0; k < source.header().size(); k++) {
                fields.add(source.field(k));
            }
            records.add(fields);
            assertThat(source.line()).isEqualTo(records.size() + 1);
        }
        assertThat(source.rowsRead()).isEqualTo(records.size());
        return records;
    }

    @Test
    public void shouldWriteEachValueAsTheCsvSparkWritesHasIt() {
        var row = RowFactory.create(-9_007_199_254_740_993L, 42, (short) -7, (byte) 3, 1e-7, 0.1f,
                new BigDecimal("12345678.9012"), true, "Fès, \"quoted\"", Date.valueOf("2026-02-28"),
                Timestamp.from(Instant.parse("2026-03-01T10:15:30.123456Z")), LocalDateTime.parse("2026-03-01T10:15:30"));

        var records = read(List.of(row).iterator());

        assertThat(records).containsExactly(List.of("-9007199254740993", "42", "-7", "3", "1.0E-7", "0.1",
                "12345678.9012", "true", "Fès, \"quoted\"", "2026-02-28", "2026-03-01T10:15:30.123Z",
                "2026-03-01T10:15:30.000"));
    }

    @Test
    public void shouldGiveNullsAsMissingAndNotANumberAsTheTextThatMeansMissing() {
        var nulls = RowFactory.create(null, null, null, null, Double.NaN, Float.NEGATIVE_INFINITY, null, null, null,
                null, null, null);
        var java8 = RowFactory.create(0L, 0, (short) 0, (byte) 0, -0.0, 0f, BigDecimal.ZERO, false, "",
                LocalDate.of(1999, 12, 31), Instant.parse("1999-12-31T23:59:59Z"), LocalDateTime.parse("1999-12-31T23:59"));

        var records = read(List.of(nulls, java8).iterator());

        assertThat(records.get(0)).containsExactly("", "", "", "", "NaN", "-Infinity", "", "", "", "", "", "");
        assertThat(records.get(1)).containsExactly("0", "0", "0", "0", "-0.0", "0.0", "0", "false", "",
                "1999-12-31", "1999-12-31T23:59:59.000Z", "1999-12-31T23:59:00.000");
    }

    @Test
    public void shouldRefuseAColumnItCannotWriteAsText() {
        var schema = new StructType().add("id", DataTypes.LongType).add("raw", DataTypes.BinaryType);

        assertThatThrownBy(() -> new RowSource("day=1", schema, List.<Row>of().iterator()))
                .isInstanceOf(InputException.class).hasMessage("day=1: column 'raw' is binary; mlcd reads numbers, "
                        + "booleans, strings, dates and timestamps (select the columns to check, or cast this one)");
    }
}
