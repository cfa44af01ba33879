package io.mlcd.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rows of every type a profile reads, with missing values of each kind, and the same rows as the CSV Spark writes. */
final class TestRows {
    static final StructType SCHEMA = new StructType()
            .add("x", DataTypes.DoubleType)
            .add("k", DataTypes.IntegerType)
            .add("big", DataTypes.LongType)
            .add("f", DataTypes.FloatType)
            .add("price", DataTypes.createDecimalType(10, 2))
            .add("city", DataTypes.StringType)
            .add("active", DataTypes.BooleanType)
            .add("day", DataTypes.DateType)
            .add("seen", DataTypes.TimestampType);
    private static final String[] CITIES = {"Lyon", "Oslo", "Kyiv", "Lima", "Pune", "Agra", "Baku", "Cork", "Doha",
        "Fès", "Graz", "Hué"};

    private TestRows() {
    }

    static List<Row> generate(final int count, final long seed) {
        var random = new Random(seed);
        var rows = new ArrayList<Row>(count);
        for (int i = 0; i < count; i++) {
            Double x = random.nextInt(50) == 0 ? null : random.nextInt(200) == 0 ? Double.NaN
                    : random.nextInt(500) == 0 ? Double.POSITIVE_INFINITY : random.nextGaussian() * 10 + 3;
            Integer k = random.nextInt(30) == 0 ? null : random.nextInt(10);
            Long big = (long) (random.nextDouble() * 1e15);
            Float f = random.nextFloat() * 100;
            BigDecimal price = random.nextInt(40) == 0 ? null : BigDecimal.valueOf(random.nextInt(100_000), 2);
            String city = random.nextInt(25) == 0 ? null : random.nextInt(25) == 0 ? "NA"
                    : CITIES[(int) Math.min(CITIES.length - 1, Math.abs(random.nextGaussian()) * 3)];
            Boolean active = random.nextInt(20) == 0 ? null : random.nextInt(3) == 0;
            Date day = Date.valueOf(java.time.LocalDate.of(2026, 1, 1).plusDays(random.nextInt(60)));
            Timestamp seen = Timestamp.from(java.time.Instant.parse("2026-01-01T00:00:00Z")
                    .plusMillis(random.nextInt(4_000) * 1000L + (random.nextBoolean() ? 250 : 0)));
            rows.add(RowFactory.create(x, k, big, f, price, city, active, day, seen));
        }
        return rows;
    }

    /** The data set written by Spark's CSV writer into one file, in row order; returns that file. */
    static Path csv(final Dataset<Row> data, final Path folder) {
        data.coalesce(1).write().option("header", "true").csv(folder.toString());
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
