package io.mlcd.cli;

import io.mlcd.registry.Promoter;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlcd promote}: moves the champion alias to an approved, validated version. */
@Command(name = "promote", sortOptions = false,
        description = {"Point an alias (default champion) at a model version and keep the version that held it "
                + "as 'previous'. Refused unless the version has a PASSED (or WARNING) validation record and an "
                + "approval; --force overrides and is recorded on the version as mlcd.promotion.forced."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd promote --name churn --version 7 \\",
            "    --alias champion",
            "",
            "Prints the version as JSON. Exit status: 0 promoted, 1 refused, 2 usage, input or MLflow error."})
public final class PromoteCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Registered model name.")
    private String name;

    @Option(names = "--version", required = true, paramLabel = "N", description = "Model version.")
    private String version;

    @Option(names = "--alias", paramLabel = "ALIAS", defaultValue = "champion",
            description = "The alias to move (default: ${DEFAULT-VALUE}).")
    private String alias;

    @Option(names = "--previous-alias", paramLabel = "ALIAS", defaultValue = "previous",
            description = "Where the version that held the alias goes (default: ${DEFAULT-VALUE}).")
    private String previousAlias;

    @Option(names = "--by", paramLabel = "USER", description = "Who promotes (default: BUILD_URL, else USER).")
    private String by;

    @Option(names = "--force", description = "Promote without a passing validation record or an approval.")
    private boolean force;

    @Mixin
    private MlflowOptions mlflow;

    @Mixin
    private DebugOption debug;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        Names.named("--name", name);
        Names.version("--version", version);
        Names.named("--by", by);
        if (alias.equals(previousAlias)) {
            throw new InputException("--alias and --previous-alias must differ, both are '%s'", alias);
        }
        var client = mlflow.connect();
        var promotion = new Promoter(client, Clock.systemUTC()).promote(name, version, alias, previousAlias, force,
                by != null ? by : System.getenv().getOrDefault("BUILD_URL", System.getProperty("user.name")));
        var out = spec.commandLine().getOut();
        out.println(VersionJson.print(VersionJson.of(promotion.version())));
        out.flush();
        var err = spec.commandLine().getErr();
        err.println("promoted '" + name + "' version " + version + " to @" + alias
                + promotion.previousVersion().map(v -> "; version " + v + " is now @" + previousAlias).orElse("")
                + (promotion.waived().isEmpty() ? "" : "; FORCED past: " + String.join("; ", promotion.waived()))
                + " (" + client.calls() + " MLflow calls)");
        err.flush();
        return 0;
    }
}
