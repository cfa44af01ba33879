package io.mlcd.spark;

import io.mlcd.data.RecordSource;
import io.mlcd.util.InputException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The rows of one partition as a {@link RecordSource}, each value as the text the CLI would read
 * from a CSV file of the same rows: whole numbers by {@link Long#toString}, floating point by
 * {@link Double#toString} ({@link Float#toString} for floats, as Spark writes them), decimals in
 * full, booleans as {@code true}/{@code false}, dates and timestamps as ISO-8601 text as Spark's CSV
 * writer writes them (timestamps in UTC, to the millisecond), null as a missing value. So core
 * profiles a partition as it profiles a file.
 */
public final class RowSource implements RecordSource {
    /** Spark's CSV writer's default for timestamps, here in UTC: ISO-8601 to the millisecond. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
    /** Spark's CSV writer's default for timestamps without a time zone. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private final String name;
    private final List<String> header;
    private final Iterator<Row> rows;
    private final Text[] texts;
    private Row current;
    private long read;

    /** @param schema the rows' schema; every column must be of a type {@link #supports} */
    public RowSource(final String name, final StructType schema, final Iterator<Row> rows) {
        this.name = name;
        this.header = Arrays.stream(schema.fields()).map(StructField::name).toList();
        this.rows = rows;
        this.texts = Arrays.stream(schema.fields()).map(field -> text(field.dataType())).toArray(Text[]::new);
        for (int k = 0; k < texts.length; k++) {
            if (texts[k] == null) {
                throw unsupported(name, schema.fields()[k]);
            }
        }
    }

    /** Whether a column of this Spark type can be profiled: numbers, booleans, text, dates, timestamps. */
    public static boolean supports(final DataType type) {
        return text(type) != null;
    }

    static InputException unsupported(final String source, final StructField field) {
        return new InputException("%s: column '%s' is %s; mlcd reads numbers, booleans, strings, dates and timestamps "
                + "(select the columns to check, or cast this one)", source, field.name(), field.dataType().simpleString());
    }

    /** How a value of one Spark type is written as text. */
    @FunctionalInterface
    private interface Text {
        String of(Row row, int column);
    }

    private static Text text(final DataType type) {
        if (type instanceof LongType || type instanceof IntegerType || type instanceof ShortType
                || type instanceof ByteType) {
            return (row, k) -> Long.toString(((Number) row.get(k)).longValue());
        }
        if (type instanceof DoubleType) {
            return (row, k) -> Double.toString(row.getDouble(k));
        }
        if (type instanceof FloatType) {
            return (row, k) -> Float.toString(row.getFloat(k));
        }
        if (type instanceof DecimalType) {
            return (row, k) -> ((BigDecimal) row.get(k)).toString();
        }
        if (type instanceof BooleanType) {
            return (row, k) -> row.getBoolean(k) ? "true" : "false";
        }
        if (type instanceof StringType || type instanceof NullType) {
            return (row, k) -> row.getString(k);
        }
        if (type instanceof DateType) {
            return (row, k) -> row.get(k) instanceof java.sql.Date date ? date.toLocalDate().toString()
                    : ((LocalDate) row.get(k)).toString();
        }
        if (type instanceof TimestampType) {
            return (row, k) -> INSTANT.format(row.get(k) instanceof Timestamp time ? time.toInstant() : (Instant) row.get(k));
        }
        if (type instanceof TimestampNTZType) {
            return (row, k) -> LOCAL.format((LocalDateTime) row.get(k));
        }
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public boolean next() {
        if (!rows.hasNext()) {
            current = null;
            return false;
        }
        current = rows.next();
        read++;
        return true;
    }

    @Override
    public String field(final int column) {
        return current.isNullAt(column) ? "" : texts[column].of(current, column);
    }

    /** The row's position in the partition, counting a header line as a file would (the first row is line 2). */
    @Override
    public long line() {
        return read + 1;
    }

    @Override
    public long rowsRead() {
        return read;
    }

    @Override
    public void close() {
        // the rows belong to Spark's task, which releases them
    }
}
