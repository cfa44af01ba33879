package io.mlcd.cli;

import io.mlcd.registry.Approver;
import io.mlcd.util.Names;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlcd approve}: a human sign-off (or rejection) recorded on a model version. */
@Command(name = "approve", sortOptions = false,
        description = {"Record a human approval or rejection on a model version as mlcd.approval.* tags: "
                + "who, when, why. mlcd promote requires an approval."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd approve --name churn --version 7 --by alice \\",
            "    --comment 'fairness reviewed'",
            "  mlcd approve --name churn --version 7 --by bob \\",
            "    --reject --comment 'recall on F too low'",
            "",
            "Prints the version as JSON. Exit status: 0 recorded, 2 usage, input or MLflow error."})
public final class ApproveCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Registered model name.")
    private String name;

    @Option(names = "--version", required = true, paramLabel = "N", description = "Model version.")
    private String version;

    @Option(names = "--by", required = true, paramLabel = "USER", description = "Who decides.")
    private String by;

    @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "", description = "Why.")
    private String comment;

    @Option(names = "--reject", description = "Record a rejection instead of an approval.")
    private boolean reject;

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
        var client = mlflow.connect();
        var approval = new Approver(client, Clock.systemUTC()).decide(name, version, !reject, by, comment);
        var json = VersionJson.of(client.registry().version(name, version).orElseThrow());
        var out = spec.commandLine().getOut();
        out.println(VersionJson.print(json));
        out.flush();
        var err = spec.commandLine().getErr();
        err.println(approval.status() + ": '" + name + "' version " + version + " by " + by + " ("
                + client.calls() + " MLflow calls)");
        err.flush();
        return 0;
    }
}
