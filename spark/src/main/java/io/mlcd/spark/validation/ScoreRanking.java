package io.mlcd.spark.validation;

import io.mlcd.validation.DeLongTest;
import io.mlcd.validation.LossSums;
import io.mlcd.validation.Ranking;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import io.mlcd.validation.LabelValue;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * ROC AUC, average precision, their curves and the losses of a scorer, exactly as one pass over a
 * file gives them, without bringing rows to the driver. The rows become a table of distinct scores
 * with their positive and negative counts (Spark's hash aggregation, combined on the executors
 * before the shuffle), sorted from the highest score down by Spark's range-partitioned sort and
 * cached. A first pass counts each partition's scores, positives and negatives; the driver turns
 * those into the counts above each partition (prefix sums); a second pass walks each partition as
 * a {@link Ranking.Segment} started from them, and the driver merges the segments in partition
 * order. The same table gives each distinct score's DeLong placements.
 */
final class ScoreRanking implements AutoCloseable {
    private final Dataset<Row> table;
    private final Ranking.Totals totals;
    /** Per partition: positives, negatives and distinct scores in the partitions before it. */
    private final long[][] before;

    private ScoreRanking(final Dataset<Row> table, final Ranking.Totals totals, final long[][] before) {
        this.table = table;
        this.totals = totals;
        this.before = before;
    }

    /**
     * Sorts the distinct scores; {@code positive} is the positive class.
     *
     * @param scored the score as a double ({@code s}) and the label as read ({@code l}) per row
     */
    static ScoreRanking of(final Dataset<Row> scored, final String positive) {
        // Labels are made canonical once per distinct (score, label) pair, not once per row.
        UDF1<Object, Boolean> isPositive = raw -> LabelValue.canonical(Cells.text(raw)).equals(positive);
        var pairs = scored.groupBy("s", "l").count();
        var positiveRows = functions.udf(isPositive, DataTypes.BooleanType).apply(functions.col("l"));
        var table = pairs
                .groupBy("s")
                .agg(functions.sum(functions.when(positiveRows, functions.col("count")).otherwise(0L)).as("p"),
                        functions.sum(functions.when(positiveRows, 0L).otherwise(functions.col("count"))).as("n"))
                .orderBy(functions.col("s").desc())
                .persist(StorageLevel.MEMORY_AND_DISK());
        var sizes = table.javaRDD().mapPartitionsWithIndex((partition, steps) -> {
            long positives = 0;
            long negatives = 0;
            long count = 0;
            while (steps.hasNext()) {
                var step = steps.next();
                positives += step.getLong(1);
                negatives += step.getLong(2);
                count++;
            }
            return List.of(new long[] {partition, positives, negatives, count}).iterator();
        }, true).collect();
        var before = new long[sizes.size()][3];
        long positives = 0;
        long negatives = 0;
        long steps = 0;
        for (long[] size : sizes) { // collect keeps partition order
            before[(int) size[0]] = new long[] {positives, negatives, steps};
            positives += size[1];
            negatives += size[2];
            steps += size[3];
        }
        return new ScoreRanking(table, new Ranking.Totals(positives, negatives, steps), before);
    }

    /** The ranking metrics and curves, and the losses. */
    Scores scores() {
        var totals = this.totals;
        var before = this.before;
        var parts = table.javaRDD().mapPartitionsWithIndex((partition, steps) -> {
            var start = before[partition];
            var segment = new Ranking.Segment(totals, start[0], start[1], start[2]);
            var losses = new LossSums();
            while (steps.hasNext()) {
                var step = steps.next();
                segment.add(step.getLong(1), step.getLong(2));
                losses.add(step.getDouble(0), step.getLong(1), step.getLong(2));
            }
            return List.of(new Scores.Part(segment, losses)).iterator();
        }, true).collect();
        Ranking.Segment segment = null;
        LossSums losses = null;
        for (Scores.Part part : parts) { // in partition order, as segments must merge
            segment = segment == null ? part.segment() : segment.merge(part.segment());
            losses = losses == null ? part.losses() : losses.merge(part.losses());
        }
        if (segment == null) {
            segment = new Ranking.Segment(totals, 0, 0, 0);
            losses = new LossSums();
        }
        return new Scores(segment.finish(), losses);
    }

    /**
     * Each distinct score's DeLong placement: for a positive row with that score, the share of
     * negatives below it (ties one half); for a negative row, the share of positives above it.
     */
    JavaPairRDD<Double, double[]> placements() {
        var totals = this.totals;
        var before = this.before;
        return table.javaRDD().mapPartitionsWithIndex((partition, steps) -> placements(totals, before[partition], steps), true)
                .mapToPair(pair -> pair);
    }

    private static Iterator<Tuple2<Double, double[]>> placements(final Ranking.Totals totals, final long[] start,
            final Iterator<Row> steps) {
        return new Iterator<Tuple2<Double, double[]>>() {
            private long positivesAbove = start[0];
            private long negativesAbove = start[1];

            @Override
            public boolean hasNext() {
                return steps.hasNext();
            }

            @Override
            public Tuple2<Double, double[]> next() {
                var step = steps.next();
                long positivesAt = step.getLong(1);
                long negativesAt = step.getLong(2);
                var negativesBelow = totals.negatives() - negativesAbove - negativesAt;
                var placements = new double[] {
                    DeLongTest.positivePlacement(negativesBelow, negativesAt, totals.negatives()),
                    DeLongTest.negativePlacement(positivesAbove, positivesAt, totals.positives())};
                positivesAbove += positivesAt;
                negativesAbove += negativesAt;
                return new Tuple2<>(step.getDouble(0), placements);
            }
        };
    }

    @Override
    public void close() {
        table.unpersist(false);
    }

    /** A scorer's ranking and losses. */
    record Scores(Ranking ranking, LossSums losses) {
        /** One partition's share. */
        record Part(Ranking.Segment segment, LossSums losses) implements Serializable {
            private static final long serialVersionUID = 1L;
        }
    }
}
