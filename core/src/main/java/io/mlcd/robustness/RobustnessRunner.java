package io.mlcd.robustness;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.Profile;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import io.mlcd.scoring.Frame;
import io.mlcd.scoring.Predictions;
import io.mlcd.scoring.Scorer;
import io.mlcd.validation.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores the original rows, then each perturbation's rows, with the same scorer, and measures what
 * changed: flips of the predicted class (binary: at the decision threshold; multiclass: the argmax
 * or the label), the change of the score or value, and with labels the change of the headline
 * metrics. Then ranks the columns, looks for weak segments and judges the gates.
 */
public final class RobustnessRunner {
    /** Hears of the run's progress; {@link #scored} receives every scored frame, e.g. to save it. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Before the rows named {@code id} are scored ({@code original} first), the index-th of total. */
        default void scoring(final String id, final int index, final int total) {
        }

        /** After scoring, with the rows sent and the answers. */
        default void scored(final String id, final Frame rows, final Predictions predictions) {
        }
    }

    /** The name of the unperturbed rows in listener calls and saved files. */
    public static final String ORIGINAL = "original";

    private final Scorer scorer;
    private final Perturber perturber;
    private final RobustnessOptions options;
    private final Listener listener;

    public RobustnessRunner(final Scorer scorer, final Perturber perturber, final RobustnessOptions options,
            final Listener listener) {
        this.scorer = scorer;
        this.perturber = perturber;
        this.options = options;
        this.listener = listener;
    }

    /**
     * @param labels the rows' true labels, or null without a label column
     */
    public RobustnessResult run(final Frame rows, @CheckForNull final Labels labels, final Bounds bounds,
            final Optional<Profile> profile, final PerturbationSuite suite, final Policy policy) {
        if (labels != null && labels.size() != rows.rows()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + rows.rows() + " rows");
        }
        RobustnessGates.check(policy);
        var total = suite.perturbations().size() + 1;
        listener.scoring(ORIGINAL, 0, total);
        var answers = score(rows);
        listener.scored(ORIGINAL, rows, answers);
        var notes = new ArrayList<String>();
        var task = options.task() != null ? options.task() : Outputs.infer(answers, labels);
        var classNames = labels != null && answers.isVector() ? labels.classes() : List.<String>of();
        if (task == Task.MULTICLASS && answers.isVector() && answers.size() > 0
                && classNames.size() != answers.vector(0).length) {
            notes.add("the model answers " + answers.vector(0).length + " class probabilities but the labels hold "
                    + classNames.size() + " classes, so classes are named by index and accuracy is not measured");
            classNames = List.of();
        }
        var original = Outputs.of(answers, task, options.decisionThreshold(), classNames);
        var metrics = labelMetrics(task, labels, original, classNames, answers, notes);
        var originalMetrics = metrics == null ? Map.<String, Double>of() : metrics.metrics(original);
        var sensitivity = new double[rows.rows()];
        var results = new ArrayList<PerturbationResult>();
        var index = 1;
        for (Perturbation perturbation : suite.perturbations()) {
            listener.scoring(perturbation.id(), index++, total);
            var perturbed = perturber.apply(perturbation, rows, bounds);
            var perturbedAnswers = score(perturbed.rows());
            listener.scored(perturbation.id(), perturbed.rows(), perturbedAnswers);
            var outputs = Outputs.of(perturbedAnswers, task, options.decisionThreshold(), classNames);
            results.add(measure(perturbation, perturbed.changedRows(), original, outputs, metrics, task, sensitivity));
        }
        for (int r = 0; r < sensitivity.length; r++) {
            sensitivity[r] /= Math.max(1, results.size());
        }
        var ranking = ranking(results, task);
        var segments = WeakSegments.find(rows, bounds, profile, sensitivity,
                ranking.stream().map(ColumnSensitivity::column).toList());
        var gates = RobustnessGates.evaluate(policy, results, segments);
        return new RobustnessResult(task, rows.rows(), perturber.seed(), options.decisionThreshold(),
                labels == null ? null : labels.column(), bounds.all(), originalMetrics, results, ranking, segments,
                RobustnessGates.metrics(results, segments), gates, Verdict.of(gates), notes);
    }

    private Predictions score(final Frame rows) {
        var predictions = scorer.score(rows);
        if (predictions.size() != rows.rows()) {
            throw new IllegalStateException("the scorer answered " + predictions.size() + " predictions for "
                    + rows.rows() + " rows");
        }
        return predictions;
    }

    @CheckForNull
    private LabelMetrics labelMetrics(final Task task, @CheckForNull final Labels labels, final Outputs original,
            final List<String> classNames, final Predictions answers, final List<String> notes) {
        if (labels == null) {
            return null;
        }
        if (task == Task.MULTICLASS && answers.isVector() && classNames.isEmpty()) {
            return null;
        }
        var positive = task == Task.BINARY && original.hasAnyScore() ? labels.positive(options.positiveLabel()) : null;
        return new LabelMetrics(task, labels, positive);
    }

    private static PerturbationResult measure(final Perturbation perturbation, final int changedRows,
            final Outputs original, final Outputs perturbed, @CheckForNull final LabelMetrics metrics, final Task task,
            final double[] sensitivity) {
        var n = original.scores().length;
        var absolute = new double[n];
        var relative = new double[n];
        for (int r = 0; r < n; r++) {
            var before = original.scores()[r];
            var change = Math.abs(perturbed.scores()[r] - before);
            absolute[r] = change;
            relative[r] = before == 0 ? Double.NaN : change / Math.abs(before);
        }
        long flips = 0;
        Estimate flipRate = null;
        if (task != Task.REGRESSION) {
            for (int r = 0; r < n; r++) {
                if (!java.util.Objects.equals(original.classes()[r], perturbed.classes()[r])) {
                    flips++;
                    sensitivity[r]++;
                }
            }
            flipRate = Estimate.wilson(flips, n);
        }
        else {
            for (int r = 0; r < n; r++) {
                sensitivity[r] += Double.isNaN(absolute[r]) ? 0 : absolute[r];
            }
        }
        return new PerturbationResult(perturbation, n, changedRows, flips, flipRate, Estimate.mean(absolute),
                Estimate.mean(relative), metrics == null ? Map.of() : metrics.metrics(perturbed),
                metrics == null ? Map.of() : metrics.changes(original, perturbed));
    }

    /** Columns by their largest flip rate (regression: mean absolute change), most fragile first. */
    private static List<ColumnSensitivity> ranking(final List<PerturbationResult> results, final Task task) {
        var byColumn = new LinkedHashMap<String, List<PerturbationResult>>();
        for (PerturbationResult result : results) {
            result.perturbation().column().ifPresent(column ->
                    byColumn.computeIfAbsent(column, key -> new ArrayList<>()).add(result));
        }
        var ranking = new ArrayList<ColumnSensitivity>();
        byColumn.forEach((column, own) -> {
            var flip = own.stream().mapToDouble(r -> r.flipRate() == null ? Double.NaN : r.flipRate().value())
                    .filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
            var change = own.stream().mapToDouble(r -> r.meanAbsChange().value()).filter(value -> !Double.isNaN(value))
                    .max().orElse(Double.NaN);
            Comparator<PerturbationResult> key = task == Task.REGRESSION
                    ? Comparator.comparingDouble(r -> nanLow(r.meanAbsChange().value()))
                    : Comparator.<PerturbationResult>comparingDouble(r -> nanLow(r.flipRate().value()))
                            .thenComparingDouble(r -> nanLow(r.meanAbsChange().value()));
            var worst = own.stream().max(key).orElseThrow();
            ranking.add(new ColumnSensitivity(column, flip, change, worst.id(),
                    own.stream().map(PerturbationResult::id).toList()));
        });
        Comparator<ColumnSensitivity> order = task == Task.REGRESSION
                ? Comparator.comparingDouble(c -> -nanLow(c.maxMeanAbsChange()))
                : Comparator.<ColumnSensitivity>comparingDouble(c -> -nanLow(c.maxFlipRate()))
                        .thenComparingDouble(c -> -nanLow(c.maxMeanAbsChange()));
        ranking.sort(order);
        return ranking;
    }

    private static double nanLow(final double value) {
        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
    }
}
