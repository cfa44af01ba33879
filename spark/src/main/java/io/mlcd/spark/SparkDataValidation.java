package io.mlcd.spark;

import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.gate.Policy;
import io.mlcd.quality.DataScan;
import io.mlcd.quality.DataSchema;
import io.mlcd.quality.DataValidationResult;
import io.mlcd.quality.DataValidator;
import io.mlcd.quality.MetricHistory;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Data validation of a Spark data set, as {@code mlcd validate-data} validates a file: each
 * partition is profiled and scanned ({@link DataScan}: exact counts of values that break a
 * constraint, first examples) in its task; partial profiles and scans merge in partition order
 * ({@link PartitionMerge}), so counts are exact and examples are the first ones in that order;
 * then core's {@link DataValidator} evaluates the constraints and gates on the merged result.
 */
public final class SparkDataValidation {
    private SparkDataValidation() {
    }

    /** The batch against the schema (and the reference, for skew constraints), with the gates of the policy. */
    public static DataValidationResult validate(final Dataset<Row> batch, final DataSchema schema,
            final Optional<Profile> reference, final Policy policy) {
        return validate(batch, "batch", new DataValidator(schema, reference, policy, MetricHistory.NONE, "batch"));
    }

    /**
     * @param name names the batch in the report and in messages (e.g. its path)
     * @throws InputException when the batch has no rows or a column Spark's types cannot give as text
     */
    public static DataValidationResult validate(final Dataset<Row> batch, final String name,
            final DataValidator validator) {
        return SparkJobs.run(name, () -> {
            var schema = batch.schema();
            var header = Arrays.stream(schema.fields()).map(StructField::name).toList();
            var types = ColumnTypes.of(name, schema, validator.types(header));
            var scans = validator.scans();
            JavaRDD<Part<Scanned>> parts = batch.toJavaRDD().mapPartitionsWithIndex(
                    (index, rows) -> scanPartition(name, schema, types, scans, index, rows), true);
            var merged = PartitionMerge.inOrder(parts, (first, second) -> first.merge(second, scans, header))
                    .orElseThrow(() -> new InputException("%s has no rows", name));
            var profile = ProfileJson.fromBytes(name, merged.profile());
            return validator.validate(List.of(name), profile, scans.apply(header).restore(merged.scan()));
        });
    }

    /**
     * The reference for the schema's skew constraints: a data set profiled with the schema's column
     * types, as {@link DataValidator#reference} profiles a file.
     */
    public static Profile reference(final Dataset<Row> data, final String name, final DataSchema schema) {
        var header = Arrays.stream(data.schema().fields()).map(StructField::name).toList();
        var types = new HashMap<String, ColumnType>();
        schema.types().forEach((column, type) -> {
            if (header.contains(column)) {
                types.put(column, type);
            }
        });
        return SparkProfiles.profile(data, new ProfileOptions(name, types));
    }

    private static Iterator<Part<Scanned>> scanPartition(final String name, final StructType schema,
            final HashMap<String, ColumnType> types, final DataScan.Scans scans, final int index,
            final Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return Collections.emptyIterator();
        }
        var profiled = new Profiler(Progress.NONE, types).countingTypeMismatches()
                .profile(new RowSource(name, schema, rows), scans);
        return Collections.singletonList(new Part<>(index, new Scanned(ProfileJson.toBytes(profiled.profile()),
                profiled.check().snapshot()))).iterator();
    }

    /** A part's profile (as profile JSON) and scan (as a snapshot), which travel between machines. */
    private record Scanned(byte[] profile, DataScan.Snapshot scan) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** This part followed by the next. */
        Scanned merge(final Scanned next, final DataScan.Scans scans, final List<String> header) {
            var head = ProfileJson.fromBytes("a partial profile", profile);
            var merged = head.merge(ProfileJson.fromBytes("a partial profile", next.profile));
            var scan = scans.apply(header).restore(this.scan);
            scan.merge(scans.apply(header).restore(next.scan));
            return new Scanned(ProfileJson.toBytes(new Profile(head.source(), merged.rows(), merged.columns())),
                    scan.snapshot());
        }
    }
}
