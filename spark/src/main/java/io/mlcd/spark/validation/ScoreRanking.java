package io.mlcd.spark.validation;

import io.mlcd.validation.DeLongTest;
import io.mlcd.validation.LossSums;
import io.mlcd.validation.Ranking;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * ROC AUC, average precision, their curves and the losses of a scorer, exactly as one pass over a
 * file gives them, without bringing rows to the driver. The rows become a table of distinct scores
 * with their positive and negative counts (combined on the executors before the shuffle), sorted
 * from the highest score down by a range-partitioned sort. A first pass counts each partition's
 * scores, positives and negatives; the driver turns those into the counts above each partition
 * (prefix sums); a second pass walks each partition as a {@link Ranking.Segment} started from
 * them, and the driver merges the segments in partition order. The same table gives each distinct
 * score's DeLong placements.
 */
final class ScoreRanking implements AutoCloseable {
    private final JavaPairRDD<Double, long[]> table;
    private final Ranking.Totals totals;
    /** Per partition: positives, negatives and distinct scores in the partitions before it. */
    private final long[][] before;

    private ScoreRanking(final JavaPairRDD<Double, long[]> table, final Ranking.Totals totals, final long[][] before) {
        this.table = table;
        this.totals = totals;
        this.before = before;
    }

    /** Sorts the distinct scores of the records; {@code positive} is the positive class. */
    static ScoreRanking of(final JavaRDD<PredictionRecord> records, final String positive) {
        var table = records.mapToPair(record -> new Tuple2<>(record.score(),
                        record.label().equals(positive) ? new long[] {1, 0} : new long[] {0, 1}))
                .reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]})
                .sortByKey(false)
                .persist(StorageLevel.MEMORY_AND_DISK());
        var sizes = table.mapPartitionsWithIndex((partition, steps) -> {
            long positives = 0;
            long negatives = 0;
            long count = 0;
            while (steps.hasNext()) {
                var counts = steps.next()._2();
                positives += counts[0];
                negatives += counts[1];
                count++;
            }
            return List.of(new long[] {partition, positives, negatives, count}).iterator();
        }, true).collect();
        var before = new long[table.getNumPartitions()][3];
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
        var parts = table.mapPartitionsWithIndex((partition, steps) -> {
            var start = before[partition];
            var segment = new Ranking.Segment(totals, start[0], start[1], start[2]);
            var losses = new LossSums();
            while (steps.hasNext()) {
                var step = steps.next();
                segment.add(step._2()[0], step._2()[1]);
                losses.add(step._1(), step._2()[0], step._2()[1]);
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
        return table.mapPartitionsWithIndex((partition, steps) -> placements(totals, before[partition], steps), true)
                .mapToPair(pair -> pair);
    }

    private static Iterator<Tuple2<Double, double[]>> placements(final Ranking.Totals totals, final long[] start,
            final Iterator<Tuple2<Double, long[]>> steps) {
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
                long positivesAt = step._2()[0];
                long negativesAt = step._2()[1];
                var negativesBelow = totals.negatives() - negativesAbove - negativesAt;
                var placements = new double[] {
                    DeLongTest.positivePlacement(negativesBelow, negativesAt, totals.negatives()),
                    DeLongTest.negativePlacement(positivesAbove, positivesAt, totals.positives())};
                positivesAbove += positivesAt;
                negativesAbove += negativesAt;
                return new Tuple2<>(step._1(), placements);
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
