package io.mlcd.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.junit.Test;

/** A walk cut into segments, each started from the counts above it, equals one walk, bit for bit. */
public class RankingSegmentTest {
    @Test
    public void shouldGiveTheSameMetricsAndCurvesHoweverTheScoresAreCut() {
        var random = new Random(11);
        for (int size : new int[] {1, 7, 399, 400, 401, 5000}) {
            var positives = new double[size];
            var negatives = new double[size + 3];
            for (int i = 0; i < positives.length; i++) {
                positives[i] = Math.round(random.nextDouble() * 3000) / 3000.0;
            }
            for (int i = 0; i < negatives.length; i++) {
                negatives[i] = Math.round(random.nextDouble() * random.nextDouble() * 3000) / 3000.0;
            }
            Arrays.sort(positives);
            Arrays.sort(negatives);
            var whole = Ranking.of(positives, negatives);
            for (int parts : new int[] {1, 3, 16}) {
                var cut = segmented(positives, negatives, parts);
                assertThat(cut.rocAuc()).as(size + " rows in " + parts).isEqualTo(whole.rocAuc());
                assertThat(cut.averagePrecision()).isEqualTo(whole.averagePrecision());
                assertThat(cut.roc()).isEqualTo(whole.roc());
                assertThat(cut.precisionRecall()).isEqualTo(whole.precisionRecall());
            }
            assertThat(whole.roc().x().length).isBetween(Math.min(size, Ranking.CURVE_POINTS), 2 * Ranking.CURVE_POINTS + 2);
        }
    }

    @Test
    public void shouldKeepEveryPointOfShortCurvesAndAnEvenSpreadPlusTheLastOfLongOnes() {
        assertThat(java.util.stream.LongStream.range(0, 400).allMatch(i -> Ranking.keeps(i, 400))).isTrue();
        assertThat(java.util.stream.LongStream.range(0, 401).filter(i -> Ranking.keeps(i, 401)).count())
                .isEqualTo(201);
        assertThat(Ranking.keeps(1000, 1001)).isTrue();
        assertThat(Ranking.keeps(999, 1001)).isFalse();
    }

    @Test
    public void shouldRefuseSegmentsMergedOutOfOrder() {
        var totals = new Ranking.Totals(2, 2, 2);
        var first = new Ranking.Segment(totals, 0, 0, 0);
        first.add(1, 1);
        var third = new Ranking.Segment(totals, 1, 1, 5);
        third.add(1, 1);
        assertThatThrownBy(() -> first.merge(third)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(first::finish).isInstanceOf(IllegalStateException.class);
    }

    /** Cuts the distinct scores into about {@code parts} runs, walked separately and merged. */
    private static Ranking segmented(final double[] positives, final double[] negatives, final int parts) {
        var table = new TreeMap<Double, long[]>(java.util.Comparator.reverseOrder());
        for (double score : positives) {
            table.computeIfAbsent(score, s -> new long[2])[0]++;
        }
        for (double score : negatives) {
            table.computeIfAbsent(score, s -> new long[2])[1]++;
        }
        var totals = new Ranking.Totals(positives.length, negatives.length, table.size());
        var steps = table.values().toArray(long[][]::new);
        var per = Math.max(1, (steps.length + parts - 1) / parts);
        Ranking.Segment merged = null;
        long tp = 0;
        long fp = 0;
        for (int start = 0; start < steps.length; start += per) {
            var segment = new Ranking.Segment(totals, tp, fp, start);
            for (int k = start; k < Math.min(steps.length, start + per); k++) {
                segment.add(steps[k][0], steps[k][1]);
                tp += steps[k][0];
                fp += steps[k][1];
            }
            merged = merged == null ? segment : merged.merge(segment);
        }
        return merged.finish();
    }
}
