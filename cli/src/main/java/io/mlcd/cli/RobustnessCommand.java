package io.mlcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.report.RobustnessHtml;
import io.mlcd.report.RobustnessJson;
import io.mlcd.report.Summary;
import io.mlcd.robustness.PerturbedRowsWriter;
import io.mlcd.robustness.Perturber;
import io.mlcd.robustness.RobustnessGates;
import io.mlcd.robustness.RobustnessInput;
import io.mlcd.robustness.RobustnessOptions;
import io.mlcd.robustness.RobustnessRunner;
import io.mlcd.scoring.ServedModel;
import io.mlcd.scoring.Frame;
import io.mlcd.scoring.HttpScorer;
import io.mlcd.scoring.Predictions;
import io.mlcd.util.Names;
import io.mlcd.util.SafeText;
import io.mlcd.validation.Task;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlcd robustness}: perturbs the rows, scores them with the served model and gates on what changed. */
@Command(name = "robustness", sortOptions = false,
        description = {"Test a served model under plausible perturbations of its inputs: noise and shifts of numeric "
                + "columns bounded by the training profile, swaps of categories, missing values, all columns at "
                + "once. Measures flip rates, changes of the score and, with --label, of the headline metrics, each "
                + "with a 95%% interval; ranks columns by sensitivity; finds weak segments; evaluates gates on the "
                + "worse end of each interval."},
        footerHeading = "%nPerturbation specs (--perturb):%n",
        footer = {"  noise:COL:L    Gaussian noise, sd L x spread (IQR, or MAD when the IQR is 0)",
            "  shift:COL:L    every value moved by L x spread (L may be negative)",
            "  swap:COL       every value swapped for another frequent value",
            "  missing:COL    every value missing; missing:* one random column per row",
            "  noise:*:L      noise on every numeric column (shift:*:L, swap:* alike)",
            "  all:L          noise L on numeric columns, swaps with probability L",
            "  defaults       the default suite: per numeric column noise 0.05, 0.1,",
            "                 0.25 and shift 1; per categorical one swap; per column",
            "                 missing; missing:*; and all:0.05",
            "Values stay within the 1st..99th percentile (a value outside stays put);",
            "whole-number columns stay whole.",
            "",
            "Gate metrics (P = a perturbation spec of the run):",
            "  flip_rate[P]  mean_abs_change[P]  mean_rel_change[P]",
            "  roc_auc_drop[P]  accuracy_drop[P]  rmse_increase[P]  mae_increase[P]",
            "  max_<metric> over all perturbations, e.g. max_flip_rate",
            "  weak_segments: significant weak segments (a count)",
            "A gate passes when the worse end of the 95%% interval meets it,",
            "fails when the better end does not, else it is INCONCLUSIVE.",
            "",
            "Examples:",
            "  mlcd robustness --model-url http://127.0.0.1:5001 \\",
            "    --data test.csv --label y \\",
            "    --profile train-profile.json \\",
            "    --gate 'max_flip_rate <= 0.1' \\",
            "    --gate 'roc_auc_drop[missing:*] <= 0.02' \\",
            "    --report-dir out",
            "  mlcd robustness --model-url http://127.0.0.1:5001 \\",
            "    --data test.csv --perturb noise:income:0.1 \\",
            "    --perturb 'missing:*' --seed 7 \\",
            "    --gate 'flip_rate[noise:income:0.1] <= 0.05'",
            "",
            "Exit status: 0 PASSED, 1 FAILED, 3 WARNING, 2 usage or input error."})
