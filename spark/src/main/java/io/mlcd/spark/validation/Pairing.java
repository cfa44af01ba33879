package io.mlcd.spark.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import io.mlcd.validation.Comparison;
import io.mlcd.validation.DeLongTest;
import io.mlcd.validation.McNemarTest;
import io.mlcd.validation.Task;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The challenger's rows paired with the baseline's by id, checked as the CLI checks them (same
 * number of rows, every id in both, same labels; the first offending row in the challenger's
 * order is named), and the paired tests on them: McNemar from the discordance counts, DeLong
 * from each row's placements looked up in both models' distinct-score tables.
 */
final class Pairing implements AutoCloseable {
    private final JavaRDD<Tuple2<PredictionRecord, PredictionRecord>> pairs;

    private Pairing(final JavaRDD<Tuple2<PredictionRecord, PredictionRecord>> pairs) {
        this.pairs = pairs;
    }

    /** Refuses an id that occurs twice, naming the one whose second row comes first. */
    static void checkUniqueIds(final JavaRDD<PredictionRecord> records, final String name, final String column) {
        var duplicate = Jobs.run(name, () -> records
                .mapToPair(record -> new Tuple2<>(record.id(), new long[] {record.order(), Long.MAX_VALUE}))
                .reduceByKey(Pairing::twoFirst)
                .filter(entry -> entry._2()[1] != Long.MAX_VALUE)
                .map(entry -> new Tuple2<>(entry._2()[1], entry._1()))
                .aggregate(new Tuple2<>(Long.MAX_VALUE, (String) null), Pairing::earlier, Pairing::earlier));
        if (duplicate._2() != null) {
            throw new InputException("%s, column '%s': duplicate id '%s'", name, column, duplicate._2());
        }
    }

    /** Pairs the rows, or says why the two data sets do not hold the same rows. */
    static Pairing of(final Predictions challenger, final long challengerRows, final Predictions baseline,
            final long baselineRows, final Task task) {
        if (challengerRows != baselineRows) {
            throw new InputException("the baseline %s has %d rows but the predictions %s have %d; a baseline must "
                    + "hold predictions for the same rows", baseline.name(), baselineRows, challenger.name(),
                    challengerRows);
        }
        var mine = challenger.records().keyBy(PredictionRecord::id);
        var theirs = baseline.records().keyBy(PredictionRecord::id);
        var missing = Jobs.run(challenger.name(), () -> first(mine.subtractByKey(theirs).values()));
        if (missing != null) {
            throw new InputException("id '%s' of the predictions %s is missing from the baseline %s", missing.id(),
                    challenger.name(), baseline.name());
        }
        var pairs = mine.join(theirs).values().persist(StorageLevel.MEMORY_AND_DISK());
        var regression = task == Task.REGRESSION;
        var differing = Jobs.run(challenger.name(), () -> pairs
                .filter(pair -> regression ? pair._1().score() != pair._2().score()
                        : !pair._1().label().equals(pair._2().label()))
                .map(pair -> new Tuple2<>(pair._1().order(), pair))
                .aggregate(new Tuple2<Long, Tuple2<PredictionRecord, PredictionRecord>>(Long.MAX_VALUE, null),
                        Pairing::earlier, Pairing::earlier));
        if (differing._2() != null) {
            pairs.unpersist(false);
            var pair = differing._2();
            var mineLabel = regression ? Double.toString(pair._1().score()) : pair._1().label();
            var theirLabel = regression ? Double.toString(pair._2().score()) : pair._2().label();
            throw new InputException("id '%s' has label '%s' in the predictions %s but '%s' in the baseline %s; a "
                    + "baseline must hold predictions for the same rows", pair._1().id(), mineLabel,
                    challenger.name(), theirLabel, baseline.name());
        }
        return new Pairing(pairs);
    }

