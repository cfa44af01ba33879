package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Outcome;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import io.mlcd.scoring.Frame;
import io.mlcd.scoring.Predictions;
import io.mlcd.scoring.Scorer;
import io.mlcd.util.InputException;
import io.mlcd.validation.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class RobustnessRunnerTest {
    private static final int N = 400;

    private final Frame rows = Rows.of(N);
    private final Bounds bounds = Bounds.of(rows, Optional.empty());
    private final Map<String, Frame> sent = new HashMap<>();

    @Test
    public void shouldCountFlipsAcrossTheStepExactly() {
        var result = run(Rows.numbers(Rows::step), null, List.of("shift:x:1", "missing:x", "noise:x:0.25",
                "noise:z:0.25", "swap:region"), List.of());
        // shift by IQR 50, clipped to p99 98.875: every x <= 50 (k 0..199) crosses the step, nothing falls
        assertThat(perturbation(result, "shift:x:1").flips()).isEqualTo(200);
        assertThat(perturbation(result, "shift:x:1").flipRate().value()).isEqualTo(0.5);
        // a missing x is not above 50: the 200 rows above flip down
        assertThat(perturbation(result, "missing:x").flips()).isEqualTo(200);
        assertThat(perturbation(result, "noise:x:0.25").flips()).isEqualTo(crossings("noise:x:0.25")).isPositive();
        assertThat(perturbation(result, "noise:z:0.25").flips()).isZero();
        assertThat(perturbation(result, "noise:z:0.25").meanAbsChange().value()).isZero();
        assertThat(perturbation(result, "swap:region").flips()).isZero();
        assertThat(result.task()).isEqualTo(Task.BINARY);
        assertThat(result.columns().get(0).column()).isEqualTo("x");
        assertThat(result.columns().get(0).maxFlipRate()).isEqualTo(0.5);
        assertThat(result.columns().get(0).worst()).isEqualTo("shift:x:1");
    }

    @Test
    public void shouldMeasureTheMeanChangeOfAScore() {
        // linear in z: the score moves by exactly the change of z / 100
        var result = run(Rows.numbers((frame, r) -> frame.number(1, r) / 100), null, List.of("noise:z:0.1"), List.of());
        var original = PerturberTest.column(rows, 1);
        var perturbed = PerturberTest.column(sent.get("noise:z:0.1"), 1);
        double absolute = 0;
        double relative = 0;
        for (int r = 0; r < N; r++) {
            absolute += Math.abs(perturbed[r] - original[r]) / 100;
            relative += Math.abs(perturbed[r] - original[r]) / original[r];
        }
        var measured = perturbation(result, "noise:z:0.1");
        assertThat(measured.meanAbsChange().value()).isCloseTo(absolute / N, within(1e-12));
        assertThat(measured.meanRelChange().value()).isCloseTo(relative / N, within(1e-12));
        assertThat(measured.meanAbsChange().lower()).isLessThan(absolute / N);
        assertThat(measured.meanAbsChange().upper()).isGreaterThan(absolute / N);
    }

    @Test
    public void shouldRankTheColumnTheModelDependsOnSharplyFirst() {
        // 0.3 or 0.7 by x, plus at most ±0.05 by z (a missing z imputed as 50): only x can cross the threshold
        var result = run(Rows.probabilities((frame, r) -> (frame.number(0, r) > 50 ? 0.7 : 0.3)
                + (Double.isNaN(frame.number(1, r)) ? 0 : frame.number(1, r) - 50) / 1000), null,
                List.of("defaults"), List.of());
        assertThat(result.columns()).extracting(ColumnSensitivity::column).containsExactly("x", "z", "region");
        assertThat(result.columns().get(1).maxFlipRate()).isZero();
        assertThat(result.columns().get(1).maxMeanAbsChange()).isPositive();
        assertThat(result.perturbations()).extracting(PerturbationResult::id).containsExactly("noise:x:0.05",
                "noise:x:0.1", "noise:x:0.25", "shift:x:1", "missing:x", "noise:z:0.05", "noise:z:0.1", "noise:z:0.25",
                "shift:z:1", "missing:z", "swap:region", "missing:region", "missing:*", "all:0.05");
    }

    @Test
    public void shouldJudgeGatesOnTheWorseEndOfTheInterval() {
        var result = run(Rows.numbers(Rows::step), null, List.of("shift:x:1", "noise:z:0.1"),
                List.of("flip_rate[shift:x:1.0] <= 0.05", "flip_rate[noise:z:0.1] <= 0.01", "max_flip_rate <= 0.5",
                    "max_flip_rate <= 0.6", "mean_abs_change[noise:z:0.1] <= 0", "weak_segments <= 1000"));
        assertThat(result.gates()).extracting(GateResult::outcome).containsExactly(Outcome.FAILED, Outcome.PASSED,
                Outcome.INCONCLUSIVE, Outcome.PASSED, Outcome.PASSED, Outcome.PASSED);
        // 0 of 400: Wilson's upper end 0.00952 is within 0.01
        assertThat(result.gates().get(1).message()).isEqualTo("flip_rate[noise:z:0.1] = 0, 95% interval [0, "
                + "0.00951229] vs <= 0.01: PASSED");
        assertThat(result.gates().get(2).message()).isEqualTo("max_flip_rate = 0.5 at shift:x:1; flip_rate[shift:x:1] "
                + "= 0.5, 95% interval [0.451235, 0.548765] vs <= 0.5: INCONCLUSIVE (the interval straddles the threshold)");
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.metrics().asMap()).containsEntry("flip_rate[shift:x:1]", 0.5).containsEntry("max_flip_rate",
                0.5);
    }

    @Test
    public void shouldMeasureTheDropOfRocAucAndAccuracyWithLabels() {
        // labels follow the step except every 10th row
        var values = new String[N];
        for (int r = 0; r < N; r++) {
            values[r] = (rows.number(0, r) > 50) != (r % 10 == 0) ? "1" : "0";
        }
        var labels = new Labels("y", values);
        var result = run(Rows.probabilities((frame, r) -> Rows.step(frame, r) + (frame.number(1, r) - 50) / 1000),
                labels, List.of("shift:x:1", "noise:z:0.05"), List.of("roc_auc_drop[shift:x:1] <= 0.02",
                    "accuracy_drop[noise:z:0.05] <= 0.02"));
        var original = result.originalMetrics().get("roc_auc");
        var shifted = perturbation(result, "shift:x:1");
        assertThat(original).isCloseTo(auc(labels, scores(result, "original")), within(1e-12));
        assertThat(shifted.metrics().get("roc_auc")).isCloseTo(auc(labels, scores(result, "shift:x:1")),
                within(1e-12));
        assertThat(shifted.metricChanges().get("roc_auc_drop").value()).isCloseTo(original
                - shifted.metrics().get("roc_auc"), within(1e-12));
        assertThat(shifted.metricChanges().get("roc_auc_drop").lower()).isPositive();
        assertThat(result.originalMetrics().get("accuracy")).isEqualTo(0.9);
        // after the shift every row is predicted positive: right only where the label is 1
        assertThat(shifted.metricChanges().get("accuracy_drop").value()).isEqualTo(0.9 - share(values, "1"));
        assertThat(perturbation(result, "noise:z:0.05").metricChanges().get("accuracy_drop"))
                .isEqualTo(new Estimate(0, 0, 0));
        assertThat(result.gates()).extracting(GateResult::outcome).containsExactly(Outcome.FAILED, Outcome.PASSED);
    }

    @Test
    public void shouldMeasureRegressionByTheChangeOfValueAndError() {
        var values = new String[N];
        for (int r = 0; r < N; r++) {
            values[r] = Double.toString(2 * rows.number(1, r) + 3 + (r % 3 - 1));
        }
        var result = run(Rows.numbers((frame, r) -> 2 * frame.number(1, r) + 3), new Labels("y", values),
                List.of("shift:z:1"), List.of("flip_rate[shift:z:1] <= 0.1", "rmse_increase[shift:z:1] <= 1"));
        assertThat(result.task()).isEqualTo(Task.REGRESSION);
        var shifted = perturbation(result, "shift:z:1");
        double change = 0;
        for (int r = 0; r < N; r++) {
            var z = rows.number(1, r);
            change += 2 * (Math.min(Math.max(98.875, z), z + 50) - z);
        }
        assertThat(shifted.meanAbsChange().value()).isCloseTo(change / N, within(1e-9));
        assertThat(shifted.flipRate()).isNull();
        // labels off by 1 in the rows r % 3 != 1: 267 of 400
        assertThat(result.originalMetrics().get("mae")).isCloseTo(267.0 / 400, within(1e-12));
        assertThat(shifted.metricChanges().get("rmse_increase").lower()).isGreaterThan(10);
        assertThat(result.gates()).extracting(GateResult::message).containsExactly(
                "flip_rate is not measured for regression models", result.gates().get(1).message());
        assertThat(result.gates()).extracting(GateResult::outcome).containsExactly(Outcome.ERROR, Outcome.FAILED);
    }

    @Test
    public void shouldFlipMulticlassAnswersByTheirLargestProbability() {
        // classes a, b, c as scikit-learn orders them: x below 33, below 66, above
        Scorer thirds = new Scorer() {
            @Override
            public Predictions score(final Frame frame) {
                var vectors = new double[frame.rows()][];
                for (int r = 0; r < vectors.length; r++) {
                    var c = third(frame.number(0, r));
                    vectors[r] = new double[] {c == 0 ? 0.8 : 0.1, c == 1 ? 0.8 : 0.1, c == 2 ? 0.8 : 0.1};
                }
                return Predictions.ofVectors(vectors, io.mlcd.scoring.AnswerFormat.LAST);
            }

            @Override
            public void close() {
            }
        };
        var values = new String[N];
        for (int r = 0; r < N; r++) {
            values[r] = List.of("a", "b", "c").get(third(rows.number(0, r)));
        }
        var result = run(thirds, new Labels("y", values), List.of("noise:x:0.25", "noise:z:0.25"),
                List.of("accuracy_drop[noise:x:0.25] <= 0.5"));
        assertThat(result.task()).isEqualTo(Task.MULTICLASS);
        assertThat(result.originalMetrics()).containsEntry("accuracy", 1.0).doesNotContainKey("roc_auc");
        var noisy = sent.get("noise:x:0.25");
        var expected = 0;
        for (int r = 0; r < N; r++) {
            expected += third(rows.number(0, r)) != third(noisy.number(0, r)) ? 1 : 0;
        }
        var measured = perturbation(result, "noise:x:0.25");
        assertThat(measured.flips()).isEqualTo(expected).isPositive();
        assertThat(measured.metricChanges().get("accuracy_drop").value()).isEqualTo((double) expected / N);
        assertThat(perturbation(result, "noise:z:0.25").flips()).isZero();
        assertThat(result.gates().get(0).outcome()).isEqualTo(Outcome.PASSED);
    }

    private static int third(final double x) {
        return x < 33 ? 0 : x < 66 ? 1 : 2;
    }

    @Test
    public void shouldFindThePlantedWeakSegment() {
        var many = Rows.of(1000);
        var north = Rows.numbers((frame, r) -> "north".equals(frame.text(2, r)) ? Rows.step(frame, r) : 0.1);
        var result = new RobustnessRunner(north, new Perturber(1), RobustnessOptions.DEFAULTS, RobustnessRunner.Listener.NONE)
                .run(many, null, Bounds.of(many, Optional.empty()), Optional.empty(),
                        PerturbationSuite.of(List.of("shift:x:1"), many, Bounds.of(many, Optional.empty())),
                        new Policy(List.of()));
        var segments = result.segments();
        // flips: north rows with x <= 50, all of which the shift by IQR 125 carries across
        var flipped = 0;
        for (int r = 0; r < many.rows(); r++) {
            flipped += "north".equals(many.text(2, r)) && many.number(0, r) <= 50 ? 1 : 0;
        }
        var expected = flipped / 400.0;
        assertThat(segments.significant()).isPositive();
        assertThat(segments.segments()).filteredOn(segment -> segment.description().equals("region = north"))
                .singleElement().satisfies(segment -> {
                    assertThat(segment.significant()).isTrue();
                    assertThat(segment.rows()).isEqualTo(400);
                    assertThat(segment.sensitivity()).isEqualTo(expected).isPositive();
                    assertThat(segment.otherSensitivity()).isZero();
                });
        assertThat(segments.segments()).filteredOn(WeakSegment::significant)
                .allSatisfy(segment -> assertThat(segment.description()).doesNotContain("region = south"));
    }

    @Test
    public void shouldRefuseGatesAgainstABaselineAndBinaryLabelsWithoutAnObviousPositive() {
        assertThatThrownBy(() -> run(Rows.numbers(Rows::step), null, List.of("shift:x:1"),
                List.of("flip_rate[shift:x:1] <= baseline"))).isInstanceOf(InputException.class).hasMessage(
                        "gate 'flip_rate[shift:x:1] <= baseline': robustness gates compare with a number, e.g. "
                                + "flip_rate[shift:x:1] <= 0.05; the unperturbed rows are the baseline already");
        var labels = new String[N];
        java.util.Arrays.fill(labels, "yes");
        labels[0] = "no";
        assertThatThrownBy(() -> run(Rows.numbers(Rows::step), new Labels("y", labels), List.of("shift:x:1"),
                List.of())).isInstanceOf(InputException.class).hasMessage(
                        "the labels of column 'y' are [no, yes]; say which one is positive with --positive-label");
    }

    private RobustnessResult run(final Scorer scorer, final Labels labels, final List<String> specs,
            final List<String> gates) {
        var suite = PerturbationSuite.of(specs, rows, bounds);
        var policy = new GateParser(new RobustnessCatalog(suite.ids())).policy(gates, List.of());
        var listener = new RobustnessRunner.Listener() {
            @Override
            public void scored(final String id, final Frame frame, final Predictions predictions) {
                sent.put(id, frame);
                answers.put(id, predictions);
            }
        };
        return new RobustnessRunner(scorer, new Perturber(42), RobustnessOptions.DEFAULTS, listener)
                .run(rows, labels, bounds, Optional.empty(), suite, policy);
    }

    private final Map<String, Predictions> answers = new HashMap<>();

    private double[] scores(final RobustnessResult result, final String id) {
        var predictions = answers.get(id);
        var scores = new double[predictions.size()];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = predictions.score(r);
        }
        return scores;
    }

    /** Rows of the perturbed frame on the other side of the step than the original row. */
    private int crossings(final String id) {
        var perturbed = sent.get(id);
        var count = 0;
        for (int r = 0; r < N; r++) {
            count += (rows.number(0, r) > 50) != (perturbed.number(0, r) > 50) ? 1 : 0;
        }
        return count;
    }

    /** ROC AUC by counting pairs: the share of (positive, negative) pairs ranked right, ties half. */
    private static double auc(final Labels labels, final double[] scores) {
        var positives = new ArrayList<Double>();
        var negatives = new ArrayList<Double>();
        for (int r = 0; r < scores.length; r++) {
            ("1".equals(labels.get(r)) ? positives : negatives).add(scores[r]);
        }
        double sum = 0;
        for (double p : positives) {
            for (double q : negatives) {
                sum += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        return sum / positives.size() / negatives.size();
    }

    private static double share(final String[] values, final String value) {
        return java.util.Arrays.stream(values).filter(value::equals).count() / (double) values.length;
    }

    private static PerturbationResult perturbation(final RobustnessResult result, final String id) {
        return result.perturbations().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