public final class RobustnessCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The rows to perturb and score (CSV or JSON Lines); every column but --label and --drop "
                    + "is a feature sent to the model.")
    private Path data;

    @Option(names = "--label", paramLabel = "COL",
            description = "Column with the true label: adds the change of roc_auc and accuracy (classification) or "
                    + "rmse and mae (regression). Not sent to the model.")
    private String label;

    @Option(names = "--drop", paramLabel = "COL",
            description = "A column of --data that is not a feature and is not sent to the model (repeatable).")
    private List<String> drop = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Training profile (mlcd profile): percentiles, spreads and frequent values that bound the "
                    + "perturbations and the bins of weak segments; without it they come from --data.")
    private Path profile;

    @Option(names = "--perturb", paramLabel = "SPEC",
            description = "Run this perturbation (repeatable); given, the run has exactly these, 'defaults' adding "
                    + "the default suite (default: the default suite). See the specs below.")
    private List<String> perturb = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the random perturbations: the same seed gives the same rows (default: "
                    + "${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--save-perturbed", paramLabel = "DIR",
            description = "Write the rows sent to the model, with its answers as column mlcd_prediction: "
                    + "original.csv, one CSV per perturbation named after its spec, and index.csv.")
    private Path savePerturbed;

    @Option(names = "--decision-threshold", paramLabel = "X", defaultValue = "0.5",
            description = "Binary: a score >= X predicts the positive class; a flip crosses it (default: "
                    + "${DEFAULT-VALUE}).")
    private double decisionThreshold;

    @Option(names = "--positive-label", paramLabel = "V",
            description = "Binary with --label: the positive class; needed unless labels are 0/1, -1/1 or false/true.")
    private String positiveLabel;

    @Option(names = "--task", paramLabel = "TASK",
            description = "binary, multiclass or regression (default: inferred from the answers: probability lists "
                    + "and numbers in [0, 1] are classification, other numbers regression, texts class labels).")
    private String task;

    @Mixin
    private ScoringOptionsMixin scoring;

    @Mixin
    private GateOptions gateOptions;

    @Mixin
    private OutputOptions outputs;

    @Mixin
    private DebugOption debug;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        var commandLine = spec.commandLine();
        outputs.check(commandLine, false);
        scoring.check(commandLine, true);
        Names.named("--positive-label", positiveLabel);
        var options = new RobustnessOptions(task == null ? null : Task.fromId(task), decisionThreshold, positiveLabel);
        var err = commandLine.getErr();
        var progress = new StderrProgress(err);
        var input = RobustnessInput.read(data, label, drop, profile, perturb, progress);
        var policy = gateOptions.policy(input.catalog());
        RobustnessGates.check(policy);
        var saver = savePerturbed == null ? null : new PerturbedRowsWriter(savePerturbed, input.rows().columns());
        var unprofiled = input.unprofiled();
        if (!unprofiled.isEmpty()) {
            err.println("mlcd: the profile does not describe " + SafeText.line(String.join(", ", unprofiled), 300)
                    + " as the data types them; their bounds come from --data");
        }
        io.mlcd.robustness.RobustnessResult result;
        try (var served = scoring.open(commandLine, outputs.model().orElse(null), outputs.version().orElse(null),
                null, progress)) {
            result = input.run(served.scorer(), new Perturber(seed), options, policy, new Lines(err, saver));
        }
        var inputs = new RobustnessJson.Inputs(data.toString(), profile == null ? null : profile.toString(), model());
        var report = RobustnessJson.of(result, inputs, Instant.now());
        var summary = Summary.of(result.verdict(), result.gates());
        if (!result.columns().isEmpty()) {
            summary += "; most sensitive column: " + result.columns().get(0).column();
        }
        summary += outputs.publish("robustness", "robustness", report, RobustnessHtml::of, result.verdict(),
                result.gates(), result.metrics().asMap());
        var out = commandLine.getOut();
        out.println(summary);
        out.flush();
        return result.verdict().exitStatus();
    }

    private String model() {
        var url = scoring.modelUrl(spec.commandLine());
        return url != null ? HttpScorer.shown(url)
                : ServedModel.shown(scoring.deployCommand());
    }

    /** Progress on stderr, one line per scored set of rows, and the saved rows when asked. */
    private static final class Lines implements RobustnessRunner.Listener {
        private final PrintWriter err;
        @CheckForNull
        private final PerturbedRowsWriter saver;

        Lines(final PrintWriter err, @CheckForNull final PerturbedRowsWriter saver) {
            this.err = err;
            this.saver = saver;
        }

        @Override
        public void scoring(final String id, final int index, final int total) {
            err.printf(Locale.ROOT, "mlcd: scoring %s (%d of %d)%n", SafeText.line(id, 200), index + 1, total);
            err.flush();
        }

        @Override
        public void scored(final String id, final Frame rows, final Predictions predictions) {
            if (saver != null) {
                saver.scored(id, rows, predictions);
            }
        }
    }
}