    /** DeLong on roc_auc when scores are given, McNemar on accuracy always; in the CLI's order. */
    List<Comparison> binary(final String positive, final double threshold, @CheckForNull final ScoreRanking challenger,
            @CheckForNull final ScoreRanking baseline) {
        var accuracy = McNemarTest.compare(pairs.mapPartitions(rows -> {
            var counts = new McNemarTest.Counts();
            rows.forEachRemaining(pair -> counts.add(
                    predictsPositive(pair._1(), positive, threshold) == pair._1().label().equals(positive),
                    predictsPositive(pair._2(), positive, threshold) == pair._1().label().equals(positive)));
            return List.of(counts).iterator();
        }).treeAggregate(new McNemarTest.Counts(), McNemarTest.Counts::merge, McNemarTest.Counts::merge));
        if (challenger == null || baseline == null) {
            return List.of(accuracy);
        }
        return List.of(deLong(positive, challenger.placements(), baseline.placements()), accuracy);
    }

    /** McNemar on accuracy of predicted classes. */
    Comparison accuracy() {
        return McNemarTest.compare(pairs.mapPartitions(rows -> {
            var counts = new McNemarTest.Counts();
            rows.forEachRemaining(pair -> counts.add(pair._1().label().equals(pair._1().predicted()),
                    pair._2().label().equals(pair._2().predicted())));
            return List.of(counts).iterator();
        }).treeAggregate(new McNemarTest.Counts(), McNemarTest.Counts::merge, McNemarTest.Counts::merge));
    }

    private Comparison deLong(final String positive, final JavaPairRDD<Double, double[]> challengerPlacements,
            final JavaPairRDD<Double, double[]> baselinePlacements) {
        // Per row: (positive?, challenger's placement, baseline's placement), looked up by score.
        var rows = pairs
                .mapToPair(pair -> new Tuple2<>(pair._1().score(),
                        new Tuple2<>(pair._1().label().equals(positive), pair._2().score())))
                .join(challengerPlacements)
                .mapToPair(row -> {
                    boolean isPositive = row._2()._1()._1();
                    var placement = row._2()._2()[isPositive ? 0 : 1];
                    return new Tuple2<>(row._2()._1()._2(), new Tuple2<>(isPositive, placement));
                })
                .join(baselinePlacements)
                .map(row -> {
                    boolean isPositive = row._2()._1()._1();
                    return new Placed(isPositive, row._2()._1()._2(), row._2()._2()[isPositive ? 0 : 1]);
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            var means = rows.mapPartitions(placed -> {
                var sums = new DeLongTest.Means();
                placed.forEachRemaining(row -> sums.add(row.positive(), row.challenger(), row.baseline()));
                return List.of(sums).iterator();
            }).treeAggregate(new DeLongTest.Means(), DeLongTest.Means::merge, DeLongTest.Means::merge);
            var zero = new DeLongTest.Spread(means);
            var spread = rows.mapPartitions(placed -> {
                var sums = new DeLongTest.Spread(means);
                placed.forEachRemaining(row -> sums.add(row.positive(), row.challenger(), row.baseline()));
                return List.of(sums).iterator();
            }).treeAggregate(zero, DeLongTest.Spread::merge, DeLongTest.Spread::merge);
            return DeLongTest.compare(means, spread);
        }
        finally {
            rows.unpersist(false);
        }
    }

    @Override
    public void close() {
        pairs.unpersist(false);
    }

    private static boolean predictsPositive(final PredictionRecord record, final String positive,
            final double threshold) {
        return record.predicted() == null ? record.score() >= threshold : record.predicted().equals(positive);
    }

    private static PredictionRecord first(final JavaRDD<PredictionRecord> records) {
        return records.map(record -> new Tuple2<>(record.order(), record))
                .aggregate(new Tuple2<>(Long.MAX_VALUE, (PredictionRecord) null), Pairing::earlier,
                        Pairing::earlier)._2();
    }

    private static <T> Tuple2<Long, T> earlier(final Tuple2<Long, T> a, final Tuple2<Long, T> b) {
        return b._1() < a._1() ? b : a;
    }

    private static long[] twoFirst(final long[] a, final long[] b) {
        var all = new long[] {a[0], a[1], b[0], b[1]};
        java.util.Arrays.sort(all);
        return new long[] {all[0], all[1]};
    }

    /** A row's class and its placements under both models. */
    private record Placed(boolean positive, double challenger, double baseline) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
