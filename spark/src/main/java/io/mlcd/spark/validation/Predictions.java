package io.mlcd.spark.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import io.mlcd.validation.Task;
import io.mlcd.validation.ValidationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;

/**
 * One predictions data set (the challenger's or the baseline's) and its name in reports and
 * errors. Its rows are read afresh by each pass: Spark's sources give the same rows in the same
 * partitions every time, so the order a row gets (partition, then position) is stable.
 */
final class Predictions {
    /** A row's order: its partition in the high bits, its position in the partition below. */
    private static final int POSITION_BITS = 33;

    private final Dataset<Row> data;
    private final String name;
    private final ValidationSpec spec;
    private final Task task;

    Predictions(final Dataset<Row> data, final String name, final ValidationSpec spec, final Task task) {
        this.data = data;
        this.name = name;
        this.spec = spec;
        this.task = task;
        checkColumns(data, name, spec);
    }

    String name() {
        return name;
    }

    /** Every column the spec names must exist, as in the CLI, before any job runs. */
    static void checkColumns(final Dataset<Row> data, final String name, final ValidationSpec spec) {
        var columns = Arrays.asList(data.columns());
        for (String column : RecordReader.columns(spec)) {
            if (!columns.contains(column)) {
                throw new InputException("%s has no column '%s' (columns: %s)", name, column,
                        String.join(", ", columns));
            }
        }
    }

    /**
     * Per row the score as a double ({@code s}, read as {@link Cells#number} reads it, -0 as 0) and
     * the label as written ({@code l}), for Spark's own aggregation; after a clean {@link #scan()}.
     */
    Dataset<Row> scored() {
        var type = data.schema().apply(spec.score()).dataType();
        var raw = column(spec.score());
        Column score;
        if (type instanceof DoubleType || type instanceof LongType || type instanceof IntegerType
                || type instanceof ShortType || type instanceof ByteType) {
            score = raw.cast(DataTypes.DoubleType);
        }
        else { // floats, decimals and text through their text, as the CLI reads them from CSV
            UDF1<Object, Double> number = Cells::number;
            score = functions.udf(number, DataTypes.DoubleType).apply(raw);
        }
        score = functions.when(score.equalTo(0.0), functions.lit(0.0)).otherwise(score);
        return data.select(score.as("s"), column(spec.label()).as("l"));
    }

    /** The first rows' label and predicted values as text, from which the CLI infers the task. */
    static List<String> sample(final Dataset<Row> data, final ValidationSpec spec, final int rows) {
        var values = new ArrayList<String>();
        for (Row row : data.select(spec.label(), spec.prediction()).limit(rows).collectAsList()) {
            values.add(Cells.text(row.get(0)));
            values.add(Cells.text(row.get(1)));
        }
        return values;
    }

    /** The checked rows, for a pass after {@link #scan()} found no refused value. */
    JavaRDD<PredictionRecord> records() {
        var reader = new RecordReader(name, spec, task);
        return rows().mapPartitionsWithIndex((partition, rows) -> read(reader, partition, rows, null), true);
    }

    /** The pass that checks every value and gathers classes, groups and counts. */
    Scan scan() {
        var reader = new RecordReader(name, spec, task);
        var task = this.task;
        var threshold = spec.decisionThreshold();
        var groups = spec.groups().size();
        return Jobs.run(name, () -> rows().mapPartitionsWithIndex((partition, rows) -> {
            var scan = new Scan(task, groups);
            var records = read(reader, partition, rows, scan);
            while (records.hasNext()) {
                scan.add(records.next(), task, threshold);
            }
            return List.of(scan).iterator();
        }, true).treeAggregate(new Scan(task, groups), Scan::merge, Scan::merge));
    }

    private JavaRDD<Row> rows() {
        return data.select(RecordReader.columns(spec).stream().map(Predictions::column).toArray(Column[]::new))
                .javaRDD();
    }

    private static Column column(final String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    /**
     * The records of one partition; with a scan, refused rows are reported to it and skipped,
     * without one they throw (they cannot occur after a clean scan).
     */
    private static Iterator<PredictionRecord> read(final RecordReader reader, final int partition,
            final Iterator<Row> rows, @CheckForNull final Scan scan) {
        return new Iterator<>() {
            private long position;
            private PredictionRecord next;

            @Override
            public boolean hasNext() {
                while (next == null && rows.hasNext()) {
                    var order = ((long) partition << POSITION_BITS) + position++;
                    var row = rows.next();
                    if (scan == null) {
                        next = reader.read(order, row);
                        break;
                    }
                    try {
                        next = reader.read(order, row);
                    }
                    catch (RecordReader.BadValue e) {
                        scan.refuse(order, e.getMessage());
                    }
                }
                return next != null;
            }

            @Override
            public PredictionRecord next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                var record = next;
                next = null;
                return record;
            }
        };
    }
}
