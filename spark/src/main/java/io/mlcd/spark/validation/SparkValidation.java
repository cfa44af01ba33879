package io.mlcd.spark.validation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.Policy;
import io.mlcd.util.InputException;
import io.mlcd.validation.BinaryEvaluator;
import io.mlcd.validation.Comparison;
import io.mlcd.validation.Evaluation;
import io.mlcd.validation.MulticlassEvaluator;
import io.mlcd.validation.RegressionEvaluator;
import io.mlcd.validation.Task;
import io.mlcd.validation.TaskInference;
import io.mlcd.validation.ValidationResult;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code mlcd validate} on a predictions data set that Spark reads: every metric, slice, fairness
 * metric and paired test of the CLI, with the same values, from aggregates computed on the
 * executors (no row is brought to the driver). The spec is the CLI's: its predictions and
 * baseline paths name the data sets in reports and errors, its columns and options mean the same.
 * A baseline is paired by id ({@code spec.id()} is required with one: a distributed data set has
 * no row order to pair by).
 */
public final class SparkValidation {
    private SparkValidation() {
    }

    /**
     * @param predictions the challenger's predictions
     * @param spec        columns and options, as for {@link Validator}
     * @param baseline    the baseline's predictions for the same rows, present exactly when
     *                    {@code spec.baseline()} names them
     * @throws InputException for bad input, before anything is evaluated
     */
    public static ValidationResult validate(final Dataset<Row> predictions, final ValidationSpec spec,
            final Optional<Dataset<Row>> baseline, final Policy policy) {
        if (baseline.isPresent() != (spec.baseline() != null)) {
            throw new IllegalArgumentException("give a baseline data set exactly when the spec names one");
        }
        Validator.checkGates(spec, policy);
        var name = spec.predictions().toString();
        Predictions.checkColumns(predictions, name, spec);
        var baselineName = spec.baseline() == null ? null : spec.baseline().toString();
        if (baseline.isPresent()) {
            Predictions.checkColumns(baseline.get(), baselineName, spec);
            if (spec.id() == null) {
                throw new InputException("a baseline on Spark needs --id COLUMN: the rows of a distributed data set "
                        + "have no order to pair them by");
            }
        }
        var task = task(predictions, name, spec);
        Validator.checkTask(spec, task);
        var challenger = new Predictions(predictions, name, spec, task);
        var scan = scan(challenger, spec);
        var base = baseline.map(data -> new Predictions(data, baselineName, spec, task)).orElse(null);
        var baseScan = base == null ? null : scan(base, spec);
        try (var pairing = base == null ? null : Pairing.of(challenger, scan.rows(), base, baseScan.rows(), task)) {
            return switch (task) {
                case BINARY -> binary(spec, policy, challenger, scan, base, baseScan, pairing);
                case MULTICLASS -> {
                    var evaluation = multiclass(challenger, scan);
                    var comparisons = pairing == null ? List.<Comparison>of() : List.of(pairing.accuracy());
                    yield Validator.result(spec, policy, evaluation, base == null ? null : multiclass(base, baseScan),
                            comparisons, null);
                }
                case REGRESSION -> Validator.result(spec, policy, regression(challenger, scan),
                        base == null ? null : regression(base, baseScan), List.of(), null);
            };
        }
    }

    private static Task task(final Dataset<Row> predictions, final String name, final ValidationSpec spec) {
        if (spec.task() != null) {
            return spec.task();
        }
        if (spec.score() != null) {
            return Task.BINARY;
        }
        return Jobs.run(name, () -> TaskInference.fromSample(Predictions.sample(predictions, spec,
                TaskInference.SAMPLE)));
    }

    /** The checking pass, and the id check the CLI makes whenever --id is given. */
    private static Scan scan(final Predictions predictions, final ValidationSpec spec) {
        var scan = predictions.scan();
        scan.check(predictions.name());
        if (spec.id() != null) {
            Pairing.checkUniqueIds(predictions.records(), predictions.name(), spec.id());
        }
        return scan;
    }

    private static ValidationResult binary(final ValidationSpec spec, final Policy policy, final Predictions challenger,
            final Scan scan, @CheckForNull final Predictions base, @CheckForNull final Scan baseScan,
            @CheckForNull final Pairing pairing) {
        var classes = scan.classes(challenger.name(), Task.BINARY);
        var baseClasses = baseScan == null ? null : baseScan.classes(base.name(), Task.BINARY);
        var positive = Validator.positiveLabel(spec, classes, challenger.name(), baseClasses,
                base == null ? null : base.name());
        var scorer = spec.score() != null;
        var rankings = new ArrayList<ScoreRanking>();
        try {
            var ranking = scorer ? Jobs.run(challenger.name(), () -> ScoreRanking.of(challenger.scored(), positive))
                    : null;
            if (ranking != null) {
                rankings.add(ranking);
            }
            var evaluation = binary(spec, challenger, scan, classes, positive, ranking);
            Evaluation baseline = null;
            var comparisons = List.<Comparison>of();
            if (base != null) {
                var baseRanking = scorer ? Jobs.run(base.name(), () -> ScoreRanking.of(base.scored(), positive))
                        : null;
                if (baseRanking != null) {
                    rankings.add(baseRanking);
                }
                baseline = binary(spec, base, baseScan, baseClasses, positive, baseRanking);
                comparisons = pairing.binary(positive, spec.decisionThreshold(), ranking, baseRanking);
            }
            return Validator.result(spec, policy, evaluation, baseline, comparisons, positive);
        }
        finally {
            rankings.forEach(ScoreRanking::close);
        }
    }

    private static Evaluation binary(final ValidationSpec spec, final Predictions predictions, final Scan scan,
            final List<String> classes, final String positive, @CheckForNull final ScoreRanking ranking) {
        var scorer = ranking != null;
        var scores = scorer ? Jobs.run(predictions.name(), ranking::scores) : null;
        return BinaryEvaluator.evaluate(classes, classes.indexOf(positive), scan.confusion(positive, scorer),
                scan.slices(predictions.name(), spec.groups(), positive, scorer),
                scores == null ? null : scores.ranking(), scores == null ? null : scores.losses());
    }

    private static Evaluation multiclass(final Predictions predictions, final Scan scan) {
        var classes = scan.classes(predictions.name(), Task.MULTICLASS);
        return MulticlassEvaluator.evaluate(classes, scan.matrix(classes));
    }

    /** The second pass of R²: the labels' spread around their mean. */
    private static Evaluation regression(final Predictions predictions, final Scan scan) {
        var sums = scan.sums();
        var mean = sums.mean();
        var spread = Jobs.run(predictions.name(), () -> predictions.records().mapPartitions(records -> {
            var part = new RegressionEvaluator.Spread(mean);
            records.forEachRemaining(record -> part.add(record.score()));
            return List.of(part).iterator();
        }).treeAggregate(new RegressionEvaluator.Spread(mean), RegressionEvaluator.Spread::merge,
                RegressionEvaluator.Spread::merge));
        return RegressionEvaluator.evaluate(sums, spread);
    }
}
