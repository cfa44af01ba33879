package io.mlcd.spark;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Profiles a Spark data set as {@code mlcd profile} profiles a file: every partition is profiled by
 * core's {@link Profiler} in its task, the partial profiles travel as profile JSON (sketches are
 * not Java-serializable) and merge in partition order ({@link PartitionMerge}). Counts, extremes,
 * exact values and distinct values come out as for one pass over the rows in partition order;
 * quantile sketches within their rank error; so the profile does not depend on the partitioning.
 */
public final class SparkProfiles {
    private SparkProfiles() {
    }

    /**
     * @throws InputException when the data set has no rows, a column Spark's types or the given ones
     *                        cannot profile, or too many values not of their given type
     */
    public static Profile profile(final Dataset<Row> data, final ProfileOptions options) {
        var source = options.source();
        return SparkJobs.run(source, () -> {
            var schema = data.schema();
            var types = ColumnTypes.of(source, schema, options.types());
            JavaRDD<Part<byte[]>> parts = data.toJavaRDD().mapPartitionsWithIndex(
                    (index, rows) -> profilePartition(source, schema, types, index, rows), true);
            var merged = PartitionMerge.inOrder(parts, SparkProfiles::merge)
                    .orElseThrow(() -> new InputException("%s has no rows", source));
            var profile = ProfileJson.fromBytes(source, merged);
            Profiler.checkUnparseable(profile);
            return new Profile(source, profile.rows(), profile.columns());
        });
    }

    /** One partition's profile, every value not of its column's type counted (the tolerance applies to the whole). */
    private static Iterator<Part<byte[]>> profilePartition(final String source, final StructType schema,
            final HashMap<String, ColumnType> types, final int index, final Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return Collections.emptyIterator();
        }
        var profiler = new Profiler(Progress.NONE, types).countingTypeMismatches();
        var profile = profiler.profile(new RowSource(source, schema, rows));
        return Collections.singletonList(new Part<>(index, ProfileJson.toBytes(profile))).iterator();
    }

    private static byte[] merge(final byte[] first, final byte[] second) {
        var head = ProfileJson.fromBytes("a partial profile", first);
        var merged = head.merge(ProfileJson.fromBytes("a partial profile", second));
        return ProfileJson.toBytes(new Profile(head.source(), merged.rows(), merged.columns())); // one name, not one per part
    }
}
