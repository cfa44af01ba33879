package io.mlcd.spark.command;

import io.mlcd.spark.SparkJobs;
import io.mlcd.util.InputException;
import io.mlcd.util.KeyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What Spark reads: paths (or a table name) in a format Spark has a reader for. CSV is read with
 * a header and Spark's type inference, as the CLI reads CSV; JSON as JSON Lines.
 */
public final class InputOptions {
    /** The formats --format takes. */
    public static final List<String> FORMATS = List.of("parquet", "csv", "json", "orc", "table");

    private InputOptions() {
    }

    /**
     * Reads the data; Spark's analysis errors (no such path or table, a file it cannot read) are
     * input errors naming the option's paths.
     *
     * @param options reader options, {@code key=value}, e.g. {@code sep=;}
     */
    public static Dataset<Row> read(final SparkSession spark, final String option, final List<String> paths,
            final String format, final List<String> options) {
        var kind = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(kind)) {
            throw new InputException("--format: '%s' is not one of %s", format, String.join(", ", FORMATS));
        }
        if (paths.isEmpty()) {
            throw new InputException("%s: give at least one path", option);
        }
        Map<String, String> readerOptions = KeyValues.parse("--read-option", options, value -> value);
        return SparkJobs.run(name(paths), () -> load(spark, option, paths, kind, readerOptions));
    }

    private static Dataset<Row> load(final SparkSession spark, final String option, final List<String> paths,
            final String kind, final Map<String, String> readerOptions) {
        if (kind.equals("table")) {
            if (paths.size() != 1) {
                throw new InputException("%s: --format table reads one table, got %s", option, String.join(", ", paths));
            }
            return spark.table(paths.get(0));
        }
        var reader = spark.read().format(kind);
        if (kind.equals("csv")) {
            reader = reader.option("header", "true").option("inferSchema", "true");
        }
        return reader.options(readerOptions).load(paths.toArray(String[]::new));
    }

    /** The data set's name in profiles and reports: its paths. */
    public static String name(final List<String> paths) {
        return String.join(" + ", new ArrayList<>(paths));
    }
}
