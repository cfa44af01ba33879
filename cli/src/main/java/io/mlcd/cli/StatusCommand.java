package io.mlcd.cli;

import io.mlcd.registry.ModelVersion;
import io.mlcd.registry.TrackingRun;
import io.mlcd.registry.VersionStatus;
import io.mlcd.util.Names;
import io.mlcd.util.SafeText;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlcd status}: the lineage of a model version, from the registry and its run. */
@Command(name = "status", sortOptions = false,
        description = {"Show the lineage of a model version: its run and metrics, validation and drift verdicts, "
                + "approval, promotion, CI build, data hashes and the model's aliases. Without --version or --alias: "
                + "the champion, else the newest version."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd status --name churn --alias champion",
            "  mlcd status --name churn --version 7 --json"})
public final class StatusCommand implements Callable<Integer> {
    private static final int METRICS_SHOWN = 10;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Registered model name.")
    private String name;

    @ArgGroup(exclusive = true)
    private Selector selector = new Selector();

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Mixin
    private MlflowOptions mlflow;

    @Mixin
    private DebugOption debug;

    @Mixin
    private HelpOption help;

    /** --version or --alias, not both. */
    static final class Selector {
        @Option(names = "--version", paramLabel = "N", description = "Model version.")
        private String version;

        @Option(names = "--alias", paramLabel = "ALIAS", description = "Alias, e.g. champion.")
        private String alias;
    }

    @Override
    public Integer call() {
        Names.named("--name", name);
        Names.version("--version", selector.version);
        Names.named("--alias", selector.alias);
        var status = VersionStatus.read(mlflow.connect(), name, selector.version, selector.alias);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(VersionJson.print(VersionJson.of(status)));
        }
        else {
            print(out, status);
        }
        out.flush();
        return 0;
    }

    private static void print(final PrintWriter out, final VersionStatus status) {
        var version = status.version();
        out.printf("%s%n", SafeText.line(version.name() + " version " + version.version() + "  " + version.status()
                + (version.aliases().isEmpty() ? "" : "  @" + String.join(" @", version.aliases()))));
        line(out, "source", version.source());
        status.sourceRun().ifPresentOrElse(run -> printRun(out, run),
                () -> line(out, "run", version.runId().isEmpty() ? "none" : version.runId() + " (not found)"));
        step(out, version, "validation", "validation");
        step(out, version, "data", "data check");
        step(out, version, "drift", "drift");
        version.tag("mlcd.approval.status").ifPresent(decision -> line(out, "approval", decision + " by "
                + version.tag("mlcd.approval.by").orElse("?") + " at " + version.tag("mlcd.approval.at").orElse("?")
                + version.tag("mlcd.approval.comment").filter(c -> !c.isEmpty()).map(c -> ": " + c).orElse("")));
        version.tag("mlcd.promotion.alias").ifPresent(alias -> line(out, "promotion", "@" + alias + " at "
                + version.tag("mlcd.promotion.at").orElse("?") + " by " + version.tag("mlcd.promotion.by").orElse("?")
                + version.tag("mlcd.promotion.replaced").map(v -> ", replaced version " + v).orElse("")
                + version.tag("mlcd.promotion.forced").map(f -> ", FORCED: " + f).orElse("")));
        version.tag("mlcd.registration.forced").ifPresent(forced -> line(out, "forced", forced));
        version.tag("mlcd.ci.build_url").ifPresent(url -> line(out, "CI build", url
                + version.tag("mlcd.ci.job").map(job -> " (" + job
                        + version.tag("mlcd.ci.build_number").map(n -> " #" + n).orElse("") + ")").orElse("")));
        version.tag("mlcd.git.commit").ifPresent(commit -> line(out, "git commit", commit));
        version.tags().forEach((key, value) -> {
            // registration's data hashes; the data check's own mlcd.data.* tags are its step line
            if (key.startsWith("mlcd.data.") && key.endsWith(".sha256")) {
                line(out, "data", key.substring("mlcd.data.".length(), key.length() - ".sha256".length()) + " sha256 "
                        + value);
            }
        });
        version.tag("mlcd.registered_at").ifPresent(at -> line(out, "registered", at));
        line(out, "model aliases", status.modelAliases().isEmpty() ? "none" : status.modelAliases().entrySet().stream()
                .map(entry -> "@" + entry.getKey() + " -> " + entry.getValue()).collect(Collectors.joining(", ")));
    }

    private static void printRun(final PrintWriter out, final TrackingRun run) {
        line(out, "run", run.runId() + " '" + run.name() + "' (experiment " + run.experimentId() + ", " + run.status() + ")");
        if (!run.metrics().isEmpty()) {
            var shown = run.metrics().entrySet().stream().limit(METRICS_SHOWN).map(StatusCommand::metric)
                    .collect(Collectors.joining(", "));
            var more = run.metrics().size() - METRICS_SHOWN;
            line(out, "metrics", shown + (more > 0 ? " (" + more + " more: --json shows all)" : ""));
        }
    }

    private static String metric(final Map.Entry<String, Double> entry) {
        return entry.getKey() + " " + String.format(Locale.ROOT, "%.4g", entry.getValue());
    }

    private static void step(final PrintWriter out, final ModelVersion version, final String step,
            final String label) {
        version.tag("mlcd." + step + ".verdict").ifPresent(verdict -> line(out, label,
                version.tag("mlcd." + step + ".summary").filter(summary -> summary.startsWith(verdict)).orElse(verdict)
                + version.tag("mlcd." + step + ".report").map(report -> " (report " + report + ")").orElse("")));
    }

    private static void line(final PrintWriter out, final String label, final String value) {
        out.printf("  %-14s %s%n", label, SafeText.line(value)); // tags are anyone's text: never obeyed by the terminal
    }
}
