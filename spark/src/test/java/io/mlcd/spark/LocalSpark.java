package io.mlcd.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The one Spark session of this module's tests: two worker threads, a task may fail once and be
 * retried ({@code local[2,2]}), no web UI. Started by the first test that needs it, stopped with
 * the JVM: starting Spark costs seconds, so test classes share it.
 */
public final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("mlcd-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    /** The rows, in this order, cut into the given number of partitions of consecutive rows. */
    public static Dataset<Row> rows(final List<Row> rows, final StructType schema, final int partitions) {
        var context = JavaSparkContext.fromSparkContext(session().sparkContext());
        return session().createDataFrame(context.parallelize(rows, partitions), schema);
    }
}
